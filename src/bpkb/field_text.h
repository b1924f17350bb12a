// The value conventions of BPKB.md that hold for every field whatever the
// corrector does: uppercase, whitespace runs collapsed and trimmed; dates as
// DD-MM-YYYY. Used before the field corrector (bpkb/fields) refines the text.
#pragma once

#include <string>
#include <string_view>

namespace bpkb {

std::string CollapseUpper(std::string_view text);

// "1 - 7 - 2011", "01-07-2011", "1/7/2011" -> "01-07-2011"; "" when not a date.
std::string DateValue(std::string_view text);

}  // namespace bpkb
