#include "bpkb/field_correction.h"

#include <cctype>
#include <regex>

#include "bpkb/field_text.h"

namespace bpkb {

std::string CollapseSpaces(std::string_view text) {
  std::string out;
  bool space = false;
  for (unsigned char c : text) {
    if (std::isspace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(c);
  }
  return out;
}

// Leader dots, colons and stray marks that a loose crop picks up at its ends.
std::string TrimMarks(const std::string& s) {
  auto keep = [](unsigned char c) { return std::isalnum(c) || c == '(' || c == ')'; };
  size_t a = 0, b = s.size();
  while (a < b && !keep(s[a])) ++a;
  while (b > a && !keep(s[b - 1])) --b;
  return s.substr(a, b - a);
}

CorrectedValue CorrectField(const std::string& field, std::string_view text) {
  CorrectedValue c;
  c.value = TrimMarks(CollapseUpper(text));
  if (field == "tanggal_dikeluarkan") {
    c.value = DateValue(c.value);
    c.valid = !c.value.empty();
  } else if (field == "nomor_bpkb") {
    std::string v;
    for (char ch : c.value) {
      if (std::isalnum(static_cast<unsigned char>(ch)) || ch == '-') v += ch;
    }
    size_t dash = v.find('-');
    if (dash != std::string::npos && dash > 0) v = v.substr(dash - 1);
    c.value = v;
    c.valid = std::regex_match(v, std::regex("[A-Z]-[0-9]{8}"));
  } else {
    c.valid = !c.value.empty();
  }
  if (!c.valid) c.confidence_factor = 0.5;
  return c;
}

void CheckFields(PageKind, std::map<std::string, FieldReading>*) {}

}  // namespace bpkb
