// The owner's address: "JL. MERDEKA NO. 12 RT. 001 RW. 002 KEL. MENTENG
// KEC. MENTENG JAKARTA PUSAT". Digit/letter swaps are fixed where the context
// says which is meant (inside words, in RT/RW numbers), and the kelurahan,
// kecamatan and city names are snapped to idn-area-data when close, checking
// that they nest (village in district in city) where the data allows.
#include <algorithm>
#include <regex>
#include <set>
#include <string_view>

#include "bpkb/fields/area_data.h"
#include "bpkb/fields/confusions.h"
#include "bpkb/fields/fuzzy.h"
#include "bpkb/fields/lexicons.h"
#include "bpkb/fields/normalisers.h"
#include "bpkb/fields/text_util.h"

namespace bpkb::fields {
namespace {

constexpr double kPlaceRelative = 0.25;
// Within the few names of one district or city a misread may be further off.
constexpr double kNestedPlaceRelative = 0.35;
constexpr size_t kNestedListSize = 400;
constexpr double kNoMatch = 100.0;

bool OneOf(const std::string& w, std::initializer_list<std::string_view> options) {
  return std::find(options.begin(), options.end(), w) != options.end();
}
bool VillageMarker(const std::string& w) {
  return OneOf(w, {"KEL.", "KEL", "KEL:", "KEL.:", "KELURAHAN", "DESA", "DS.", "DS", "DES."});
}
bool DistrictMarker(const std::string& w) {
  return OneOf(w, {"KEC.", "KEC", "KEC:", "KEC.:", "KECAMATAN"});
}
bool CityMarker(const std::string& w) {
  return OneOf(w, {"KOTA", "KOTA.", "KAB.", "KAB", "KABUPATEN", "KOTAMADYA", "KODYA"});
}
// Hamlet/kampung names are village names of the same district.
bool HamletMarker(const std::string& w) {
  return OneOf(w, {"KP.", "KP", "KAMPUNG", "DUSUN", "DSN.", "DSN"});
}
bool CityMarkerTail(const std::string& w) { return OneOf(w, {"ADM.", "ADM", "ADMINISTRASI"}); }
// The word before a block's code ("BLOK G6", "BLK. E11").
bool BlockMarker(const std::string& w) { return OneOf(w, {"BLOK", "BLK.", "BLK"}); }
bool OtherMarker(const std::string& w) {
  return OneOf(w, {"RT.", "RT", "RW.", "RW", "PROV.", "PROV", "PROVINSI", "JL.", "JL", "NO.", "NO",
                   "GG.", "GG", "BLOK", "PERUM"});
}

// Abbreviations and keywords of addresses; a word with a digit that is one
// confusion away from one of them is that word ("G6." -> "GG.", "N0." -> "NO.").
const std::vector<std::string>& AddressKeywords() {
  static const std::vector<std::string> k = {
      "JL.",   "GG.",       "NO.",       "KP.",       "RT.",       "RW.",     "KEL.",
      "KEC.",  "DS.",       "KAB.",      "BLK.",      "DSN.",      "JL",      "GG",
      "NO",    "KP",        "RT",        "RW",        "KEL",       "KEC",     "DS",
      "KAB",   "KOTA",      "DESA",      "BLOK",      "PERUM",     "DUSUN",   "GANG",
      "JALAN", "KELURAHAN", "KECAMATAN", "KABUPATEN", "PERUMAHAN", "KOMPLEK", "LORONG"};
  return k;
}

std::string FixKeywords(const std::string& s, int* fixes) {
  std::vector<std::string> words = SplitWords(s);
  for (size_t i = 0; i < words.size(); ++i) {
    std::string& w = words[i];
    // A block's code ("BLOK G6") is letters and digits of its own.
    if (i > 0 && BlockMarker(words[i - 1])) continue;
    // (An abbreviation's full stop says it is one: "KEG." -> "KEC.".)
    const bool abbreviation = w.size() >= 3 && w.back() == '.';
    if (!abbreviation && std::none_of(w.begin(), w.end(), [](char c) { return IsDigit(c); })) {
      continue;
    }
    if (std::find(AddressKeywords().begin(), AddressKeywords().end(), w) !=
        AddressKeywords().end()) {
      continue;
    }
    SnapMatch m = SnapConfusions(w, AddressKeywords(), 0.5);
    if (m.index >= 0) {
      w = AddressKeywords()[static_cast<size_t>(m.index)];
      ++*fixes;
    }
  }
  return JoinWords(words, 0, words.size());
}
// A block's code is a letter and a number ("BLOK F12"): an I or L in the number
// is a 1, an O or Q a 0 ("BLOK FI2").
std::string FixBlockCodes(const std::string& s, int* fixes) {
  std::vector<std::string> words = SplitWords(s);
  for (size_t i = 1; i < words.size(); ++i) {
    if (!BlockMarker(words[i - 1])) continue;
    std::string& w = words[i];
    if (w.size() < 2 || w.size() > 5 || !IsUpper(w[0])) continue;
    const std::string_view number = std::string_view(w).substr(1);
    const bool has_digit = std::any_of(number.begin(), number.end(), IsDigit);
    const bool digit_like = std::all_of(number.begin(), number.end(), [](char c) {
      return IsDigit(c) || std::string_view("ILOQ").find(c) != std::string_view::npos;
    });
    if (!has_digit || !digit_like) continue;
    for (size_t k = 1; k < w.size(); ++k) {
      if (IsDigit(w[k])) continue;
      w[k] = DigitFor(w[k]);
      ++*fixes;
    }
  }
  return JoinWords(words, 0, words.size());
}

// Abbreviations that addresses print with their full stop ("KEC. MENTENG");
// a full stop lost in reading (it often sits on the dotted leader) is put back
// when a word follows.
std::string RestoreFullStops(const std::string& s, int* fixes) {
  static const std::vector<std::string> kDotted = {"JL",  "GG", "NO",  "KP",  "KEL",
                                                   "KEC", "DS", "KAB", "DSN", "BLK"};
  std::vector<std::string> words = SplitWords(s);
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    if (std::find(kDotted.begin(), kDotted.end(), words[i]) == kDotted.end()) continue;
    words[i] += '.';
    ++*fixes;
  }
  return JoinWords(words, 0, words.size());
}

bool AnyMarker(const std::string& w) {
  // "RT.008/RW.012", "RT001": a number part starts here too.
  if (w.size() > 2 && (w.compare(0, 2, "RT") == 0 || w.compare(0, 2, "RW") == 0) &&
      !IsUpper(w[2])) {
    return true;
  }
  return VillageMarker(w) || DistrictMarker(w) || CityMarker(w) || OtherMarker(w) ||
         HamletMarker(w);
}

// The colon before the value read as a letter or digit ahead of the address's
// first word ("I JL. MERDEKA", "1KP. WERER", "HDUSUN KRAJAN"): dropped when
// what follows is a word that starts addresses.
std::string DropColonLead(const std::string& s, int* fixes) {
  static const std::vector<std::string> kFirst = {
      "JL.",   "JL",   "KP.",   "KP",   "GG.",  "DS.",       "DSN.",    "DUSUN",
      "PERUM", "BLOK", "JALAN", "GANG", "DESA", "PERUMAHAN", "KOMPLEK", "LORONG"};
  auto first = [&](std::string_view w) {
    return std::find(kFirst.begin(), kFirst.end(), w) != kFirst.end();
  };
  auto colon_like = [](char c) {
    return c == 'I' || c == '1' || c == 'H' || c == 'L' || c == 'J' || c == ':';
  };
  std::vector<std::string> words = SplitWords(s);
  if (words.size() < 2 || first(words[0])) return s;
  if (words[0].size() == 1 && colon_like(words[0][0]) && first(words[1])) {
    words[0].clear();
  } else if (words[0].size() >= 3 && colon_like(words[0][0]) &&
             first(std::string_view(words[0]).substr(1))) {
    words[0].erase(0, 1);
  } else {
    return s;
  }
  ++*fixes;
  return JoinWords(words, 0, words.size());
}

// The index of the one form in `forms` that `word` is one edit off (a letter
// wrong, lost or added), or -1 when none or several are. A form equal to
// `word` is not one edit off it: what an exact match means is the caller's.
int OneEditOffExactlyOne(std::string_view word, const std::vector<std::string_view>& forms) {
  int found = -1;
  for (size_t i = 0; i < forms.size(); ++i) {
    if (word == forms[i] || EditDistance(word, forms[i]) > 1.0) continue;
    if (found >= 0) return -1;
    found = static_cast<int>(i);
  }
  return found;
}

// The address's first word read with a letter wrong, lost or added ("L.
// MERDEKA", "CL. SULTAN AGUNG", "DUSUR KRAJAN"): one edit off exactly one of
// the words that start addresses, it is that word. ("JLN.", another way to
// print JALAN, is kept.)
std::string FixFirstWord(const std::string& s, int* fixes) {
  // The start words without their full stop, and as printed.
  static const std::vector<std::string_view> kStart = {
      "JL", "KP", "GG", "DSN", "DUSUN", "PERUM", "JALAN", "GANG", "KOMPLEK", "LORONG"};
  static const std::vector<std::string_view> kPrinted = {
      "JL.", "KP.", "GG.", "DSN.", "DUSUN", "PERUM", "JALAN", "GANG", "KOMPLEK", "LORONG"};
  std::vector<std::string> words = SplitWords(s);
  if (words.size() < 2) return s;
  std::string core = words[0];
  const bool dot = !core.empty() && core.back() == '.';
  if (dot) core.pop_back();
  if (core.empty() || core.size() > 7 || (core.size() == 1 && !dot) || core == "JLN") return s;
  if (std::any_of(core.begin(), core.end(), [](char c) { return !IsUpper(c); })) return s;
  if (AnyMarker(words[0]) || AnyMarker(core)) return s;
  // (A start word as read is kept.)
  if (std::find(kStart.begin(), kStart.end(), core) != kStart.end()) return s;
  const int k = OneEditOffExactlyOne(core, kStart);
  if (k < 0) return s;
  words[0] = std::string(kPrinted[static_cast<size_t>(k)]);
  ++*fixes;
  return JoinWords(words, 0, words.size());
}

// A marker glued to the place after it ("KEC.TANIWEL", or "KEC.A TANIWEL" with
// a speck read as a letter) is split off, so that the place is found and
// snapped. NO., RT. and RW. are printed joined to their numbers ("NO.84") and
// stay so.
std::string SplitGluedMarkers(const std::string& s, int* fixes) {
  static const std::vector<std::string> kGlued = {"KEC.", "KEL.", "DS.", "KAB.",
                                                  "JL.",  "GG.",  "KP.", "DSN."};
  std::vector<std::string> out;
  for (const std::string& w : SplitWords(s)) {
    const size_t dot = w.find('.');
    const std::string head = dot == std::string::npos ? "" : w.substr(0, dot + 1);
    if (dot + 1 < w.size() && IsUpper(w[dot + 1]) &&
        std::find(kGlued.begin(), kGlued.end(), head) != kGlued.end()) {
      out.push_back(head);
      out.push_back(w.substr(dot + 1));
      ++*fixes;
      continue;
    }
    out.push_back(w);
  }
  return JoinWords(out, 0, out.size());
}

// "NO" read with one letter wrong before a house number ("WO.84", "N0.224",
// "MO. 12"): no other address word of two letters is one letter off it and
// followed by a number.
bool LooksLikeNo(std::string_view w) {
  if (w.size() != 2 || w == "NO") return false;
  const bool n = w[0] == 'N', o = w[1] == 'O' || w[1] == '0' || w[1] == 'D' || w[1] == 'Q';
  return (n && (o || IsAlnum(w[1]))) || (o && IsUpper(w[0]));
}

// A house number as read: digits, with letters the faces confuse with digits,
// and perhaps one letter of its own at the end after a digit ("12B"; but "8O"
// is 80 and "2G" 26: a house number's own letter is none of O Q I Z S G, which
// look like digits; B and D, common ones, are kept). Returns
// the digits-fixed number, or "" when it is no such number.
std::string HouseNumber(std::string_view w, int* fixes) {
  std::string out;
  int changed = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    const char c = w[i];
    if (IsDigit(c)) {
      out.push_back(c);
    } else if (i + 1 == w.size() && i > 0 && IsUpper(c) && IsDigit(out.back()) &&
               std::string_view("OQIZSG").find(c) == std::string_view::npos) {
      out.push_back(c);  // "12B"; never a letter that looks like a digit ("2G" is 26)
    } else if (char d = IsUpper(c) ? DigitFor(c) : '\0'; d != '\0') {
      out.push_back(d);
      ++changed;
    } else {
      return "";
    }
  }
  if (out.empty() || !IsDigit(out[0])) return "";
  *fixes += changed;
  return out;
}

