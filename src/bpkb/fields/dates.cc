#include "bpkb/fields/dates.h"

#include <chrono>
#include <cstdio>
#include <vector>

#include "bpkb/fields/confusions.h"
#include "bpkb/fields/text_util.h"

namespace bpkb::fields {

bool IsRealDate(int day, int month, int year) {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int max_day = kDays[month - 1];
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && leap) max_day = 29;
  return day <= max_day;
}

std::string FormatDate(const CalendarDate& date) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d-%02d-%04d", date.day, date.month, date.year);
  return buf;
}

CalendarDate Today() {
  const auto now = std::chrono::system_clock::now();
  const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(now)};
  return {static_cast<int>(static_cast<unsigned>(ymd.day())),
          static_cast<int>(static_cast<unsigned>(ymd.month())), static_cast<int>(ymd.year())};
}

int CurrentYear() { return Today().year; }

std::optional<ParsedDate> ParsePrintedDate(std::string_view text) {
  std::string digits;
  std::vector<bool> boundary_before;  // a separator precedes digits[i]
  int fixes = 0;
  bool sep = false;
  for (char c : text) {
    char d = IsDigit(c) ? c : DigitFor(c);
    if (d == '\0') {
      sep = true;
      continue;
    }
    if (!IsDigit(c)) ++fixes;
    boundary_before.push_back(sep && !digits.empty());
    digits.push_back(d);
    sep = false;
  }
  const int n = static_cast<int>(digits.size());
  if (n < 6 || n > 8) return std::nullopt;
  auto number = [&](int from, int len) { return std::stoi(digits.substr(from, len)); };
  int boundaries = 0;
  for (bool b : boundary_before) boundaries += b ? 1 : 0;

  std::optional<ParsedDate> best;
  int best_cost = 1 << 20, ties = 0;
  for (int dl = 1; dl <= 2; ++dl) {
    for (int ml = 1; ml <= 2; ++ml) {
      if (dl + ml + 4 != n) continue;
      CalendarDate date{number(0, dl), number(dl, ml), number(dl + ml, 4)};
      if (!IsRealDate(date.day, date.month, date.year)) continue;
      if (date.year < 1900 || date.year > 2099) continue;
      // Cost: the splits that disagree with the printed separators.
      int matched = (boundary_before[dl] ? 1 : 0) + (boundary_before[dl + ml] ? 1 : 0);
      int cost = (2 - matched) + (boundaries - matched);
      if (cost == best_cost) ++ties;
      if (cost < best_cost) {
        best_cost = cost;
        ties = 1;
        ParsedDate p;
        p.date = date;
        p.fixes = fixes;
        p.exact = cost == 0;
        best = p;
      }
    }
  }
  if (best && ties > 1) best->ambiguous = true;
  return best;
}

}  // namespace bpkb::fields
