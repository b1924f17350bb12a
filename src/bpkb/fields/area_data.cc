#include "bpkb/fields/area_data.h"

#include <algorithm>
#include <fstream>
#include <set>

#include "bpkb/fields/grammar.h"
#include "bpkb/fields/text_util.h"

namespace bpkb::fields {
namespace {

// Splits one CSV record (RFC 4180 quoting, no embedded newlines in this data).
std::vector<std::string> CsvCells(const std::string& line) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cells.back().push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cells.back().push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      cells.emplace_back();
    } else if (c != '\r') {
      cells.back().push_back(c);
    }
  }
  return cells;
}

long long CodeDigits(std::string_view code) {
  long long v = 0;
  for (char c : code) {
    if (IsDigit(c)) v = v * 10 + (c - '0');
  }
  return v;
}

// Reads code,parent,name (or code,name for provinces) rows into `out`.
void ReadPlaces(const std::string& path, bool has_parent, std::vector<Place>* out) {
  std::ifstream in(path);
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string> cells = CsvCells(line);
    if (cells.size() < (has_parent ? 3u : 2u)) continue;
    Place p;
    p.code = CodeDigits(cells[0]);
    p.parent = has_parent ? CodeDigits(cells[1]) : 0;
    p.name = PrintedPlaceName(has_parent ? cells[2] : cells[1]);
    out->push_back(std::move(p));
  }
  std::stable_sort(out->begin(), out->end(),
                   [](const Place& a, const Place& b) { return a.code < b.code; });
}

bool HasCode(const std::vector<Place>& sorted, long long code) {
  auto it = std::lower_bound(sorted.begin(), sorted.end(), code,
                             [](const Place& p, long long c) { return p.code < c; });
  return it != sorted.end() && it->code == code;
}

std::pair<size_t, size_t> ChildRange(const std::vector<Place>& sorted_by_code, long long parent,
                                     int digits_per_level) {
  // Children's codes are parent * 10^k + n, so they form one range of codes.
  long long scale = 1;
  for (int i = 0; i < digits_per_level; ++i) scale *= 10;
  const long long lo = parent * scale, hi = (parent + 1) * scale;
  auto cmp = [](const Place& p, long long c) { return p.code < c; };
  auto b = std::lower_bound(sorted_by_code.begin(), sorted_by_code.end(), lo, cmp);
  auto e = std::lower_bound(sorted_by_code.begin(), sorted_by_code.end(), hi, cmp);
  return {static_cast<size_t>(b - sorted_by_code.begin()),
          static_cast<size_t>(e - sorted_by_code.begin())};
}

std::vector<std::string> Distinct(std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

}  // namespace

std::string PrintedPlaceName(std::string_view data_name) {
  std::string kept;
  for (char c : CanonicalText(data_name)) {
    if (IsAlnum(c) || std::string_view(" -.'/()").find(c) != std::string_view::npos) {
      kept.push_back(c);
    }
  }
  return CanonicalText(kept);
}

std::string CityShortName(std::string_view regency_name) {
  std::string s = CanonicalText(regency_name);
  for (std::string_view prefix :
       {"KABUPATEN ADMINISTRASI ", "KOTA ADMINISTRASI ", "KABUPATEN ", "KOTA ", "KAB. ", "KAB "}) {
    if (s.rfind(prefix, 0) == 0) return s.substr(prefix.size());
  }
  return s;
}

const AreaData& AreaData::Get() {
  static const AreaData* data = [] {
    auto* d = new AreaData();
    d->LoadCore(DataRoot() + "/node_modules/idn-area-data/data/");
    return d;
  }();
  return *data;
}

void AreaData::LoadCore(const std::string& dir) {
  dir_ = dir;
  ReadPlaces(dir + "provinces.csv", false, &provinces_);
  ReadPlaces(dir + "regencies.csv", true, &regencies_);
  ReadPlaces(dir + "districts.csv", true, &districts_);
  std::vector<std::string> places;
  for (const Place& r : regencies_) {
    const std::string short_name = CityShortName(r.name);
    city_regency_.emplace_back(short_name, r.code);
    // "KOTA ADMINISTRASI JAKARTA PUSAT" is also printed "ADMINISTRASI JAKARTA PUSAT".
    for (std::string_view prefix : {"KOTA ", "KABUPATEN "}) {
      if (r.name.rfind(prefix, 0) == 0) {
        std::string rest = r.name.substr(prefix.size());
        if (rest != short_name) city_regency_.emplace_back(rest, r.code);
      }
    }
  }
  std::sort(city_regency_.begin(), city_regency_.end());
  for (const auto& [name, code] : city_regency_) {
    city_names_.push_back(name);
    places.push_back(name);
  }
  city_names_ = Distinct(std::move(city_names_));
  for (const Place& p : provinces_) places.push_back(p.name);
  // Short forms that issuing offices print.
  places.push_back("JAKARTA");
  places.push_back("DKI JAKARTA");
  places.push_back("YOGYAKARTA");
  places.push_back("POLDA METRO JAYA");
  issue_places_ = Distinct(std::move(places));
  std::vector<std::string> dn;
  for (const Place& d : districts_) dn.push_back(d.name);
  district_names_ = Distinct(std::move(dn));
}

std::vector<long long> AreaData::RegenciesNamed(const std::string& city_name) const {
  std::vector<long long> codes;
  auto it =
      std::lower_bound(city_regency_.begin(), city_regency_.end(), std::make_pair(city_name, 0LL));
  for (; it != city_regency_.end() && it->first == city_name; ++it) codes.push_back(it->second);
  return codes;
}

bool AreaData::ProvinceExists(long long code) const { return HasCode(provinces_, code); }
bool AreaData::RegencyExists(long long code) const { return HasCode(regencies_, code); }
bool AreaData::DistrictExists(long long code) const { return HasCode(districts_, code); }

std::pair<size_t, size_t> AreaData::DistrictsOf(long long regency_code) const {
  return ChildRange(districts_, regency_code, 2);
}

const AreaData::Villages& AreaData::GetVillages() const {
  // Loaded on first need only: the bulk of the data.
  static const Villages* villages = [this] {
    auto* v = new Villages();
    ReadPlaces(dir_ + "villages.csv", true, &v->all);
    std::vector<std::string> names;
    names.reserve(v->all.size());
    for (const Place& p : v->all) names.push_back(p.name);
    v->names = Distinct(std::move(names));
    v->all.shrink_to_fit();
    v->names.shrink_to_fit();
    return v;
  }();
  return *villages;
}

const std::vector<Place>& AreaData::villages() const { return GetVillages().all; }
const std::vector<std::string>& AreaData::village_names() const { return GetVillages().names; }

std::pair<size_t, size_t> AreaData::VillagesOf(long long district_code) const {
  // Village codes are district code (6 digits) + 4 digits.
  return ChildRange(GetVillages().all, district_code, 4);
}

}  // namespace bpkb::fields