// The house number after NO. is digits ("NO. S" -> "NO. 5"), and a word one
// letter off NO before a number is NO ("WO.84" -> "NO.84", "N.6" -> "NO.6").
std::string FixHouseNumbers(const std::string& s, int* fixes) {
  std::vector<std::string> words = SplitWords(s);
  for (size_t i = 0; i < words.size(); ++i) {
    std::string& w = words[i];
    // The joined form: "NO.84", "WO.84", "N0.22A".
    const size_t dot = w.find('.');
    // The full stop lost between NO and the number ("NO201").
    if (w.size() > 2 && w.compare(0, 2, "NO") == 0 && IsDigit(w[2])) {
      int f = 0;
      const std::string number = HouseNumber(std::string_view(w).substr(2), &f);
      if (!number.empty()) {
        w = "NO." + number;
        *fixes += f + 1;
        continue;
      }
    }
    // The O lost between N and the full stop ("N.6").
    if (w.size() > 2 && w.compare(0, 2, "N.") == 0 && IsDigit(w[2])) {
      int f = 0;
      const std::string number = HouseNumber(std::string_view(w).substr(2), &f);
      if (!number.empty()) {
        w = "NO." + number;
        *fixes += f + 1;
        continue;
      }
    }
    // A speck read after the full stop before a spaced number ("NO.O 49").
    if (dot == 2 && w.size() == 4 && !IsDigit(w[3]) && i + 1 < words.size() &&
        (w.compare(0, 2, "NO") == 0 || LooksLikeNo(w.substr(0, 2)))) {
      int f = 0;
      const std::string& next = words[i + 1];
      if (!HouseNumber(next, &f).empty() &&
          std::any_of(next.begin(), next.end(), [](char c) { return IsDigit(c); })) {
        w = "NO.";
        ++*fixes;
      }
    }
    if (dot == 2 && dot + 1 < w.size() &&
        (w.compare(0, 2, "NO") == 0 || LooksLikeNo(w.substr(0, 2)))) {
      int f = 0;
      const std::string number = HouseNumber(std::string_view(w).substr(3), &f);
      const bool has_digit = std::any_of(w.begin() + 3, w.end(), [](char c) { return IsDigit(c); });
      if (!number.empty() && (has_digit || w.compare(0, 2, "NO") == 0)) {
        const std::string fixed = "NO." + number;
        if (fixed != w) {
          *fixes += f + (w.compare(0, 2, "NO") == 0 ? 0 : 1);
          w = fixed;
        }
      }
      continue;
    }
    if (i + 1 >= words.size()) continue;
    const bool no = w == "NO." || w == "NO";
    const bool like_no = w.size() == 3 && w[2] == '.' && LooksLikeNo(w.substr(0, 2));
    if (!no && !like_no) continue;
    std::string& next = words[i + 1];
    int f = 0;
    const std::string number = HouseNumber(next, &f);
    if (number.empty()) continue;
    // A word one letter off NO only before a number that has a real digit.
    if (like_no && std::none_of(next.begin(), next.end(), [](char c) { return IsDigit(c); })) {
      continue;
    }
    if (like_no) {
      w = "NO.";
      ++*fixes;
    }
    *fixes += f;
    next = number;
  }
  return JoinWords(words, 0, words.size());
}

