#include "bpkb/fields/text_util.h"

#include <algorithm>

namespace bpkb::fields {

namespace {

std::string Collapse(std::string_view raw, bool uppercase) {
  std::string out;
  out.reserve(raw.size());
  bool pending_space = false;
  for (char c : raw) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(uppercase && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return out;
}

}  // namespace

std::string CollapseSpaces(std::string_view raw) { return Collapse(raw, false); }

std::string CanonicalText(std::string_view raw) { return Collapse(raw, true); }

int DifferingPositions(std::string_view a, std::string_view b) {
  int d = 0;
  for (size_t i = 0; i < std::min(a.size(), b.size()); ++i) d += a[i] != b[i];
  return d;
}

std::vector<std::string> TableCells(std::string_view line) {
  std::vector<std::string> cells;
  size_t start = 0;
  while (true) {
    const size_t tab = line.find('\t', start);
    cells.push_back(CanonicalText(line.substr(start, tab - start)));
    if (tab == std::string_view::npos) return cells;
    start = tab + 1;
  }
}

std::vector<std::string> SplitWords(std::string_view text) {
  std::vector<std::string> words;
  std::string cur;
  for (char c : text) {
    if (c == ' ') {
      if (!cur.empty()) words.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  return words;
}

std::string JoinWords(const std::vector<std::string>& words, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end && i < words.size(); ++i) {
    if (words[i].empty()) continue;
    if (!out.empty()) out.push_back(' ');
    out += words[i];
  }
  return out;
}

std::string KeepOnly(std::string_view text, std::string_view keep, bool alnum) {
  std::string out;
  for (char c : text) {
    if ((alnum && IsAlnum(c)) || keep.find(c) != std::string_view::npos) out.push_back(c);
  }
  return out;
}

}  // namespace bpkb::fields
