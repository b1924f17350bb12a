#include "bpkb/fields/vehicle_ids.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <utility>

#include "bpkb/fields/confusions.h"
#include "bpkb/fields/fuzzy.h"
#include "bpkb/fields/grammar.h"
#include "bpkb/fields/lexicons.h"
#include "bpkb/fields/text_util.h"

namespace bpkb::fields {
namespace {

// Year codes in order from 1980 (A) to 2009 (9); the cycle restarts in 2010.
constexpr std::string_view kYearCodes = "ABCDEFGHJKLMNPRSTVWXY123456789";

}  // namespace

std::vector<int> VinModelYears(char code) {
  const size_t i = kYearCodes.find(code);
  if (code == '\0' || i == std::string_view::npos) return {};
  const int y = 1980 + static_cast<int>(i);
  return {y, y + 30};
}

char VinYearCode(int year) {
  if (year < 1980 || year > 2039) return '\0';
  return kYearCodes[static_cast<size_t>((year - 1980) % 30)];
}

bool VinYearMatches(char code, int year) {
  for (int y : VinModelYears(code)) {
    if (std::abs(y - year) <= 1) return true;
  }
  return false;
}

bool KnownVinWmi(std::string_view wmi) {
  const auto& wmis = GetLexicons().vin_wmis;
  return std::find(wmis.begin(), wmis.end(), wmi) != wmis.end();
}

std::vector<std::string> BrandWmis(std::string_view brand, int motorcycle) {
  std::vector<std::string> out;
  for (const WmiMaker& m : GetLexicons().wmi_makers) {
    if (m.brand != brand) continue;
    if (motorcycle >= 0 && m.motorcycle >= 0 && m.motorcycle != motorcycle) continue;
    if (std::find(out.begin(), out.end(), m.wmi) == out.end()) out.push_back(m.wmi);
  }
  return out;
}

std::string BrandWmiFor(std::string_view wmi, std::string_view brand, int motorcycle) {
  if (wmi.size() != 3) return "";
  const std::vector<std::string> own = BrandWmis(brand, motorcycle);
  if (own.empty() || std::find(own.begin(), own.end(), wmi) != own.end()) return "";
  // Cost of the one differing character: a confusion of the faces costs half.
  std::string best;
  double best_cost = 2.0;
  int ties = 0;
  for (const std::string& w : own) {
    int diffs = 0;
    double cost = 0;
    for (size_t i = 0; i < 3; ++i) {
      if (w[i] == wmi[i]) continue;
      ++diffs;
      cost += Confusable(w[i], wmi[i]) ? 0.5 : 1.0;
    }
    if (diffs != 1) continue;
    if (cost < best_cost) {
      best = w;
      best_cost = cost;
      ties = 0;
    } else if (cost == best_cost) {
      ++ties;
    }
  }
  if (best.empty() || ties > 0) return "";
  // Another maker's WMI is kept unless the character is a known confusion.
  if (KnownVinWmi(wmi) && best_cost > 0.5) return "";
  return best;
}

namespace {

using BrandType = std::pair<std::string, std::string>;

// ref/vehicles.tsv (cells: brand, tipe, jenis, model, cc, ..., the WMI 9th,
// the engine-number prefix 10th), per (brand, tipe): its WMI, cc and engine
// prefix, each `unknown` ("" or -1) for a pair listed with two; and the WMIs of
// each brand's listed cars (0) and motorcycles (1).
struct ListedVehicles {
  std::map<BrandType, std::string> wmi_by_type;
  std::map<BrandType, int> cc_by_type;
  std::map<BrandType, std::string> engine_by_type;
  std::map<std::pair<std::string, int>, std::vector<std::string>> by_kind;
};

// A pair's value as listed; `unknown` once two rows list it differently.
template <class V>
void List(std::map<BrandType, V>* by_type, const BrandType& key, const V& value, const V& unknown) {
  auto [it, fresh] = by_type->emplace(key, value);
  if (!fresh && it->second != value) it->second = unknown;
}

template <class V>
V Lookup(const std::map<BrandType, V>& by_type, std::string_view brand, std::string_view tipe,
         const V& unknown) {
  auto it = by_type.find({std::string(brand), std::string(tipe)});
  return it == by_type.end() ? unknown : it->second;
}

ListedVehicles LoadListedVehicles() {
  ListedVehicles out;
  std::ifstream in(DataRoot() + "/ref/vehicles.tsv");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string> cells = TableCells(line);
    if (cells.size() < 9) continue;
    const BrandType key(cells[0], cells[1]);
    if (!cells[4].empty() && cells[4].size() <= 5 &&
        cells[4].find_first_not_of("0123456789") == std::string::npos) {
      List(&out.cc_by_type, key, std::stoi(cells[4]), -1);
    }
    if (cells.size() >= 10 && !cells[9].empty()) {
      List(&out.engine_by_type, key, cells[9], std::string());
    }
    if (cells[8].size() != 3) continue;
    List(&out.wmi_by_type, key, cells[8], std::string());
    std::vector<std::string>& kind = out.by_kind[{cells[0], cells[2] == "SEPEDA MOTOR" ? 1 : 0}];
    if (std::find(kind.begin(), kind.end(), cells[8]) == kind.end()) kind.push_back(cells[8]);
  }
  return out;
}

const ListedVehicles& Listed() {
  static const ListedVehicles kListed = LoadListedVehicles();
  return kListed;
}

}  // namespace

