// Correctors of the word fields: enumerations (brand, jenis, colour, ...),
// names, addresses (with kelurahan/kecamatan/city names snapped to
// idn-area-data) and the place of issue.
#include <algorithm>
#include <set>

#include "bpkb/fields/area_data.h"
#include "bpkb/fields/confusions.h"
#include "bpkb/fields/fuzzy.h"
#include "bpkb/fields/lexicons.h"
#include "bpkb/fields/normalisers.h"
#include "bpkb/fields/text_util.h"

namespace bpkb::fields {
namespace {

// How far a read word may be from a dictionary entry to be snapped to it,
// relative to its length.
constexpr double kSnapRelative = 0.3;
constexpr double kPlaceSnapRelative = 0.25;

NormalisedValue Make(std::string value, bool valid, double factor) {
  NormalisedValue v;
  v.value = std::move(value);
  v.valid = valid;
  v.confidence_factor = std::clamp(factor * (valid ? 1.0 : 0.5), 0.0, 1.0);
  return v;
}

double SnapFactor(double distance, size_t length) {
  if (distance <= 0) return 1.0;
  return std::clamp(1.0 - 0.8 * distance / static_cast<double>(length + 1), 0.5, 0.97);
}

bool OnlyChars(const std::string& s, std::string_view extra) {
  return std::all_of(s.begin(), s.end(),
                     [&](char c) { return IsAlnum(c) || extra.find(c) != std::string_view::npos; });
}

// Words that a number follows directly in addresses.
bool NumberedWord(std::string_view w) {
  for (std::string_view k : {"BLOK", "BLK", "NO", "NOMOR", "GANG", "GG", "KM", "LORONG", "LR",
                             "KAV", "KAVLING", "UNIT", "LANTAI", "TOWER", "RUKO", "APT"}) {
    if (w == k) return true;
  }
  return false;
}

}  // namespace

std::string FixDigitsInWords(const std::string& text, bool aggressive, int* fixes) {
  std::string out = text;
  const size_t n = out.size();
  size_t i = 0;
  while (i < n) {
    if (!IsAlnum(out[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    int letters = 0;
    while (j < n && IsAlnum(out[j])) letters += IsUpper(out[j++]) ? 1 : 0;
    // out[i, j) is one run of letters and digits.
    if (letters > 0) {
      for (size_t k = i; k < j; ++k) {
        if (!IsDigit(out[k])) continue;
        const char l = LetterFor(out[k]);
        if (l == '\0') continue;
        const bool left = k > i && IsUpper(out[k - 1]);
        const bool right = k + 1 < j && IsUpper(out[k + 1]);
        // A leading digit before 3+ letters ("5UDIRMAN") is a misread letter too.
        const bool leads_word = k == i && j - i >= 4 && IsUpper(out[k + 1]) &&
                                IsUpper(out[k + 2]) && IsUpper(out[k + 3]);
        // So is a trailing one after 3+ letters ("CEMPAK4"), except after the
        // words that numbers follow ("BLOK1").
        const bool ends_word = k + 1 == j && k >= i + 3 && IsUpper(out[k - 1]) &&
                               IsUpper(out[k - 2]) && IsUpper(out[k - 3]) &&
                               !NumberedWord(std::string_view(out).substr(i, k - i));
        if (aggressive || (left && right) || leads_word || ends_word) {
          out[k] = l;
          ++*fixes;
        }
      }
    }
    i = j;
  }
  return out;
}

NormalisedValue NormaliseEnumeration(const std::string& text,
                                     const std::vector<std::string>& lexicon, bool closed) {
  if (std::find(lexicon.begin(), lexicon.end(), text) != lexicon.end()) {
    return Make(text, true, 1.0);
  }
  // The text as read first (a digit costs little where it resembles the
  // letter), then with digits inside words turned into letters.
  int fixes = 0;
  std::string fixed = FixDigitsInWords(text, true, &fixes);
  SnapMatch m = Snap(text, lexicon, kSnapRelative);
  if (m.index < 0) m = Snap(fixed, lexicon, kSnapRelative);
  if (m.index >= 0) {
    const std::string& entry = lexicon[static_cast<size_t>(m.index)];
    return Make(entry, true, SnapFactor(EditDistance(text, entry), text.size()));
  }
  // Not in the list: kept as read.
  return Make(fixed, !closed, closed ? 1.0 : 0.8 * FixFactor(fixes));
}

NormalisedValue NormaliseColour(const std::string& text) {
  const Lexicons& lx = GetLexicons();
  if (std::find(lx.colours.begin(), lx.colours.end(), text) != lx.colours.end()) {
    return Make(text, true, 1.0);
  }
  int fixes = 0;
  std::string fixed = FixDigitsInWords(text, true, &fixes);
  SnapMatch whole = Snap(fixed, lx.colours, 0.2);
  if (whole.index >= 0) {
    return Make(lx.colours[static_cast<size_t>(whole.index)], true,
                SnapFactor(whole.distance, text.size()));
  }
  // Colours combine freely ("PUTIH HITAM METALIK"): snap word by word.
  std::vector<std::string> words = SplitWords(fixed);
  bool all_known = true;
  double distance = 0;
  for (std::string& w : words) {
    SnapMatch m = Snap(w, lx.colour_words, kSnapRelative);
    if (m.index >= 0) {
      distance += m.distance;
      w = lx.colour_words[static_cast<size_t>(m.index)];
    } else {
      all_known = false;
    }
  }
  std::string value = JoinWords(words, 0, words.size());
  const bool shaped = !value.empty() && OnlyChars(value, " -/");
  return Make(value, shaped, SnapFactor(distance, text.size()) * (all_known ? 1.0 : 0.8));
}

NormalisedValue NormaliseName(const std::string& text) {
  // Words one or two confusions away from a common name are that name
  // ("RAMDHAM" -> "RAMDHAN", "SIMANJ0NTAK" -> "SIMANJUNTAK"); other words only
  // lose digits, which names do not have.
  const auto& names = GetLexicons().name_words;
  // Titles and company forms printed before names.
  static const std::vector<std::string> kTitles = {
      "DRS.", "DR.", "IR.", "H.",  "HJ.", "MUH.", "M.",   "PT.", "CV.", "UD.",
      "KH.",  "SH.", "SE.", "ST.", "MM.", "TBK.", "DRA.", "NY.", "TN.", "KOPERASI"};
  int fixes = 0;
  std::vector<std::string> words = SplitWords(text);
  // The colon before the value read as a digit of its own ("1 HENDRA"): names
  // have no digits. (A lone "I" stays: Balinese names begin with it.)
  if (words.size() >= 2 && words[0].size() == 1 && IsDigit(words[0][0])) {
    words.erase(words.begin());
    ++fixes;
  }
  // ... or read into the name's first letter: that letter twice ("KKURNIAWAN")
  // or a 1 before it, where the rest is a common name.
  if (!words.empty() && words[0].size() >= 5) {
    const std::string& w = words[0];
    if ((w[0] == w[1] || w[0] == '1') && !IsListedName(w) && IsListedName(w.substr(1))) {
      words[0] = w.substr(1);
      ++fixes;
    }
  }
  for (std::string& w : words) {
    if (std::any_of(w.begin(), w.end(), [](char c) { return IsDigit(c); })) {
      SnapMatch t = SnapConfusions(w, kTitles, 0.5);
      if (t.index >= 0) {
        w = kTitles[static_cast<size_t>(t.index)];
        ++fixes;
        continue;
      }
    }
    if (w.size() >= 4 && !IsListedName(w)) {
      SnapMatch m = SnapConfusions(w, names, w.size() >= 7 ? 1.0 : 0.5);
      if (m.index >= 0) {
        w = names[static_cast<size_t>(m.index)];
        fixes += static_cast<int>(m.distance * 2);
        continue;
      }
    }
    w = FixDigitsInWords(w, true, &fixes);
  }
  const std::string value = JoinWords(words, 0, words.size());
  const bool ok = IsAlnum(value[0]) && OnlyChars(value, " .,'&()/-");
  return Make(value, ok, FixFactor(fixes));
}

// A listed type read on into the line below it, Jenis's value ("HIACE
// COMMUTER 2.5 M/T MB BUG" for the type and "MB BUS"): the type alone, or ""
// when the text is no such pair.
std::string TypeBeforeJenis(const std::string& text) {
  const Lexicons& lx = GetLexicons();
  const std::vector<std::string> words = SplitWords(text);
  for (size_t k = words.size(); k-- > 1;) {
    const std::string type = JoinWords(words, 0, k);
    if (std::find(lx.types.begin(), lx.types.end(), type) == lx.types.end()) continue;
    if (Snap(JoinWords(words, k, words.size()), lx.jenis, kSnapRelative).index >= 0) return type;
  }
  return "";
}

// The one listed type that `text` is with one letter or digit lost ("RETA 1.5
// PRIME IVT" for CRETA ..., "DOUBLE ABIN" for DOUBLE CABIN): a glyph the
// recognizer dropped. "" when none or several.
std::string TypeWithALetterLost(const std::string& text, const std::vector<std::string>& types) {
  if (text.size() < 6) return "";
  std::string found;
  for (const std::string& t : types) {
    if (t.size() != text.size() + 1 || t == found) continue;
    size_t i = 0;
    while (i < text.size() && text[i] == t[i]) ++i;
    if (!IsAlnum(t[i]) || t.compare(i + 1, std::string::npos, text, i) != 0) continue;
    if (!found.empty()) return "";
    found = t;
  }
  return found;
}

NormalisedValue NormaliseFreeText(const std::string& text) {
  // Vehicle types: a listed type one or two confusions away, or the read with
  // one letter lost, replaces the read text ("AVAN2A" -> "AVANZA"); an
  // unlisted type stays as read.
  const auto& types = GetLexicons().types;
  std::string value = text;
  double factor = 1.0;
  if (std::string type = TypeBeforeJenis(text); !type.empty()) {
    return Make(type, IsAlnum(type[0]) && OnlyChars(type, " ./()+,&'-"), 0.9);
  }
  if (std::find(types.begin(), types.end(), text) == types.end()) {
    SnapMatch m = SnapConfusions(text, types, 1.0);
    if (m.index >= 0) {
      value = types[static_cast<size_t>(m.index)];
      factor = FixFactor(static_cast<int>(m.distance * 2));
    } else if (std::string lost = TypeWithALetterLost(text, types); !lost.empty()) {
      value = lost;
      factor = FixFactor(1);
    }
  }
  const bool ok = IsAlnum(value[0]) && OnlyChars(value, " ./()+,&'-");
  return Make(value, ok, factor);
}

NormalisedValue NormaliseIssuePlace(const std::string& text) {
  const auto& places = AreaData::Get().issue_places();
  if (std::binary_search(places.begin(), places.end(), text)) return Make(text, true, 1.0);
  int fixes = 0;
  std::string fixed = FixDigitsInWords(text, true, &fixes);
  if (std::binary_search(places.begin(), places.end(), fixed)) {
    return Make(fixed, true, FixFactor(fixes));
  }
  SnapMatch m = Snap(text, places, kPlaceSnapRelative);
  if (m.index < 0) m = Snap(fixed, places, kPlaceSnapRelative);
  if (m.index >= 0) {
    const std::string& place = places[static_cast<size_t>(m.index)];
    return Make(place, true, SnapFactor(EditDistance(text, place), text.size()));
  }
  const bool ok = IsUpper(fixed[0]) && OnlyChars(fixed, " .'-");
  return Make(fixed, ok, 0.85 * FixFactor(fixes));
}

}  // namespace bpkb::fields
