#include "bpkb/text/pattern_automaton.h"

#include <algorithm>
#include <utility>

namespace bpkb::text {

namespace {
constexpr int kMaxRepeat = 64;  // {m,n} bounds; patterns describe short lines
constexpr int kMaxNfaStates = 20000;
}  // namespace

// Recursive-descent parser emitting Thompson fragments into the automaton's NFA.
class PatternParser {
 public:
  PatternParser(std::string_view p, PatternAutomaton* a) : p_(p), a_(a) {}

  struct Frag {
    int in, out;  // out has no edges yet
  };

  Status Parse(Frag* f) {
    Status s = Alt(f);
    if (!s.ok()) return s;
    if (i_ != p_.size()) return Error("unexpected ')'");
    return Status::Ok();
  }

 private:
  Status Error(const std::string& what) const {
    return Status::InvalidInput("pattern", what + " at offset " + std::to_string(i_));
  }
  int NewState() {
    a_->nfa_.emplace_back();
    return static_cast<int>(a_->nfa_.size()) - 1;
  }
  Frag Empty() {
    int s = NewState();
    return {s, s};
  }
  Frag Chars(const std::bitset<256>& set) {
    int in = NewState(), out = NewState();
    a_->nfa_[in].chars = set;
    a_->nfa_[in].next = out;
    return {in, out};
  }
  void Eps(int from, int to) { a_->nfa_[from].eps.push_back(to); }
  Frag Concat(Frag a, Frag b) {
    Eps(a.out, b.in);
    return {a.in, b.out};
  }

  // Copies the NFA states of `f` (created contiguously from f's first state).
  Frag Copy(Frag f, int first, int last) {
    int offset = static_cast<int>(a_->nfa_.size()) - first;
    for (int s = first; s <= last; ++s) {
      PatternAutomaton::NfaState st = a_->nfa_[s];
      if (st.next >= 0) st.next += offset;
      for (int& e : st.eps) e += offset;
      a_->nfa_.push_back(std::move(st));
    }
    return {f.in + offset, f.out + offset};
  }

  Status Alt(Frag* f) {
    Frag left;
    Status s = Seq(&left);
    if (!s.ok()) return s;
    if (i_ >= p_.size() || p_[i_] != '|') {
      *f = left;
      return Status::Ok();
    }
    int in = NewState(), out = NewState();
    Eps(in, left.in);
    Eps(left.out, out);
    while (i_ < p_.size() && p_[i_] == '|') {
      ++i_;
      Frag right;
      s = Seq(&right);
      if (!s.ok()) return s;
      Eps(in, right.in);
      Eps(right.out, out);
    }
    *f = {in, out};
    return Status::Ok();
  }

  Status Seq(Frag* f) {
    Frag acc = Empty();
    while (i_ < p_.size() && p_[i_] != '|' && p_[i_] != ')') {
      int first = static_cast<int>(a_->nfa_.size());
      Frag atom;
      Status s = Atom(&atom);
      if (!s.ok()) return s;
      s = Quantify(&atom, first);
      if (!s.ok()) return s;
      acc = Concat(acc, atom);
      if (a_->nfa_.size() > static_cast<size_t>(kMaxNfaStates)) return Error("pattern too large");
    }
    *f = acc;
    return Status::Ok();
  }

  Status Atom(Frag* f) {
    char c = p_[i_];
    if (c == '(') {
      ++i_;
      Status s = Alt(f);
      if (!s.ok()) return s;
      if (i_ >= p_.size() || p_[i_] != ')') return Error("missing ')'");
      ++i_;
      return Status::Ok();
    }
    if (c == '[') return Class(f);
    if (c == '?' || c == '*' || c == '+' || c == '{') return Error("quantifier without operand");
    if (c == ']') return Error("unexpected ']'");
    if (c == '\\') {
      if (++i_ >= p_.size()) return Error("dangling '\\'");
      c = p_[i_];
    }
    ++i_;
    std::bitset<256> set;
    set.set(static_cast<unsigned char>(c));
    *f = Chars(set);
    return Status::Ok();
  }

  Status Class(Frag* f) {
    ++i_;  // '['
    std::bitset<256> set;
    bool first = true;
    while (true) {
      if (i_ >= p_.size()) return Error("missing ']'");
      char c = p_[i_];
      if (c == ']' && !first) {
        ++i_;
        break;
      }
      first = false;
      if (c == '\\') {
        if (++i_ >= p_.size()) return Error("dangling '\\'");
        c = p_[i_];
      }
      ++i_;
      unsigned char lo = static_cast<unsigned char>(c), hi = lo;
      if (i_ + 1 < p_.size() && p_[i_] == '-' && p_[i_ + 1] != ']') {
        char h = p_[i_ + 1];
        i_ += 2;
        if (h == '\\') {
          if (i_ >= p_.size()) return Error("dangling '\\'");
          h = p_[i_++];
        }
        hi = static_cast<unsigned char>(h);
        if (hi < lo) return Error("reversed range in class");
      }
      for (int x = lo; x <= hi; ++x) set.set(x);
    }
    *f = Chars(set);
    return Status::Ok();
  }

  bool Number(int* n) {
    size_t start = i_;
    int v = 0;
    while (i_ < p_.size() && p_[i_] >= '0' && p_[i_] <= '9') {
      v = v * 10 + (p_[i_] - '0');
      if (v > 100000) return false;
      ++i_;
    }
    *n = v;
    return i_ > start;
  }