// "XT 04714", "T. 010", "R 015", "RT.008/W.005", "RI Q01": an RT (RW) marker
// read with a letter wrong, lost or added. In an address with no RT (RW) marker,
// a word of up to three letters one edit off RT (RW), before a number of RT/RW
// shape ("003", "04/14", "Q01"), is the marker; so is either half of the joined
// form.
std::string RestoreRtRwMarkers(const std::string& s, int* fixes) {
  std::vector<std::string> words = SplitWords(s);
  auto marks = [](const std::string& w, std::string_view m) {
    return w.compare(0, 2, m) == 0 && (w.size() == 2 || !IsUpper(w[2]));
  };
  bool has_rt = false, has_rw = false;
  for (const std::string& w : words) {
    has_rt = has_rt || marks(w, "RT");
    has_rw = has_rw || marks(w, "RW");
  }
  // ("Q01": a letter like a digit may stand for one, beside two real digits.)
  auto rt_number = [](std::string_view w) {
    if (w.size() < 2 || w.size() > 5) return false;
    if (std::count_if(w.begin(), w.end(), IsDigit) < 2) return false;
    if (!IsDigit(w[0]) && !DigitFor(w[0])) return false;
    if (!IsDigit(w.back()) && !DigitFor(w.back())) return false;
    return std::all_of(w.begin(), w.end(),
                       [](char c) { return IsDigit(c) || c == '/' || DigitFor(c) != 0; });
  };
  // `core` (letters only, up to three) one edit off `marker` and no other
  // address word's.
  auto off_by_one = [](std::string_view core, std::string_view marker) {
    if (core.empty() || core.size() > 3 || core == marker) return false;
    if (std::any_of(core.begin(), core.end(), [](char c) { return !IsUpper(c); })) return false;
    if (core == "NO" || core == "KP" || core == "GG" || core == "JL" || core == "DS") return false;
    return OneEditOffExactlyOne(core, {marker}) == 0;
  };
  bool changed = false;
  for (size_t i = 0; i < words.size(); ++i) {
    std::string& w = words[i];
    // The joined form, "RT.008/W.005", "T.008/RW.005".
    static const std::regex kJoined("^([A-Z]{1,3})[.]([0-9]{1,3})/([A-Z]{1,3})[.]([0-9]{1,3})$");
    std::smatch m;
    if (std::regex_match(w, m, kJoined)) {
      const std::string rt = m[1].str(), rw = m[3].str();
      const bool rt_ok = rt == "RT" || (!has_rt && off_by_one(rt, "RT"));
      const bool rw_ok = rw == "RW" || (!has_rw && off_by_one(rw, "RW"));
      if (rt_ok && rw_ok && (rt != "RT" || rw != "RW")) {
        w = "RT." + m[2].str() + "/RW." + m[4].str();
        has_rt = has_rw = changed = true;
      }
      continue;
    }
    if (i + 1 >= words.size() || AnyMarker(w) || !rt_number(words[i + 1])) continue;
    const bool dot = w.size() >= 2 && w.back() == '.';
    const std::string_view core = std::string_view(w).substr(0, w.size() - (dot ? 1 : 0));
    // ("RI", "R" are one edit off both: the marker the address lacks.)
    if (!has_rt && off_by_one(core, "RT") && (!off_by_one(core, "RW") || has_rw)) {
      w = dot ? "RT." : "RT";
      has_rt = changed = true;
    } else if (!has_rw && has_rt && off_by_one(core, "RW")) {
      w = dot ? "RW." : "RW";
      has_rw = changed = true;
    }
  }
  if (!changed) return s;
  ++*fixes;
  return JoinWords(words, 0, words.size());
}

