#include "bpkb/field_text.h"

#include <cctype>
#include <cstdio>
#include <vector>

namespace bpkb {

std::string CollapseUpper(std::string_view text) {
  std::string out;
  bool space = false;
  for (unsigned char c : text) {
    if (std::isspace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::toupper(c));
  }
  return out;
}

std::string DateValue(std::string_view text) {
  std::vector<int> parts;
  int cur = -1;
  for (char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      cur = (cur < 0 ? 0 : cur * 10) + (c - '0');
      if (cur > 9999) return "";
    } else if (cur >= 0) {
      parts.push_back(cur);
      cur = -1;
    }
  }
  if (cur >= 0) parts.push_back(cur);
  if (parts.size() != 3) return "";
  int d = parts[0], m = parts[1], y = parts[2];
  if (y < 100) y += y < 50 ? 2000 : 1900;
  if (d < 1 || d > 31 || m < 1 || m > 12 || y < 1950 || y > 2100) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d-%02d-%04d", d, m, y);
  return buf;
}

}  // namespace bpkb