  Status Quantify(Frag* f, int first) {
    while (i_ < p_.size()) {
      char c = p_[i_];
      int lo, hi;  // hi < 0: unbounded
      if (c == '?') {
        lo = 0, hi = 1, ++i_;
      } else if (c == '*') {
        lo = 0, hi = -1, ++i_;
      } else if (c == '+') {
        lo = 1, hi = -1, ++i_;
      } else if (c == '{') {
        ++i_;
        if (!Number(&lo)) return Error("bad {m,n}");
        hi = lo;
        if (i_ < p_.size() && p_[i_] == ',') {
          ++i_;
          if (i_ < p_.size() && p_[i_] == '}') {
            hi = -1;
          } else if (!Number(&hi)) {
            return Error("bad {m,n}");
          }
        }
        if (i_ >= p_.size() || p_[i_] != '}') return Error("missing '}'");
        ++i_;
        if (lo > kMaxRepeat || hi > kMaxRepeat) return Error("repeat count too large");
        if (hi >= 0 && hi < lo) return Error("{m,n} with n < m");
      } else {
        return Status::Ok();
      }
      int last = static_cast<int>(a_->nfa_.size()) - 1;
      // every state of the result was made after `first`, so a stacked
      // quantifier (a{2}?) copies the range [first, end) again
      *f = Repeat(*f, first, last, lo, hi);
      if (a_->nfa_.size() > static_cast<size_t>(kMaxNfaStates)) return Error("pattern too large");
    }
    return Status::Ok();
  }

  // f's states are [first, last]. Builds f{lo,hi} (hi < 0: unbounded).
  Frag Repeat(Frag f, int first, int last, int lo, int hi) {
    std::vector<Frag> copies;
    int needed = hi < 0 ? std::max(lo, 1) : hi;
    copies.push_back(f);
    for (int k = 1; k < needed; ++k) copies.push_back(Copy(f, first, last));
    Frag acc = Empty();
    int end = NewState();
    if (lo == 0) Eps(acc.in, end);
    for (int k = 0; k < needed; ++k) {
      acc = Concat(acc, copies[k]);
      if (k + 1 >= lo) Eps(acc.out, end);
    }
    if (hi < 0) Eps(copies.back().out, copies.back().in);  // loop on the last copy
    Eps(acc.out, end);
    return {acc.in, end};
  }

  std::string_view p_;
  size_t i_ = 0;
  PatternAutomaton* a_;
};

Status PatternAutomaton::Compile(std::string_view pattern, PatternAutomaton* out) {
  *out = PatternAutomaton();
  if (pattern.empty()) {
    out->any_ = true;
    return Status::Ok();
  }
  PatternParser parser(pattern, out);
  PatternParser::Frag f;
  Status s = parser.Parse(&f);
  if (!s.ok()) return s;
  out->nfa_start_ = f.in;
  out->nfa_accept_ = f.out;
  std::vector<int> start = {f.in};
  out->Close(&start);
  out->start_ = out->AddDfaState(std::move(start));
  return Status::Ok();
}

void PatternAutomaton::Close(std::vector<int>* states) const {
  std::vector<char> seen(nfa_.size(), 0);
  std::vector<int> stack = *states;
  states->clear();
  while (!stack.empty()) {
    int s = stack.back();
    stack.pop_back();
    if (seen[s]) continue;
    seen[s] = 1;
    states->push_back(s);
    for (int e : nfa_[s].eps) stack.push_back(e);
  }
  std::sort(states->begin(), states->end());
}

int PatternAutomaton::AddDfaState(std::vector<int> closure) {
  auto it = dfa_index_.find(closure);
  if (it != dfa_index_.end()) return it->second;
  DfaState d;
  d.accepting = std::binary_search(closure.begin(), closure.end(), nfa_accept_);
  d.nfa = closure;
  dfa_.push_back(std::move(d));
  int id = static_cast<int>(dfa_.size()) - 1;
  dfa_index_.emplace(std::move(closure), id);
  return id;
}

int PatternAutomaton::Next(int state, unsigned char c) {
  if (any_) return 0;
  if (state < 0) return kDead;
  auto cached = dfa_[state].next.find(c);
  if (cached != dfa_[state].next.end()) return cached->second;
  std::vector<int> moved;
  for (int s : dfa_[state].nfa) {
    if (nfa_[s].next >= 0 && nfa_[s].chars.test(c)) moved.push_back(nfa_[s].next);
  }
  int result = kDead;
  if (!moved.empty()) {
    Close(&moved);
    result = AddDfaState(std::move(moved));
  }
  dfa_[state].next[c] = result;
  return result;
}

int PatternAutomaton::NextString(int state, std::string_view s) {
  for (char c : s) {
    state = Next(state, static_cast<unsigned char>(c));
    if (state == kDead) return kDead;
  }
  return state;
}

bool PatternAutomaton::Accepting(int state) const {
  if (any_) return state >= 0;
  return state >= 0 && dfa_[state].accepting;
}

bool PatternAutomaton::Matches(std::string_view line) {
  if (any_) return true;
  return Accepting(NextString(Start(), line));
}

}  // namespace bpkb::text
