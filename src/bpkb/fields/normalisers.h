// The per-field correctors behind NormaliseField (field_value.h). Each takes
// the canonical text (CanonicalText: uppercase, one space, trimmed, never
// empty) and returns the value per BPKB.md with its validity and a confidence
// factor. Internal to bpkb/fields.
#pragma once

#include <string>
#include <vector>

#include "bpkb/fields/field_value.h"

namespace bpkb::fields {

// Confidence factor after `fixes` single-character corrections.
double FixFactor(int fixes);

NormalisedValue NormalisePlate(const std::string& text);
NormalisedValue NormaliseVin(const std::string& text);
NormalisedValue NormaliseEngineNumber(const std::string& text);
NormalisedValue NormaliseYear(const std::string& text);
NormalisedValue NormaliseCc(const std::string& text);
NormalisedValue NormaliseCount(const std::string& text, int min, int max);
NormalisedValue NormaliseDate(const std::string& text);
NormalisedValue NormaliseIdNumber(const std::string& text);
NormalisedValue NormaliseBpkbNumber(const std::string& text);
NormalisedValue NormalisePhone(const std::string& text);
NormalisedValue NormaliseEmail(const std::string& text);

// A value from a list: snapped to the closest entry when close enough; else
// kept as read, valid only when the list is open.
NormalisedValue NormaliseEnumeration(const std::string& text,
                                     const std::vector<std::string>& lexicon, bool closed);
NormalisedValue NormaliseColour(const std::string& text);
NormalisedValue NormaliseName(const std::string& text);
NormalisedValue NormaliseFreeText(const std::string& text);  // tipe
NormalisedValue NormaliseAddress(const std::string& text);
NormalisedValue NormaliseIssuePlace(const std::string& text);

// The codes of the districts (idn-area-data, PPKKCC) an address names after
// its KEC. marker, narrowed by the city printed after it; empty when none.
std::vector<long long> AddressDistricts(const std::string& address);

// Digits inside words of letters become the letters they resemble ("SUD1RMAN").
// `aggressive`: any digit in a word with letters (names never contain digits).
std::string FixDigitsInWords(const std::string& text, bool aggressive, int* fixes);

}  // namespace bpkb::fields
