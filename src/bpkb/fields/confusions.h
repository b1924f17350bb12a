// The characters our readers mistake for one another in the BPKB print faces
// (BPKB.md: D like 0, 1 like J or T, 4 like Y, G like 6, ...). A corrector uses
// them only where a field's grammar says which class (letter or digit) a
// position needs; it never swaps a digit for another digit.
#pragma once

#include <string_view>

namespace bpkb::fields {

// The digit a letter is most likely a misreading of, or '\0' when none.
char DigitFor(char letter);
// Letters a digit may be a misreading of, most likely first ("" when none).
std::string_view LettersFor(char digit);
// The most likely letter for a digit, or '\0'.
char LetterFor(char digit);
// True when `a` and `b` are a known confusion pair (either way).
bool Confusable(char a, char b);

}  // namespace bpkb::fields