std::string TypeWmi(std::string_view brand, std::string_view tipe) {
  return Lookup(Listed().wmi_by_type, brand, tipe, std::string());
}

int TypeCc(std::string_view brand, std::string_view tipe) {
  return Lookup(Listed().cc_by_type, brand, tipe, -1);
}

std::string TypeEnginePrefix(std::string_view brand, std::string_view tipe) {
  return Lookup(Listed().engine_by_type, brand, tipe, std::string());
}

std::string KindWmi(std::string_view brand, int motorcycle) {
  if (motorcycle < 0) return "";
  const auto& by_kind = Listed().by_kind;
  auto it = by_kind.find({std::string(brand), motorcycle});
  return it == by_kind.end() || it->second.size() != 1 ? "" : it->second.front();
}

std::string TypeWmiFor(std::string_view wmi, std::string_view raw_wmi, std::string_view brand,
                       std::string_view tipe, int motorcycle) {
  std::string type_wmi = TypeWmi(brand, tipe);
  if (type_wmi.empty()) type_wmi = KindWmi(brand, motorcycle);
  if (type_wmi.empty() || wmi.size() != 3 || wmi == type_wmi) return "";
  const std::vector<std::string> own = BrandWmis(brand, motorcycle);
  for (std::string_view read : {wmi, raw_wmi}) {
    if (std::find(own.begin(), own.end(), read) != own.end()) return "";
  }
  return type_wmi;
}

IdFix CorrectVin(std::string_view canonical) {
  IdFix out;
  for (char c : canonical) {
    if (c == ' ' || c == '-' || c == '.') continue;
    char v = c;
    if (c == 'I') v = '1';
    if (c == 'O' || c == 'Q') v = '0';
    if (v != c) ++out.fixes;
    out.value.push_back(v);
  }
  if (out.value.size() == 17) {
    // ISO 3779 makes positions 14-17 numeric; the makers of Indonesian VINs
    // (MH1, MHF, MHK, ...) print a 6-digit serial, positions 12-17.
    for (size_t i = 11; i < 17; ++i) {
      char d = IsDigit(out.value[i]) ? '\0' : DigitFor(out.value[i]);
      if (d != '\0') {
        out.value[i] = d;
        ++out.fixes;
      }
    }
  }
  // Position 9 is left as read: ISO 3779's check digit (0-9 or X) binds only
  // North American and Chinese VINs; Indonesian makers print letters there
  // ("MHFM1BA3JCK...").
  bool ok = out.value.size() == 17;
  for (char c : out.value) ok = ok && kVinAlphabet.find(c) != std::string_view::npos;
  // The 10th character is a model-year code: never 0, U or Z.
  ok = ok && !VinModelYears(out.value[9]).empty();
  out.known_wmi = ok && KnownVinWmi(std::string_view(out.value).substr(0, 3));
  if (ok && !out.known_wmi) {
    // The first three characters name the manufacturer: a prefix one confusion
    // away from exactly one known prefix is that prefix ("MH8" read for "MHB"
    // stays: both are known). Only for an otherwise valid VIN, so that a
    // misread elsewhere is not hidden behind a made-up manufacturer.
    const auto& wmis = GetLexicons().vin_wmis;
    SnapMatch m = SnapConfusions(out.value.substr(0, 3), wmis, 0.5);
    if (m.index >= 0) {
      out.value.replace(0, 3, wmis[static_cast<size_t>(m.index)]);
      ++out.fixes;
      out.known_wmi = true;
    }
  }
  out.valid = ok;
  return out;
}

IdFix CorrectEngineNumber(std::string_view canonical) {
  IdFix out;
  for (char c : canonical) {
    if (c == ' ' || c == '.') continue;
    // Engine codes avoid I and O like VINs do, but Q is real (Nissan "QR25").
    char v = c;
    if (c == 'I') v = '1';
    if (c == 'O') v = '0';
    if (v != c) ++out.fixes;
    out.value.push_back(v);
  }
  // Engine numbers mix letters and digits freely ("W04D50705", "B48T31899"):
  // no position is known to be a digit, so nothing more is changed.
  const std::string& s = out.value;
  const size_t n = s.size();
  size_t alnum = 0;
  bool ok = true;
  for (size_t i = 0; i < n; ++i) {
    if (IsAlnum(s[i])) {
      ++alnum;
    } else if (!(s[i] == '-' && i > 0 && i + 1 < n)) {
      ok = false;
    }
  }
  out.valid = ok && alnum >= 6 && alnum <= 16;
  return out;
}

}  // namespace bpkb::fields
