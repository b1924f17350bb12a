// Cross-field checks of one page (BPKB.md "Value conventions"): they never
// invent a value; where a check fails they clear `valid` and lower confidence
// of the fields involved. These corrections are made: a tahun_pembuatan that
// does not fit the VIN's 10th character (the model-year code) is the year as
// read unconstrained (`raw`) when that one fits, else the one year the code
// names that is a digit off it (or that has one digit more: a digit lost
// under the label); a VIN's 10th character
// that does not fit tahun_pembuatan (no year code at all, like 0, U, Z, or
// another year's, like S for 5) but is a known confusion of the code that
// tahun_pembuatan implies is replaced by that code; a VIN's manufacturer code
// (WMI), as corrected or as read, one character off exactly one of merek's is
// replaced by it, and one that is none of merek's (read nor unconstrained) is
// the WMI that ref/vehicles.tsv lists tipe with (an unlisted tipe: the one WMI
// listed for merek's cars, or motorcycles); and a NIK's region code that is no
// district, one digit off the address's district, is that district's.
#include <algorithm>

#include "bpkb/fields/confusions.h"
#include "bpkb/fields/dates.h"
#include "bpkb/fields/field_value.h"
#include "bpkb/fields/lexicons.h"
#include "bpkb/fields/nik.h"
#include "bpkb/fields/normalisers.h"
#include "bpkb/fields/text_util.h"
#include "bpkb/fields/vehicle_ids.h"

