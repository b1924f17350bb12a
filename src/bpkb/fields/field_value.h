// Correction and validation of a field's text (issue 5, DESIGN.md step 7).
//
// NormaliseField turns what the recognizer read into the value convention of
// BPKB.md (uppercase, collapsed spaces, dates DD-MM-YYYY, ...), fixing the usual
// confusions (O/0, I/1, B/8, S/5, Z/2, D/0) only where the field's grammar says
// which is right, and snapping to dictionaries (brands, colours, places, ...).
// CheckPage applies cross-field checks (VIN year vs tahun_pembuatan, NIK region
// and date, SEPEDA MOTOR wheels, ...) and lowers `valid`/confidence where they fail.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "bpkb/page_kind.h"
#include "bpkb/reading.h"

namespace bpkb::fields {

struct NormalisedValue {
  std::string value;  // per BPKB.md; "" when nothing usable was read
  bool valid = false;
  // Multiplies the recognizer's confidence: 1 when the text already fit the
  // grammar, lower when it needed correction or fits nothing.
  double confidence_factor = 1.0;
};

NormalisedValue NormaliseField(std::string_view field, std::string_view text);

// Cross-field checks over a whole page's readings (values already normalised).
void CheckPage(PageKind kind, std::map<std::string, FieldReading>* fields);

}  // namespace bpkb::fields
