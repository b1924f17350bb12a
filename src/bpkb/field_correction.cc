#include "bpkb/field_correction.h"

#include <cctype>
#include <regex>
#include "bpkb/fields/field_value.h"
#include "bpkb/fields/text_util.h"

namespace bpkb {

std::string CollapseSpaces(std::string_view text) { return fields::CollapseSpaces(text); }

namespace {

// A loose crop also catches leader dots, a colon or a rule at its ends; no
// printed value starts or ends with such marks.
std::string_view TrimCropMarks(std::string_view s) {
  auto keep = [](unsigned char c) { return std::isalnum(c) || c == '(' || c == ')'; };
  size_t a = 0, b = s.size();
  while (a < b && !keep(s[a])) ++a;
  while (b > a && !keep(s[b - 1])) --b;
  return s.substr(a, b - a);
}

}  // namespace

// The serial's crop also holds its printed prefix "No.:": keep what follows it.
std::string_view SerialPart(std::string_view s) {
  size_t dash = s.rfind('-');
  if (dash == std::string_view::npos) return s;
  size_t start = dash;
  while (start > 0 && s[start - 1] == ' ') --start;
  if (start > 0 && std::isalpha(static_cast<unsigned char>(s[start - 1]))) --start;
  return s.substr(start);
}

CorrectedValue CorrectField(const std::string& field, std::string_view text) {
  std::string_view trimmed = TrimCropMarks(text);
  if (field == "nomor_bpkb") trimmed = SerialPart(trimmed);
  fields::NormalisedValue n = fields::NormaliseField(field, trimmed);
  if (field == "tanggal_dikeluarkan" && !n.valid) {
    // A stamp or the officer's title read on after the date: the first
    // date-shaped run is the value.
    static const std::regex kDate("[0-9]{1,2} ?- ?[0-9]{1,2} ?- ?(19|20)[0-9]{2}");
    const std::string text_copy(trimmed);
    std::smatch m;
    if (std::regex_search(text_copy, m, kDate)) {
      fields::NormalisedValue date = fields::NormaliseField(field, m.str());
      if (date.valid) n = date;
    }
  }
  if (field == "no_rangka" && !n.valid) {
    // A VIN printed across its label picks up label strokes at its start: the
    // last 17 letters and digits are the VIN when they pass its checks.
    std::string alnum;
    for (char ch : trimmed) {
      if (std::isalnum(static_cast<unsigned char>(ch))) alnum += ch;
    }
    if (alnum.size() > 17) {
      fields::NormalisedValue tail = fields::NormaliseField(field, alnum.substr(alnum.size() - 17));
      if (tail.valid) n = tail;
    }
  }
  CorrectedValue c;
  c.value = std::move(n.value);
  c.valid = n.valid;
  c.confidence_factor = n.confidence_factor;
  return c;
}

void CheckFields(PageKind kind, std::map<std::string, FieldReading>* fields) {
  fields::CheckPage(kind, fields);
}

}  // namespace bpkb
