// The reader's one door to field correction: turns a value line's text into the
// field's value (BPKB.md conventions) with validity and a confidence factor, and
// runs the cross-field checks. Delegates to bpkb/fields (the field grammars and
// corrector) so that the pipeline does not depend on how correction is done.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "bpkb/page_kind.h"
#include "bpkb/reading.h"

namespace bpkb {

struct CorrectedValue {
  std::string value;
  bool valid = false;
  double confidence_factor = 1.0;
};

CorrectedValue CorrectField(const std::string& field, std::string_view text);
void CheckFields(PageKind kind, std::map<std::string, FieldReading>* fields);

// Whitespace runs collapsed and trimmed, case kept (for `raw`).
std::string CollapseSpaces(std::string_view text);

}  // namespace bpkb
