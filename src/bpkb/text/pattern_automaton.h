// PatternAutomaton: a field pattern (bpkb/fields/grammar.h dialect) compiled to an
// automaton that the constrained CTC decoder walks one character at a time.
//
// Dialect: literal characters (including '.', which is NOT a wildcard: printed
// values contain dots), `\x` for a literal x, classes [A-Z0-9 .] of ranges and
// single characters (no negation), groups ( | ), and the quantifiers ?, *, +, {m},
// {m,} and {m,n}. The whole line must match (implicitly anchored). Matching is on
// bytes. Compile builds a Thompson NFA; states of the subset DFA are built lazily
// and cached, so one automaton must not be shared between threads.
#pragma once

#include <bitset>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "bpkb/status.h"

namespace bpkb::text {

class PatternAutomaton {
 public:
  static constexpr int kDead = -1;

  // An empty pattern accepts any line. Errors say where the pattern is malformed.
  static Status Compile(std::string_view pattern, PatternAutomaton* out);

  int Start() { return start_; }
  // The state after reading byte `c` in `state`, or kDead.
  int Next(int state, unsigned char c);
  // Feeds every byte of `s`; kDead as soon as one is refused.
  int NextString(int state, std::string_view s);
  bool Accepting(int state) const;
  bool Matches(std::string_view line);
  bool pattern_is_any() const { return any_; }  // compiled from an empty pattern

 private:
  struct NfaState {
    std::bitset<256> chars;  // consuming edge to `next` on these bytes (if any set)
    int next = -1;
    std::vector<int> eps;  // epsilon edges
  };
  struct DfaState {
    std::vector<int> nfa;  // sorted, epsilon-closed
    bool accepting = false;
    std::map<unsigned char, int> next;  // cached transitions (kDead too)
  };
  friend class PatternParser;

  int AddDfaState(std::vector<int> closure);
  void Close(std::vector<int>* states) const;

  std::vector<NfaState> nfa_;
  int nfa_start_ = 0, nfa_accept_ = 0;
  std::vector<DfaState> dfa_;
  std::map<std::vector<int>, int> dfa_index_;
  int start_ = 0;
  bool any_ = false;
};

}  // namespace bpkb::text
