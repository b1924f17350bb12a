// Small text helpers shared by the field correctors: the common form of every
// value (BPKB.md: uppercase, whitespace runs collapsed to one space, trimmed) and
// splitting into words.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bpkb::fields {

// Every run of whitespace to one space, trimmed; case kept (a reading's `raw`).
std::string CollapseSpaces(std::string_view raw);
// The same, uppercase (ASCII).
std::string CanonicalText(std::string_view raw);

std::vector<std::string> SplitWords(std::string_view text);
// The cells of one line of a tab-separated table (ref/*.tsv), each in its
// CanonicalText form.
std::vector<std::string> TableCells(std::string_view line);
// words[begin, end) joined by single spaces, empty words skipped.
std::string JoinWords(const std::vector<std::string>& words, size_t begin, size_t end);

inline bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAlnum(char c) { return IsUpper(c) || IsDigit(c); }

// The positions, up to the shorter one's length, where `a` and `b` differ.
int DifferingPositions(std::string_view a, std::string_view b);

// Only the characters in `keep` (and alphanumerics when `alnum`), in order.
std::string KeepOnly(std::string_view text, std::string_view keep, bool alnum = true);

}  // namespace bpkb::fields
