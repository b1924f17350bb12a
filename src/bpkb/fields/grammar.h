// FieldGrammar: what a field's printed value may look like (BPKB.md), as the
// constrained line decoder (bpkb/text) and the corrector see it.
//
// `pattern` is a small regular-expression dialect that the decoder compiles to an
// automaton: literal characters, classes like [A-Z0-9] (ranges and single chars,
// no negation), groups ( | ), and the quantifiers ?, *, + and {m,n}. It describes
// the printed line (e.g. a date as "1 - 7 - 2011"), not the normalised value.
// A metacharacter meant literally is written as a one-character class: [.] [(]
// [)] [+]; there are no backslash escapes and no '.' wildcard, so every pattern
// is also a valid ECMAScript regular expression with the same meaning.
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

// The grammar of one line of a value printed over several lines: the field's
// pattern without its lexicon, whose entries are whole values (a first line
// "GRAN MAX MB 1.3" was completed to the entry "GRAN MAX MB 1.3 D" over the
// second line, "D"). nullptr for an unknown name.
const FieldGrammar* LineGrammarFor(std::string_view field);

// Where the vocabularies (<root>/ref/) and the area data
// (<root>/node_modules/idn-area-data) are read from: the root given here, else
// bpkb::ResolveRoot(). Call before the first GrammarFor/NormaliseField (the
// reader does, with its configured root); later calls do not reload.
void UseDataRoot(const std::string& root);
std::string DataRoot();

// Every field that has a grammar (the API fields of both pages, optional ones
// included).
std::vector<std::string> GrammarFields();

}  // namespace bpkb::fields
