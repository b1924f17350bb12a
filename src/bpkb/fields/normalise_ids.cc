// Correctors of the fields with a fixed shape: plate, VIN, engine number, year,
// CC, counts, dates, identity numbers.
#include <algorithm>
#include <cmath>
#include <optional>

#include "bpkb/fields/confusions.h"
#include "bpkb/fields/dates.h"
#include "bpkb/fields/fuzzy.h"
#include "bpkb/fields/lexicons.h"
#include "bpkb/fields/nik.h"
#include "bpkb/fields/normalisers.h"
#include "bpkb/fields/plate.h"
#include "bpkb/fields/text_util.h"
#include "bpkb/fields/vehicle_ids.h"

namespace bpkb::fields {
namespace {

constexpr double kInvalidFactor = 0.5;
// A date field whose text holds no date (times kInvalidFactor: 0.1).
constexpr double kUnreadDateFactor = 0.2;

NormalisedValue Make(std::string value, bool valid, double factor) {
  NormalisedValue v;
  v.value = std::move(value);
  v.valid = valid;
  v.confidence_factor = std::clamp(factor * (valid ? 1.0 : kInvalidFactor), 0.0, 1.0);
  return v;
}

// Letters a face confuses with digits become digits; other characters are
// dropped when `drop_others`, else kept. Counts the changed letters.
std::string AsDigits(const std::string& text, int* fixes) {
  std::string out;
  for (char c : text) {
    if (IsDigit(c)) {
      out.push_back(c);
    } else if (char d = DigitFor(c); d != '\0') {
      out.push_back(d);
      ++*fixes;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return IsDigit(c); });
}

}  // namespace

double FixFactor(int fixes) { return std::max(0.5, std::pow(0.92, fixes)); }

NormalisedValue NormalisePlate(const std::string& text) {
  PlateFix p = CorrectPlate(text);
  double f = FixFactor(p.fixes) * (p.value == text ? 1.0 : 0.97);
  return Make(p.value, p.fits && p.region_known, f);
}

NormalisedValue NormaliseVin(const std::string& text) {
  IdFix v = CorrectVin(text);
  // A preference among a field's candidate readings: a VIN from a known
  // manufacturer beats a somewhat more confident one from an unlisted WMI
  // (often a crop that began on the label's last letters: "FRMH3..."), which
  // is still read as printed when it is the only valid reading.
  const double wmi = v.valid && !v.known_wmi ? 0.75 : 1.0;
  return Make(v.value, v.valid, FixFactor(v.fixes) * wmi);
}

NormalisedValue NormaliseEngineNumber(const std::string& text) {
  IdFix v = CorrectEngineNumber(text);
  return Make(v.value, v.valid, FixFactor(v.fixes));
}

NormalisedValue NormaliseYear(const std::string& text) {
  int fixes = 0;
  std::string y = AsDigits(KeepOnly(text, ""), &fixes);
  bool ok = y.size() == 4 && AllDigits(y);
  if (ok) {
    const int year = std::stoi(y);
    ok = year >= 1950 && year <= CurrentYear() + 1;
  }
  return Make(y, ok, FixFactor(fixes));
}

NormalisedValue NormaliseCc(const std::string& text) {
  std::string s = KeepOnly(text, ".,");
  int fixes = 0;
  // The unit: a trailing run of letters, normally "CC".
  size_t unit_start = s.size();
  while (unit_start > 0 && IsUpper(s[unit_start - 1])) --unit_start;
  std::string unit = s.substr(unit_start), number = s.substr(0, unit_start);
  if (unit.size() > 2) {
    number += unit.substr(0, unit.size() - 2);
    unit = unit.substr(unit.size() - 2);
  }
  if (unit != "CC") ++fixes;
  number = AsDigits(number, &fixes);
  // A '.' or ',' is a thousands separator: only valid before the last 3 digits.
  bool ok = !number.empty();
  std::string digits;
  for (size_t i = 0; i < number.size(); ++i) {
    const char c = number[i];
    if (IsDigit(c)) {
      digits.push_back(c);
    } else if ((c == '.' || c == ',') && number.size() - i - 1 == 3 && i > 0) {
      if (c == ',') ++fixes;
    } else {
      ok = false;
    }
  }
  // "0 CC" is what an electric vehicle's book prints.
  ok = ok && !digits.empty() && digits.size() <= 5;
  if (!ok) return Make(text, false, FixFactor(fixes));
  const int cc = std::stoi(digits);
  std::string value = std::to_string(cc % 1000);
  if (cc >= 1000) {
    value = std::to_string(cc / 1000) + "." + std::string(3 - value.size(), '0') + value;
  }
  value += " CC";
  const bool plausible = cc == 0 || (cc >= 25 && cc <= 30000);
  return Make(value, plausible, FixFactor(fixes));
}

NormalisedValue NormaliseCount(const std::string& text, int min, int max) {
  // "2 (DUA)": the number, and the word in parentheses.
  std::string number_part, word_part;
  const size_t paren = text.find('(');
  if (paren != std::string::npos) {
    number_part = text.substr(0, paren);
    word_part = text.substr(paren + 1);
  } else if (text.find_first_of("0123456789") == std::string::npos) {
    // No digit and no '(': the number and the parenthesis were lost ("DUA)"),
    // the word is what is left.
    word_part = text;
  } else {
    const size_t sp = text.find(' ');
    number_part = text.substr(0, sp);
    if (sp != std::string::npos) word_part = text.substr(sp + 1);
  }
  word_part = CanonicalText(KeepOnly(word_part, " "));
  int fixes = 0;
  std::string digits = AsDigits(KeepOnly(number_part, ""), &fixes);
  int from_number = AllDigits(digits) && digits.size() <= 2 ? std::stoi(digits) : -1;

  std::vector<std::string> words;
  for (int n = 1; n <= 30; ++n) words.push_back(NumberWord(n));
  SnapMatch w = Snap(word_part, words, 0.34);
  const int from_word = w.index >= 0 ? w.index + 1 : -1;
  if (w.index >= 0 && w.distance > 0) ++fixes;

  int n = -1;
  double factor = FixFactor(fixes);
  if (from_number > 0 && from_number == from_word) {
    n = from_number;
  } else if (from_word > 0 && (from_number < 0 || w.distance <= 1.0)) {
    // The word is the longer and better-checked reading.
    n = from_word;
    factor *= from_number < 0 ? 0.85 : 0.7;
  } else if (from_number > 0) {
    n = from_number;
    factor *= 0.7;
  }
  if (n < 0) return Make(text, false, factor);
  const std::string value = std::to_string(n) + " (" + NumberWord(n) + ")";
  if (value != text && fixes == 0) factor *= 0.97;
  return Make(value, n >= min && n <= max, factor);
}

NormalisedValue NormaliseDate(const std::string& text) {
  std::optional<ParsedDate> p = ParsePrintedDate(text);
  // No real date in it (another line's text, a stamp): the field is not read,
  // so its value is empty (API.md) and its confidence low; `raw` keeps the text.
  if (!p) return Make("", false, kUnreadDateFactor);
  double factor = FixFactor(p->fixes) * (p->exact ? 1.0 : 0.85) * (p->ambiguous ? 0.6 : 1.0);
  const CalendarDate today = Today();
  const bool past =
      p->date.year < today.year ||
      (p->date.year == today.year &&
       (p->date.month < today.month || (p->date.month == today.month && p->date.day <= today.day)));
  return Make(FormatDate(p->date), past && p->date.year >= 1950 && !p->ambiguous, factor);
}

// True for a TDP number's shape, NN.NN.N.NN.NNNNN.
static bool TdpShape(std::string_view s) {
  static constexpr std::string_view kShape = "dd.dd.d.dd.ddddd";
  if (s.size() != kShape.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (kShape[i] == '.' ? s[i] != '.' : !IsDigit(s[i])) return false;
  }
  return true;
}

// The colon before the value read as a character ("M7603170802572378",
// "1.33.72.3.54.39528", "P29.08.4.59.19136"): the number without it when that
// is a checked NIK or a TDP number's exact shape.
static std::optional<NormalisedValue> WithoutStrayLead(const std::string& text) {
  const std::string compact = KeepOnly(text, "");
  if (compact.size() == 17 && text.find(' ') == std::string::npos &&
      text.find('.') == std::string::npos) {
    NormalisedValue tail = NormaliseIdNumber(compact.substr(1));
    if (tail.valid && tail.value.size() == 16) return tail;
  }
  const size_t dot = text.find('.');
  if (dot != std::string::npos && dot <= 2 && TdpShape(std::string_view(text).substr(dot + 1))) {
    return NormaliseIdNumber(text.substr(dot + 1));
  }
  if (!text.empty() && IsUpper(text[0]) && TdpShape(std::string_view(text).substr(1))) {
    return NormaliseIdNumber(text.substr(1));
  }
  return std::nullopt;
}

NormalisedValue NormaliseIdNumber(const std::string& text) {
  if (std::optional<NormalisedValue> v = WithoutStrayLead(text)) {
    v->confidence_factor *= 0.9;
    return *v;
  }
  // A NIK printed as 16 digits (a space the reader put in is dropped); other
  // identity numbers (old KTP, KITAS, TDP) are kept as printed.
  const std::string compact = KeepOnly(text, "");
  const bool only_spaces_dropped =
      compact.size() + static_cast<size_t>(std::count(text.begin(), text.end(), ' ')) ==
      text.size();
  int digit_count = 0;
  for (char c : compact) digit_count += IsDigit(c) ? 1 : 0;
  if (only_spaces_dropped && compact.size() == 16 && digit_count >= 12) {
    int fixes = 0;
    std::string nik = AsDigits(compact, &fixes);
    NikCheck c = CheckNik(nik);
    return Make(nik, c.ok(), FixFactor(fixes) * (c.ok() ? 1.0 : 0.8));
  }
  bool ok = compact.size() >= 5;
  for (char c : text) ok = ok && (IsAlnum(c) || c == '.' || c == '/' || c == '-' || c == ' ');
  // Old KTP and TDP numbers are dotted groups of digits ("09.5305.010170.0123"):
  // a letter inside them is a misread digit.
  std::string value = text;
  int fixes = 0;
  const bool dotted_digits = text.find('.') != std::string::npos &&
                             digit_count * 5 >= static_cast<int>(compact.size()) * 4 &&
                             KeepOnly(text, ".").size() == text.size();
  if (dotted_digits) {
    value = AsDigits(text, &fixes);
    ok = ok && AllDigits(KeepOnly(value, ""));
  }
  // Not a NIK: nothing to check it against, so trust it less.
  return Make(value, ok, 0.9 * FixFactor(fixes));
}

NormalisedValue NormaliseBpkbNumber(const std::string& text) {
  std::string s = text;
  // The serial is printed after "No.:"; the reader may include it.
  for (std::string_view prefix : {"NO.:", "NO:", "NO.", "NO "}) {
    if (s.rfind(prefix, 0) == 0) {
      s = CanonicalText(s.substr(prefix.size()));
      break;
    }
  }
  const std::string compact = KeepOnly(s, "");
  if (compact.size() != 9) return Make(text, false, 1.0);
  int fixes = 0;
  char series = compact[0];
  if (!IsUpper(series)) {
    series = LetterFor(series);
    ++fixes;
  }
  std::string serial = AsDigits(compact.substr(1), &fixes);
  const bool ok = series != '\0' && AllDigits(serial);
  if (!ok) return Make(text, false, 1.0);
  std::string value = std::string(1, series) + "-" + serial;
  double factor = FixFactor(fixes) * (value == text ? 1.0 : 0.97);
  return Make(value, true, factor);
}

NormalisedValue NormalisePhone(const std::string& text) {
  int fixes = 0;
  std::string s = AsDigits(text, &fixes);
  int digits = 0;
  bool ok = true;
  for (char c : s) {
    if (IsDigit(c)) {
      ++digits;
    } else if (c != '+' && c != ' ' && c != '-' && c != '(' && c != ')') {
      ok = false;
    }
  }
  return Make(s, ok && digits >= 8 && digits <= 15, FixFactor(fixes));
}

NormalisedValue NormaliseEmail(const std::string& text) {
  std::string s = KeepOnly(text, "@._%+-");
  const size_t at = s.find('@');
  const bool ok = at != std::string::npos && at > 0 && s.find('@', at + 1) == std::string::npos &&
                  s.find('.', at) != std::string::npos && s.back() != '.';
  return Make(s, ok, s == text ? 1.0 : 0.9);
}

}  // namespace bpkb::fields