// A place of `names` (one to four words, up to the next marker) starts at
// words[b] when it is one of them or one edit off one.
bool PlaceStartsAt(const std::vector<std::string>& words, size_t b,
                   const std::vector<std::string>& names) {
  for (size_t e = b + 1; e <= std::min(words.size(), b + 4); ++e) {
    if (e - 1 > b && AnyMarker(words[e - 1])) break;  // (a name may start "KOTA ...")
    SnapMatch m = Snap(JoinWords(words, b, e), names, 0.15);
    if (m.index >= 0 && m.distance <= 1.0) return true;
  }
  return false;
}

// "DB. MEKAR JAYA", "KE. BAJENG", "AB. DONGGALA": a place marker read with a
// letter wrong, lost or added. In an address with no village (district, city)
// marker, a short word one edit off KEL. or DS. (KEC., KAB.) where that marker
// is printed (after the RT/RW numbers; after the village's name; after the
// district's name), and that a real village (district, city) name follows, is
// the marker. A village marker read as the district's ("KEC. SILALAS KEC.
// MEDAN BARAT", C for L) or the other way round is found the same way. (Words
// like "DR." or "KAV." stay: they are not where a marker goes, or no place
// follows them.)
std::string RestorePlaceMarkers(const std::string& s, int* fixes) {
  std::vector<std::string> words = SplitWords(s);
  const size_t n = words.size();
  std::vector<size_t> villages, districts;
  bool has_city = false;
  for (size_t i = 0; i < n; ++i) {
    if (VillageMarker(words[i])) villages.push_back(i);
    if (DistrictMarker(words[i])) districts.push_back(i);
    has_city = has_city || CityMarker(words[i]);
  }
  // The marker of `forms` that `w` is one edit off (compared without a full
  // stop or colon), if exactly one; `w` may be another kind's marker only when
  // `marker_ok`.
  auto restored = [](const std::string& w, const std::vector<std::string_view>& forms,
                     bool marker_ok) {
    std::string core = w;
    while (!core.empty() && (core.back() == '.' || core.back() == ':')) core.pop_back();
    if (core.empty() || core.size() > 5 || (!marker_ok && AnyMarker(w))) return std::string();
    if (std::any_of(core.begin(), core.end(), [](char c) { return !IsUpper(c); }))
      return std::string();
    // (One letter alone too: "S." or "D" for DS., its other letter and full
    // stop lost on the leader; a real place's name must follow it.)
    // (A form as read is none of them: only a misread one is restored.)
    const int k = OneEditOffExactlyOne(core, forms);
    return k < 0 ? std::string() : std::string(forms[static_cast<size_t>(k)]) + ".";
  };
  const AreaData& area = AreaData::Get();
  bool changed = false;
  // The village marker: after the RT/RW numbers.
  if (villages.empty() || (villages.size() == 1 && districts.empty())) {
    for (size_t i = 1; i + 1 < n; ++i) {
      const std::string& prev = words[i - 1];
      const bool after_numbers = (prev.compare(0, 2, "RT") == 0 || prev.compare(0, 2, "RW") == 0 ||
                                  (i >= 2 && (words[i - 2] == "RT" || words[i - 2] == "RT." ||
                                              words[i - 2] == "RW" || words[i - 2] == "RW."))) &&
                                 IsDigit(prev.back());
      if (!after_numbers) continue;
      if (!villages.empty()) break;  // (then only the district below)
      // A district marker here, with another after it, is the village's.
      const bool twin = DistrictMarker(words[i]) && districts.size() == 2 && districts[0] == i;
      const std::string marker =
          twin ? std::string("KEL.") : restored(words[i], {"KEL", "DS"}, false);
      if (marker.empty() || !PlaceStartsAt(words, i + 1, area.village_names())) continue;
      words[i] = marker;
      villages.push_back(i);
      if (twin) districts.erase(districts.begin());
      changed = true;
      break;
    }
  }
  // The district marker: after the village's name.
  if (districts.empty() && !villages.empty()) {
    for (size_t i = villages[0] + 2; i + 1 < n; ++i) {
      if (CityMarker(words[i])) break;
      const bool twin = VillageMarker(words[i]) && villages.size() == 2 && villages[1] == i;
      const std::string marker = twin ? std::string("KEC.") : restored(words[i], {"KEC"}, false);
      if (marker.empty() || !PlaceStartsAt(words, i + 1, area.district_names())) continue;
      words[i] = marker;
      districts.push_back(i);
      changed = true;
      break;
    }
  }
  // The city marker: after the district's name; KOTA too ("HOTA ADMINISTRASI
  // JAKARTA BARAT"), printed without a full stop.
  if (!has_city && !districts.empty()) {
    for (size_t i = districts[0] + 2; i + 1 < n; ++i) {
      std::string marker = restored(words[i], {"KAB", "KOTA"}, false);
      size_t city = i + 1;
      while (city + 1 < n && CityMarkerTail(words[city])) ++city;
      if (marker.empty() || !PlaceStartsAt(words, city, area.city_names())) continue;
      // (A word of districts' names, KOTO of "IV KOTO" and "XIII KOTO KAMPAR",
      // is kept: the district's name may be misread around it.)
      static const std::set<std::string> district_words = [] {
        std::set<std::string> ws;
        for (const std::string& d : AreaData::Get().district_names()) {
          for (std::string& w : SplitWords(d)) ws.insert(std::move(w));
        }
        return ws;
      }();
      if (district_words.count(words[i]) > 0) continue;
      if (marker == "KOTA.") marker = "KOTA";
      words[i] = marker;
      changed = true;
      break;
    }
  }
  if (!changed) return s;
  ++*fixes;
  return JoinWords(words, 0, n);
}

