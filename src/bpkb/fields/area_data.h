// Indonesian administrative areas from the pinned npm package idn-area-data
// (<root>/node_modules/idn-area-data/data/*.csv): province, regency/city,
// district (kecamatan) and village (kelurahan/desa) names with their codes.
// Used to check a NIK's region code (its first six digits are a district code)
// and to snap place names in addresses and lokasi_dikeluarkan.
//
// Loaded lazily on first use, once, thread-safe; villages (the bulk, ~80k
// names, a few MB) only when a village name is looked up. If the data folder is
// missing every lookup answers "unknown" (Loaded() is false).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bpkb::fields {

struct Place {
  std::string name;      // uppercase, as in the data ("KOTA BANDUNG", "MENTENG")
  long long code = 0;    // digits of the code without dots: 32, 3273, 317106
  long long parent = 0;  // code of the enclosing area (0 for provinces)
};

class AreaData {
 public:
  static const AreaData& Get();

  bool Loaded() const { return !districts_.empty(); }
  bool ProvinceExists(long long code) const;
  bool RegencyExists(long long code) const;
  bool DistrictExists(long long code) const;

  const std::vector<Place>& provinces() const { return provinces_; }
  const std::vector<Place>& regencies() const { return regencies_; }
  const std::vector<Place>& districts() const { return districts_; }
  // Regency names as addresses print them, without "KOTA"/"KABUPATEN" and with
  // or without "ADMINISTRASI" ("BANDUNG", "JAKARTA PUSAT", "ADMINISTRASI
  // JAKARTA PUSAT"); distinct, sorted.
  const std::vector<std::string>& city_names() const { return city_names_; }
  // Codes of the regencies a city name (as in city_names()) stands for: "BANDUNG"
  // is both Kota and Kabupaten Bandung.
  std::vector<long long> RegenciesNamed(const std::string& city_name) const;
  // All distinct city names, province names and their short forms: what
  // lokasi_dikeluarkan may print.
  const std::vector<std::string>& issue_places() const { return issue_places_; }
  // Distinct district names.
  const std::vector<std::string>& district_names() const { return district_names_; }

  // [begin, end) into districts() of the districts in a regency.
  std::pair<size_t, size_t> DistrictsOf(long long regency_code) const;

  // Villages (loaded on first call): all, sorted by district code.
  const std::vector<Place>& villages() const;
  const std::vector<std::string>& village_names() const;  // distinct
  std::pair<size_t, size_t> VillagesOf(long long district_code) const;

 private:
  AreaData() = default;
  void LoadCore(const std::string& dir);
  struct Villages {
    std::vector<Place> all;
    std::vector<std::string> names;
  };
  const Villages& GetVillages() const;

  std::string dir_;
  std::vector<Place> provinces_, regencies_, districts_;
  std::vector<std::pair<std::string, long long>> city_regency_;  // sorted by name
  std::vector<std::string> city_names_, issue_places_, district_names_;
};

// "KOTA ADMINISTRASI JAKARTA PUSAT" -> "JAKARTA PUSAT", "KABUPATEN BOGOR" -> "BOGOR".
std::string CityShortName(std::string_view regency_name);

// A place name as printers print it: uppercase, only letters, digits, space and
// - . ' / ( ) (the data's rare quotes and commas dropped), spaces collapsed.
std::string PrintedPlaceName(std::string_view data_name);

}  // namespace bpkb::fields
