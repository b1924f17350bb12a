// Identifiers printed on the vehicle page: the VIN (ISO 3779, 17 characters, no
// I/O/Q, 10th character the model year) and the engine number.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bpkb::fields {

inline constexpr std::string_view kVinAlphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";

// Model years that a VIN's 10th character stands for (the code repeats every
// 30 years: 'D' is 1983 and 2013); empty for a character that is no year code.
std::vector<int> VinModelYears(char code);
// The 10th-character code for a model year (1980-2039), '\0' outside.
char VinYearCode(int year);
// True when the model year code fits the manufacture year (the model year may
// run one year ahead of or behind the year of manufacture).
bool VinYearMatches(char code, int year);

struct IdFix {
  std::string value;
  int fixes = 0;  // characters changed
  bool valid = false;
  bool known_wmi = false;  // a VIN whose first three characters are a listed WMI
};

// True when `wmi` (3 characters) is a World Manufacturer Identifier of the
// lexicons (ref/vehicles.tsv, ref/vin_wmis.tsv and the built-in list).
bool KnownVinWmi(std::string_view wmi);

// The WMIs under which `brand` (merek) is made: those of its motorcycles
// (`motorcycle` 1), its cars (0) or both (-1); empty for a brand no list names.
std::vector<std::string> BrandWmis(std::string_view brand, int motorcycle);

// The WMI of `brand` that a VIN read with `wmi` was printed with: one that
// differs from it in one character, the only one of the brand's that does
// (a pair the print faces confuse wins over another); "" when `wmi` is one of
// the brand's, when none or several are that close, or when `wmi` is another
// maker's and the character is no such confusion (rebadged vehicles carry
// their plant's WMI: a Toyota built by Daihatsu reads MHK).
std::string BrandWmiFor(std::string_view wmi, std::string_view brand, int motorcycle);

// The WMI that ref/vehicles.tsv lists `tipe` of `brand` with (the plant that
// builds that type); "" when the pair is not listed, or listed with several.
std::string TypeWmi(std::string_view brand, std::string_view tipe);

// The cylinder capacity (cc) that ref/vehicles.tsv lists `tipe` of `brand`
// with; -1 when the pair is not listed, or listed with several.
int TypeCc(std::string_view brand, std::string_view tipe);

// The engine-number prefix that ref/vehicles.tsv lists `tipe` of `brand` with
// (the engine's code, "R20A"); "" when the pair is not listed, or listed with
// several.
std::string TypeEnginePrefix(std::string_view brand, std::string_view tipe);

// The one WMI that ref/vehicles.tsv lists the types of `brand`'s cars
// (`motorcycle` 0) or motorcycles (1) with; "" when it lists none or several,
// or for `motorcycle` -1.
std::string KindWmi(std::string_view brand, int motorcycle);

// The WMI of a VIN read with `wmi` (and `raw_wmi`, the unconstrained reading's
// first three characters, "" when it has no 17 characters) on the page of a
// `brand` `tipe`: the type's listed WMI (for a type no list names, the
// KindWmi of its brand) when neither reading is one of the brand's (another
// maker's or no maker's: a VIN printed across its label reads the label's
// strokes, "KMM" for MHM); "" otherwise. A WMI of the brand's other plants is
// kept as read.
std::string TypeWmiFor(std::string_view wmi, std::string_view raw_wmi, std::string_view brand,
                       std::string_view tipe, int motorcycle);

// Spaces/hyphens dropped, I->1, O/Q->0, letters a face confuses with digits in
// the serial (positions 12-17) to digits; an unlisted WMI one confusion away from exactly one
// listed WMI becomes it only when the rest of the VIN is valid.
IdFix CorrectVin(std::string_view canonical);
// Engine number: 6-16 letters/digits (a hyphen kept), O->0 and I->1.
IdFix CorrectEngineNumber(std::string_view canonical);

}  // namespace bpkb::fields