// "KEO KUTAPANJANG": in an address with no kecamatan marker, a 3-letter word
// one letter off KEC where the kecamatan is printed (after the RT/RW numbers
// or the kelurahan) and that a real district name follows is the marker.
std::string RestoreDistrictMarker(const std::string& s, int* fixes) {
  std::vector<std::string> words = SplitWords(s);
  for (const std::string& w : words) {
    if (DistrictMarker(w)) return s;
  }
  const std::vector<std::string>& districts = AreaData::Get().district_names();
  bool after_village = false;
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    if (i > 0) {
      const std::string& prev = words[i - 1];
      after_village = after_village || VillageMarker(prev) || prev.compare(0, 2, "RT") == 0 ||
                      prev.compare(0, 2, "RW") == 0;
    }
    if (!after_village) continue;
    std::string core = words[i];
    while (!core.empty() && (core.back() == '.' || core.back() == ':')) core.pop_back();
    if (core.size() != 3 || core == "KEC" || EditDistance(core, "KEC") > 1.0) continue;
    if (AnyMarker(words[i]) || AnyMarker(core)) continue;
    // The district: one to four words after it, up to the next marker.
    bool district = false;
    for (size_t e = i + 2; e <= std::min(words.size(), i + 5) && !district; ++e) {
      if (AnyMarker(words[e - 1])) break;
      SnapMatch m = Snap(JoinWords(words, i + 1, e), districts, 0.15);
      district = m.index >= 0 && m.distance <= 1.0;
    }
    if (!district) continue;
    words[i] = "KEC.";
    ++*fixes;
    break;
  }
  return JoinWords(words, 0, words.size());
}

// A word of s starts at position i with w (the RT/RW markers: "RT.", "RW008").
bool WordStartsWith(const std::string& s, size_t i, std::string_view w) {
  return s.compare(i, w.size(), w) == 0 && (i == 0 || !IsAlnum(s[i - 1]));
}

// RT/RW numbers are digits: "RT. OO1" -> "RT. 001"; a letter between digits
// is a digit too ("0O2").
std::string FixNumbers(const std::string& s, int* fixes) {
  std::string out = s;
  const size_t n = out.size();
  for (size_t i = 0; i + 2 < n; ++i) {
    if (!WordStartsWith(out, i, "RT") && !WordStartsWith(out, i, "RW")) continue;
    size_t j = i + 2;
    while (j < n && j < i + 5 && (out[j] == '.' || out[j] == ' ' || out[j] == ':')) ++j;
    if (j == i + 2 && j < n && IsUpper(out[j])) continue;  // a word like "RTA"
    size_t k = j;
    while (k < n && IsAlnum(out[k])) ++k;
    if (k == j || k - j > 4) continue;
    bool convertible = true;
    for (size_t m = j; m < k; ++m)
      convertible = convertible && (IsDigit(out[m]) || DigitFor(out[m]));
    if (!convertible) continue;
    for (size_t m = j; m < k; ++m) {
      if (!IsDigit(out[m])) {
        out[m] = DigitFor(out[m]);
        ++*fixes;
      }
    }
  }
  // "RT 04/01" (RT/RW without the RW) read as "RT 04701": a 7 or 1 between
  // two 2-digit numbers right after RT is the slash; so is a space ("RT 05
  // 13": the thin slash lost).
  for (size_t i = 0; i + 7 < n + 1; ++i) {
    if (!WordStartsWith(out, i, "RT")) continue;
    size_t j = i + 2;
    while (j < n && (out[j] == '.' || out[j] == ' ')) ++j;
    if (j + 5 > n || (j + 5 < n && IsAlnum(out[j + 5]))) continue;
    const bool shape = IsDigit(out[j]) && IsDigit(out[j + 1]) && IsDigit(out[j + 3]) &&
                       IsDigit(out[j + 4]) &&
                       (out[j + 2] == '7' || out[j + 2] == '1' || out[j + 2] == ' ');
    if (shape && out.find("RW", j) == std::string::npos) {
      out[j + 2] = '/';
      ++*fixes;
    }
  }
  for (size_t i = 1; i + 1 < n; ++i) {
    if (IsUpper(out[i]) && IsDigit(out[i - 1]) && IsDigit(out[i + 1]) && DigitFor(out[i])) {
      out[i] = DigitFor(out[i]);
      ++*fixes;
    }
  }
  return out;
}