namespace bpkb::fields {
namespace {

constexpr double kFailedCheckFactor = 0.7;

FieldReading* Get(std::map<std::string, FieldReading>* fields, const std::string& name) {
  auto it = fields->find(name);
  if (it == fields->end() || it->second.value.empty()) return nullptr;
  return &it->second;
}

void Fail(FieldReading* f) {
  if (f == nullptr) return;
  f->valid = false;
  f->confidence *= kFailedCheckFactor;
}

// The one year from 1950 to next year that the VIN's model-year code fits
// (`exact`: names, not within a year of) and `near` accepts, or -1 when none or
// several do.
template <typename Near>
int OnlyYearFitting(char code, bool exact, Near near) {
  int fit = -1, fits = 0;
  for (int y = 1950; y <= CurrentYear() + 1; ++y) {
    const bool fits_code = exact ? VinYearCode(y) == code : VinYearMatches(code, y);
    if (fits_code && near(std::to_string(y))) fit = y, ++fits;
  }
  return fits == 1 ? fit : -1;
}

int Year(const FieldReading* f) {
  if (f == nullptr || f->value.size() != 4) return -1;
  for (char c : f->value) {
    if (!IsDigit(c)) return -1;
  }
  return std::stoi(f->value);
}

// The leading number of "2 (DUA)", or -1.
int Count(const FieldReading* f) {
  if (f == nullptr) return -1;
  int n = 0;
  size_t i = 0;
  while (i < f->value.size() && IsDigit(f->value[i])) {
    if (n > 100'000) return -1;  // no vehicle has that many; also keeps n from overflowing
    n = n * 10 + (f->value[i++] - '0');
  }
  return i == 0 ? -1 : n;
}

bool Contains(const std::vector<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

void CheckVinYear(std::map<std::string, FieldReading>* fields) {
  FieldReading* vin = Get(fields, "no_rangka");
  FieldReading* year_f = Get(fields, "tahun_pembuatan");
  if (vin == nullptr || vin->value.size() != 17 || year_f == nullptr) return;
  char& code = vin->value[9];
  if (year_f->value.size() == 3 &&
      std::all_of(year_f->value.begin(), year_f->value.end(), IsDigit)) {
    // A year that lost a digit ("006": its 2 under the label's last letter):
    // the year with one more digit that fits the VIN's code, when exactly one does.
    const std::string read = year_f->value;
    const int fit = OnlyYearFitting(code, true, [&](const std::string& y) {
      for (size_t i = 0; i < y.size(); ++i) {
        if (y.substr(0, i) + y.substr(i + 1) == read) return true;
      }
      return false;
    });
    if (fit > 0) {
      year_f->value = std::to_string(fit);
      year_f->valid = true;
      year_f->confidence *= 0.85;
      return;
    }
  }
  const int year = Year(year_f);
  if (year < 0) return;
  if (year > CurrentYear() + 1) {
    // No vehicle is made in a year to come ("2067" for 2007; its code matches
    // 30 years on): the year one digit off it that fits the VIN's code, when
    // exactly one does.
    const std::string read = std::to_string(year);
    const int fit = OnlyYearFitting(
        code, false, [&](const std::string& y) { return DifferingPositions(y, read) == 1; });
    if (fit > 0) {
      year_f->value = std::to_string(fit);
      year_f->valid = true;
      year_f->confidence *= 0.85;
      return;
    }
  }
  if (VinYearMatches(code, year)) return;
  // The year as the recognizer read it unconstrained (`raw`: "2018" where the
  // grammar-held reading chose "2010"), when that fits the VIN's code: two
  // fields agree on it.
  {
    FieldReading raw_f = *year_f;
    raw_f.value = raw_f.raw;
    const int raw_year = Year(&raw_f);
    if (raw_year >= 1950 && raw_year != year && VinYearMatches(code, raw_year)) {
      year_f->value = raw_f.raw;
      year_f->confidence *= 0.85;
      return;
    }
  }
  {
    // Not the year's code (not a year code at all, or S read for 5, B for 8):
    // is it a misreading of the expected one?
    for (int y : {year, year + 1, year - 1}) {
      const char expected = VinYearCode(y);
      if (expected != '\0' && Confusable(code, expected)) {
        code = expected;
        vin->confidence *= 0.85;
        bool ok = true;
        for (char c : vin->value) ok = ok && kVinAlphabet.find(c) != std::string_view::npos;
        vin->valid = ok;
        return;
      }
    }
  }
  {
    // A year one digit off the one the VIN's code names ("2018" read for 2010,
    // whose code is A; "2014" for 2019, K), when exactly one year is: the
    // code's character was read and voted on across the VIN's crops, and its
    // year fits what the rest of the page says. (Requiring the VIN read surer
    // than the year, per character, fixed neither validation page.)
    const std::string read = year_f->value;
    const int fit = OnlyYearFitting(
        code, true, [&](const std::string& y) { return DifferingPositions(y, read) == 1; });
    if (fit > 0) {
      year_f->value = std::to_string(fit);
      year_f->confidence *= 0.85;
      return;
    }
  }
  Fail(vin);
  Fail(year_f);
}

bool IsMotorcycle(const std::string& jenis) { return jenis == "SEPEDA MOTOR"; }

// The VIN's first three characters name its maker, which merek names too: a
// WMI that is none of the brand's, one character off one of them, is that one.
void CheckVinMaker(std::map<std::string, FieldReading>* fields) {
  FieldReading* vin = Get(fields, "no_rangka");
  FieldReading* merek = Get(fields, "merek");
  if (vin == nullptr || merek == nullptr || vin->value.size() != 17) return;
  const FieldReading* jenis = Get(fields, "jenis");
  int motorcycle = -1;
  if (jenis != nullptr && Contains(GetLexicons().jenis, jenis->value)) {
    motorcycle = IsMotorcycle(jenis->value) ? 1 : 0;
  }
  std::string wmi = BrandWmiFor(vin->value.substr(0, 3), merek->value, motorcycle);
  // The WMI as the recognizer read it, before it was snapped to the closest
  // listed one ("MLN" read, snapped to Honda's MLH; the brand's is MLV).
  const std::string raw = KeepOnly(vin->raw, "");
  if (wmi.empty() && raw.size() == 17 && raw.compare(0, 3, vin->value, 0, 3) != 0) {
    wmi = BrandWmiFor(std::string_view(raw).substr(0, 3), merek->value, motorcycle);
  }
  // Neither reading is the brand's: the WMI its type is listed with.
  const FieldReading* tipe = Get(fields, "tipe");
  if (wmi.empty() && tipe != nullptr) {
    wmi = TypeWmiFor(std::string_view(vin->value).substr(0, 3),
                     raw.size() == 17 ? std::string_view(raw).substr(0, 3) : std::string_view(),
                     merek->value, tipe->value, motorcycle);
  }
  if (wmi.empty()) return;
  vin->value.replace(0, 3, wmi);
  vin->confidence *= 0.85;
}

// A type is built with one engine: a cylinder capacity one digit off the one
// ref/vehicles.tsv lists the page's (merek, tipe) with is that one ("1.797 CC"
// for a 1.497 CC type; 7 and 4 are the faces' usual confusions with 4 and 9).
void CheckCylinder(std::map<std::string, FieldReading>* fields) {
  FieldReading* cc_f = Get(fields, "isi_silinder");
  const FieldReading* merek = Get(fields, "merek");
  const FieldReading* tipe = Get(fields, "tipe");
  if (cc_f == nullptr || merek == nullptr || tipe == nullptr) return;
  const int listed = TypeCc(merek->value, tipe->value);
  if (listed < 0) return;
  const std::string read = KeepOnly(cc_f->value, "");  // "1.797 CC" -> "1797CC"
  const std::string want = std::to_string(listed) + "CC";
  if (read.size() != want.size() || DifferingPositions(read, want) != 1) return;
  const NormalisedValue v = NormaliseField("isi_silinder", want);
  cc_f->value = v.value;
  cc_f->valid = v.valid;
  cc_f->confidence *= 0.85;
}

// An engine number starts with its engine's code, which ref/vehicles.tsv
// lists with the page's (merek, tipe): a start one character off that code
// is that code ("FM16..." for EM16, "M2G4..." for M264).
void CheckEnginePrefix(std::map<std::string, FieldReading>* fields) {
  FieldReading* engine = Get(fields, "no_mesin");
  const FieldReading* merek = Get(fields, "merek");
  const FieldReading* tipe = Get(fields, "tipe");
  if (engine == nullptr || merek == nullptr || tipe == nullptr) return;
  const std::string prefix = TypeEnginePrefix(merek->value, tipe->value);
  if (prefix.size() < 3 || engine->value.size() < prefix.size() + 3) return;
  if (DifferingPositions(engine->value, prefix) != 1) return;
  engine->value.replace(0, prefix.size(), prefix);
  engine->confidence *= 0.85;
}

void CheckVehicleKind(std::map<std::string, FieldReading>* fields) {
  const Lexicons& lx = GetLexicons();
  FieldReading* jenis = Get(fields, "jenis");
  FieldReading* model = Get(fields, "model");
  FieldReading* roda = Get(fields, "jumlah_roda");
  FieldReading* sumbu = Get(fields, "jumlah_sumbu");
  FieldReading* kategori = Get(fields, "kategori");
  const int wheels = Count(roda), axles = Count(sumbu);
  if (jenis != nullptr && Contains(lx.jenis, jenis->value)) {
    const bool motor = IsMotorcycle(jenis->value);
    if (wheels > 0 && (motor ? (wheels < 2 || wheels > 3) : wheels < 3)) {
      Fail(roda);
      jenis->confidence *= kFailedCheckFactor;
    }
    if (axles > 0 && motor && axles > 2) Fail(sumbu);
    if (model != nullptr && Contains(lx.models, model->value) &&
        Contains(lx.motorcycle_models, model->value) != motor) {
      Fail(model);
      jenis->confidence *= kFailedCheckFactor;
    }
    if (kategori != nullptr && Contains(lx.categories, kategori->value) &&
        IsMotorcycle(kategori->value) != motor) {
      Fail(kategori);
      jenis->confidence *= kFailedCheckFactor;
    }
  }
  if (wheels > 0 && axles > 0 && wheels < axles) {
    Fail(roda);
    Fail(sumbu);
  }
}

// A NIK's first six digits are the district where its holder was registered,
// mostly the address's own: a region code that is no district at all, one digit
// off the address's district (and no other's of that name), is a misread of it.
// (A real code is kept: people move, and a NIK is for life.)
void MatchNikToAddress(FieldReading* id, const FieldReading* alamat) {
  if (alamat == nullptr || CheckNik(id->value).region_known) return;
  const std::vector<long long> districts = AddressDistricts(alamat->value);
  const std::string region = id->value.substr(0, 6);
  std::string match;
  for (long long code : districts) {
    std::string c = std::to_string(code);
    if (c.size() != 6) continue;
    if (c == region) return;
    int diffs = 0;
    for (size_t i = 0; i < 6; ++i) diffs += c[i] != region[i] ? 1 : 0;
    if (diffs != 1) continue;
    if (!match.empty() && match != c) return;
    match = c;
  }
  if (match.empty()) return;
  id->value.replace(0, 6, match);
  id->confidence *= 0.85;
  id->valid = CheckNik(id->value).ok();
}

void CheckNikField(std::map<std::string, FieldReading>* fields) {
  FieldReading* id = Get(fields, "no_id");
  if (id == nullptr || id->value.size() != 16) return;
  if (!CheckNik(id->value).well_formed) return;
  MatchNikToAddress(id, Get(fields, "alamat"));
  NikCheck c = CheckNik(id->value);
  if (!c.ok()) Fail(id);
}

void CheckIssueDate(std::map<std::string, FieldReading>* fields) {
  FieldReading* date = Get(fields, "tanggal_dikeluarkan");
  if (date == nullptr) return;
  std::optional<ParsedDate> p = ParsePrintedDate(date->value);
  const CalendarDate today = Today();
  auto key = [](const CalendarDate& d) { return d.year * 10000 + d.month * 100 + d.day; };
  // BPKBs in this form were issued from the 1970s on, and never in the future.
  if (!p || p->date.year < 1970 || key(p->date) > key(today)) Fail(date);
}

}  // namespace

void CheckPage(PageKind kind, std::map<std::string, FieldReading>* fields) {
  if (fields == nullptr) return;
  if (kind != PageKind::kIp) {
    CheckVinMaker(fields);
    CheckVinYear(fields);
    CheckCylinder(fields);
    CheckEnginePrefix(fields);
    CheckVehicleKind(fields);
  }
  if (kind != PageKind::kIk) {
    CheckNikField(fields);
    CheckIssueDate(fields);
  }
}

}  // namespace bpkb::fields
