// FieldGrammar: what a field's printed value may look like (BPKB.md), as the
// constrained line decoder (bpkb/text) and the corrector see it.
//
// `pattern` is a small regular-expression dialect that the decoder compiles to an
// automaton: literal characters, classes like [A-Z0-9] (ranges and single chars,
// no negation), groups ( | ), and the quantifiers ?, *, + and {m,n}. It describes
// the printed line (e.g. a date as "1 - 7 - 2011"), not the normalised value.
// `lexicon` lists whole printed values (brands, colours, ...) that the decoder may
// prefer; when `closed` is true a value outside it is invalid.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bpkb::fields {

struct FieldGrammar {
  std::string field;    // API field name
  std::string pattern;  // see above; "" means any uppercase line
  std::vector<std::string> lexicon;
  bool closed = false;
};

// The grammar of an API field, or nullptr for an unknown name. Loaded once,
// thread-safe.
const FieldGrammar* GrammarFor(std::string_view field);

}  // namespace bpkb::fields