// RT and RW numbers are small and printed with three digits ("RT. 007",
// "RT.013/RW.003"): the first is 0, and an 8, 6, 9 or 3 read there is a 0
// with its slash or dot ("RW. 803" from "RW. 8O3", a dotted zero).
std::string ZeroLeadOfRtRw(const std::string& s, int* fixes) {
  std::string out = s;
  const size_t n = out.size();
  for (size_t i = 0; i + 2 < n; ++i) {
    if (!WordStartsWith(out, i, "RT") && !WordStartsWith(out, i, "RW")) continue;
    size_t j = i + 2;
    while (j < n && j < i + 4 && (out[j] == '.' || out[j] == ' ')) ++j;
    if (j + 3 > n || !IsDigit(out[j]) || !IsDigit(out[j + 1]) || !IsDigit(out[j + 2])) continue;
    if (j + 3 < n && IsAlnum(out[j + 3])) continue;
    if (std::string_view("3689").find(out[j]) == std::string_view::npos) continue;
    out[j] = '0';
    ++*fixes;
  }
  return out;
}

// An address prints RT and RW alike ("RT. 001 RW. 011", "RT 003 RW 009",
// "RT.020/RW.011"): a full stop lost on one of them (it often sits on the
// leader) is put back, and a space read after one dot of the joined form but
// not the other is dropped.
std::string AlignRtRw(const std::string& s, int* fixes) {
  static const std::regex kPair("\\bRT(\\.?) ([0-9]{1,3}) RW(\\.?) ([0-9]{1,3})\\b");
  static const std::regex kJoined("\\bRT\\.( ?)([0-9]{1,3})/RW\\.( ?)([0-9]{1,3})\\b");
  // One of the spaced pair read glued, "RT 011 RW.015": a speck or a lost
  // space; it takes the other's form.
  static const std::regex kOneGlued("\\bRT(\\.?)( ?)([0-9]{1,3}) RW(\\.?)( ?)([0-9]{1,3})\\b");
  std::smatch m;
  std::string out = s;
  if (std::regex_search(out, m, kOneGlued)) {
    const bool rt_glued = m[1].length() == 1 && m[2].length() == 0;
    const bool rw_glued = m[4].length() == 1 && m[5].length() == 0;
    if (rt_glued != rw_glued && m[2].length() + m[5].length() == 1) {
      const std::string form = rt_glued ? m[4].str() : m[1].str();
      out.replace(static_cast<size_t>(m.position(0)), static_cast<size_t>(m.length(0)),
                  "RT" + form + " " + m[3].str() + " RW" + form + " " + m[6].str());
      ++*fixes;
    }
  }
  if (std::regex_search(out, m, kPair) && m[1].length() != m[3].length()) {
    out.replace(static_cast<size_t>(m.position(0)), static_cast<size_t>(m.length(0)),
                "RT. " + m[2].str() + " RW. " + m[4].str());
    ++*fixes;
  }
  if (std::regex_search(out, m, kJoined) && m[1].length() != m[3].length()) {
    out.replace(static_cast<size_t>(m.position(0)), static_cast<size_t>(m.length(0)),
                "RT." + m[2].str() + "/RW." + m[4].str());
    ++*fixes;
  }
  return out;
}

struct PlaceSnap {
  std::string name;
  double distance = kNoMatch;
  bool found() const { return distance < kNoMatch; }
};

// Snaps `text` to the closest of `names`; a text that is already a real name
// of its kind anywhere (`all_names`, sorted) is kept as read, so a misread
// neighbour field never drags a correct name to a wrong one.
PlaceSnap SnapIn(const std::string& text, const std::vector<std::string>& names,
                 const std::vector<std::string>& all_names) {
  PlaceSnap out;
  if (text.empty()) return out;
  if (std::binary_search(all_names.begin(), all_names.end(), text)) return {text, 0.0};
  if (std::find(names.begin(), names.end(), text) != names.end()) return {text, 0.0};
  const double relative = names.size() <= kNestedListSize ? kNestedPlaceRelative : kPlaceRelative;
  SnapMatch m = Snap(text, names, relative);
  if (m.index >= 0) out = {names[static_cast<size_t>(m.index)], m.distance};
  // A digit read in a short name is the letter it looks like ("1OP" for the
  // village IOF: too far off as read, and FixDigitsInWords leaves the lead of
  // a word of three). Each such letter costs half an edit.
  std::string letters = text;
  int swapped = 0;
  for (char& c : letters) {
    const char l = IsDigit(c) ? LetterFor(c) : '\0';
    if (l != '\0') c = l, ++swapped;
  }
  if (swapped > 0) {
    const PlaceSnap alt = SnapIn(letters, names, all_names);
    if (alt.found() && alt.distance + 0.5 * swapped < out.distance) {
      out = {alt.name, alt.distance + 0.5 * swapped};
    }
  }
  return out;
}

std::vector<long long> RegenciesNamed(const std::string& city_name) {
  return AreaData::Get().RegenciesNamed(city_name);
}

// District names in the given regencies (all districts when none given), and
// the codes of those named `name` once it is known.
std::vector<std::string> DistrictNamesIn(const std::vector<long long>& regencies) {
  const AreaData& a = AreaData::Get();
  if (regencies.empty()) return a.district_names();
  std::vector<std::string> names;
  for (long long r : regencies) {
    auto [b, e] = a.DistrictsOf(r);
    for (size_t i = b; i < e; ++i) names.push_back(a.districts()[i].name);
  }
  return names;
}

std::vector<long long> DistrictCodes(const std::string& name,
                                     const std::vector<long long>& regencies) {
  const AreaData& a = AreaData::Get();
  std::vector<long long> codes;
  for (const Place& d : a.districts()) {
    if (d.name != name) continue;
    if (regencies.empty() ||
        std::find(regencies.begin(), regencies.end(), d.parent) != regencies.end()) {
      codes.push_back(d.code);
    }
  }
  return codes;
}

std::vector<std::string> VillageNamesIn(const std::vector<long long>& districts) {
  const AreaData& a = AreaData::Get();
  if (districts.empty()) return a.village_names();
  std::vector<std::string> names;
  for (long long d : districts) {
    auto [b, e] = a.VillagesOf(d);
    for (size_t i = b; i < e; ++i) names.push_back(a.villages()[i].name);
  }
  return names;
}

size_t NextMarker(const std::vector<std::string>& words, size_t from) {
  for (size_t i = from; i < words.size(); ++i) {
    if (AnyMarker(words[i])) return i;
  }
  return words.size();
}

// Replaces words[b, e) by `name` (one entry; the caller rebuilds the string).
void Put(std::vector<std::string>* words, size_t b, size_t e, const std::string& name) {
  for (size_t i = b; i < e; ++i) (*words)[i].clear();
  if (b < e) (*words)[b] = name;
}

// A district named "... KOTA" ("KEC. LANGSA KOTA KOTA LANGSA"): the index of
// the KOTA that ends the name begun after the district marker at `dm`, or n.
size_t KotaEndingDistrict(const std::vector<std::string>& words, size_t dm) {
  const size_t n = words.size();
  if (dm >= n) return n;
  const std::vector<std::string>& names = AreaData::Get().district_names();
  for (size_t k = dm + 2; k < n; ++k) {
    if (words[k] == "KOTA") {
      return std::binary_search(names.begin(), names.end(), JoinWords(words, dm + 1, k + 1)) ? k
                                                                                             : n;
    }
    if (AnyMarker(words[k])) break;
  }
  return n;
}

double SnapPlaces(std::vector<std::string>* words_in) {
  std::vector<std::string>& words = *words_in;
  const size_t n = words.size();
  size_t vm = n, dm = n, cm = n;
  for (size_t i = 0; i < n; ++i) {
    if (vm == n && VillageMarker(words[i])) vm = i;
    if (dm == n && DistrictMarker(words[i])) dm = i;
  }
  const size_t district_kota = KotaEndingDistrict(words, dm);
  for (size_t i = 0; i < n; ++i) {
    // (A village or district named "KOTA ..." right after its marker is no city.)
    if (cm == n && CityMarker(words[i]) && i > std::min(vm, dm) && std::min(vm, dm) < n &&
        i != vm + 1 && i != dm + 1 && i != district_kota) {
      cm = i;
    }
  }
  double distance = 0.0;
  std::vector<long long> regencies;
  if (cm < n) {
    size_t b = cm + 1;
    while (b < n && CityMarkerTail(words[b])) ++b;
    const size_t e = NextMarker(words, b);
    PlaceSnap city =
        SnapIn(JoinWords(words, b, e), AreaData::Get().city_names(), AreaData::Get().city_names());
    if (city.found()) {
      distance += city.distance;
      Put(&words, b, e, city.name);
      regencies = RegenciesNamed(city.name);
    }
  }
  std::vector<long long> districts;
  if (dm < n) {
    const size_t b = dm + 1;
    const size_t e = district_kota < n ? district_kota + 1 : NextMarker(words, b);
    if (e == n && cm == n) {
      // "KEC. MENTENG JAKARTA PUSAT": find where the district ends and the city
      // begins; both must be real, and the district inside the city.
      double best = kNoMatch;
      size_t best_split = n;
      PlaceSnap best_d, best_c;
      for (size_t s = b + 1; s <= n && best > 0.0; ++s) {
        // The whole tail as a district of any city is the costly last resort
        // (all ~7k districts): only when no district-then-city split fits.
        if (s == n && best < kNoMatch) break;
        PlaceSnap c;
        std::vector<long long> regs;
        if (s < n) {
          c = SnapIn(JoinWords(words, s, n), AreaData::Get().city_names(),
                     AreaData::Get().city_names());
          if (!c.found()) continue;
          regs = RegenciesNamed(c.name);
        } else {
          c.distance = 0.0;
        }
        PlaceSnap d =
            SnapIn(JoinWords(words, b, s), DistrictNamesIn(regs), AreaData::Get().district_names());
        if (!d.found()) continue;
        const double cost = d.distance + c.distance;
        if (cost < best) {
          best = cost;
          best_split = s;
          best_d = d;
          best_c = c;
          regencies = regs;
        }
      }
      if (best_split < n || best < kNoMatch) {
        distance += best;
        if (best_split < n) Put(&words, best_split, n, best_c.name);
        Put(&words, b, best_split, best_d.name);
        districts = DistrictCodes(best_d.name, regencies);
      }
    } else {
      PlaceSnap d = SnapIn(JoinWords(words, b, e), DistrictNamesIn(regencies),
                           AreaData::Get().district_names());
      if (d.found()) {
        distance += d.distance;
        Put(&words, b, e, d.name);
        districts = DistrictCodes(d.name, regencies);
      }
    }
  }
  // A kampung or dusun is named after a village of the district in most
  // addresses: snapped only among the district's villages, once that is known.
  if (!districts.empty()) {
    for (size_t i = 0; i < n; ++i) {
      if (!HamletMarker(words[i])) continue;
      const size_t b = i + 1, e = NextMarker(words, b);
      const std::string read = JoinWords(words, b, e);
      PlaceSnap v = SnapIn(read, VillageNamesIn(districts), {});
      // (Closer than other places: a hamlet may have a name of its own.)
      if (v.found() && v.distance <= 0.25 * static_cast<double>(read.size())) {
        distance += v.distance;
        Put(&words, b, e, v.name);
      }
      break;
    }
  }
  if (vm < n) {
    const size_t b = vm + 1;
    const size_t e = NextMarker(words, b);
    const std::vector<std::string> in_district = VillageNamesIn(districts);
    PlaceSnap v = SnapIn(JoinWords(words, b, e), in_district, AreaData::Get().village_names());
    // A village of another district ("JALI" read in Tarokan, whose JATI is one
    // letter off) is a misread of the district's own when one is that close:
    // an address names a village of its district.
    if (!districts.empty() && v.distance == 0.0 &&
        std::find(in_district.begin(), in_district.end(), v.name) == in_district.end()) {
      SnapMatch m = Snap(v.name, in_district, 0.0, 1.0);
      if (m.index >= 0) v = {in_district[static_cast<size_t>(m.index)], m.distance};
    }
    if (v.found()) {
      distance += v.distance;
      Put(&words, b, e, v.name);
    }
  }
  return distance;
}

// A street is named after the word JL. or GG., up to the next marker or
// number ("JL. PANGLIMA POLIM NO.87"): a name one or two letters off one of
// the common street names (a quarter of its length at most, and no other as
// close) is that name ("PANGLINA POLIW", "RAYA SLRANG", "KH HASYIM ASHARI"
// for KH. HASYIM ASHARI). Other streets are kept as read. Returns the edit
// distance of the snaps.
double SnapStreets(std::vector<std::string>* words_in) {
  std::vector<std::string>& words = *words_in;
  const std::vector<std::string>& streets = GetLexicons().street_names;
  constexpr double kStreetRelative = 0.25;
  constexpr size_t kShortestSnapped = 6;  // shorter names are too alike ("MAWAR", "MAKAR")
  double distance = 0.0;
  for (size_t i = 0; i < words.size(); ++i) {
    if (!OneOf(words[i], {"JL.", "JL", "JLN.", "JALAN", "GG.", "GG", "GANG"})) continue;
    size_t e = i + 1;
    while (e < words.size() && !AnyMarker(words[e]) &&
           std::none_of(words[e].begin(), words[e].end(), IsDigit)) {
      ++e;
    }
    const std::string name = JoinWords(words, i + 1, e);
    if (name.size() < kShortestSnapped ||
        std::find(streets.begin(), streets.end(), name) != streets.end()) {
      continue;
    }
    const SnapMatch m = Snap(name, streets, kStreetRelative);
    if (m.index < 0) continue;
    distance += m.distance;
    Put(&words, i + 1, e, streets[static_cast<size_t>(m.index)]);
  }
  return distance;
}

}  // namespace

std::vector<long long> AddressDistricts(const std::string& address) {
  const std::vector<std::string> words = SplitWords(address);
  const size_t n = words.size();
  size_t dm = n;
  for (size_t i = 0; i < n && dm == n; ++i) {
    if (DistrictMarker(words[i])) dm = i;
  }
  if (dm == n) return {};
  // The longest run of words after the marker that is a district's name.
  const std::vector<std::string>& names = AreaData::Get().district_names();
  std::string name;
  size_t end = n;
  for (size_t e = dm + 2; e <= std::min(n, dm + 6); ++e) {
    const std::string run = JoinWords(words, dm + 1, e);
    if (std::binary_search(names.begin(), names.end(), run)) {
      name = run;
      end = e;
    }
  }
  if (name.empty()) return {};
  // The city printed after it tells districts of one name apart.
  size_t b = end;
  while (b < n && (CityMarker(words[b]) || CityMarkerTail(words[b]))) ++b;
  std::vector<long long> codes;
  if (b < n) codes = DistrictCodes(name, RegenciesNamed(JoinWords(words, b, n)));
  if (codes.empty()) codes = DistrictCodes(name, {});
  return codes;
}

NormalisedValue NormaliseAddress(const std::string& text) {
  int fixes = 0;
  std::string s = DropColonLead(text, &fixes);
  s = FixFirstWord(s, &fixes);
  s = FixKeywords(s, &fixes);
  s = FixBlockCodes(s, &fixes);
  s = SplitGluedMarkers(s, &fixes);
  s = RestoreFullStops(s, &fixes);
  s = FixHouseNumbers(s, &fixes);
  s = RestoreRtRwMarkers(s, &fixes);
  s = RestoreDistrictMarker(s, &fixes);
  s = RestorePlaceMarkers(s, &fixes);
  s = FixDigitsInWords(s, false, &fixes);
  s = FixNumbers(s, &fixes);
  s = AlignRtRw(s, &fixes);
  s = ZeroLeadOfRtRw(s, &fixes);
  std::vector<std::string> words = SplitWords(s);
  double distance = SnapPlaces(&words);
  distance += SnapStreets(&words);
  std::string value;
  for (const std::string& w : words) {
    if (w.empty()) continue;
    if (!value.empty()) value.push_back(' ');
    value += w;
  }
  NormalisedValue v;
  v.value = value;
  v.valid =
      !value.empty() && IsAlnum(value[0]) && std::all_of(value.begin(), value.end(), [](char c) {
        return IsAlnum(c) || std::string_view(" .,'&()/:-").find(c) != std::string_view::npos;
      });
  double factor = FixFactor(fixes);
  if (distance > 0) factor *= std::max(0.6, 1.0 - 0.05 * distance);
  v.confidence_factor = v.valid ? factor : factor * 0.5;
  return v;
}

}  // namespace bpkb::fields
