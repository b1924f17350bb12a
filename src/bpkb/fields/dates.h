// Dates as printed on BPKB pages ("1 - 7 - 2011", "01-07-2011") and in NIKs
// (DDMMYY, day + 40 for women), and the DD-MM-YYYY form the API returns.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bpkb::fields {

struct CalendarDate {
  int day = 0, month = 0, year = 0;
};

bool IsRealDate(int day, int month, int year);
std::string FormatDate(const CalendarDate& date);  // "01-07-2011"
int CurrentYear();                                 // UTC, from the system clock
CalendarDate Today();

struct ParsedDate {
  CalendarDate date;
  int fixes = 0;           // letters read where digits belong, now digits
  bool ambiguous = false;  // the digits split into a real date more than one way
  bool exact = false;      // the text already had day, month, year groups
};

// Reads a printed date: letters a face confuses with digits become digits,
// separators may be '-', '/', '.', spaces or missing. nullopt when no split of
// the digits gives a real date with a 4-digit year.
std::optional<ParsedDate> ParsePrintedDate(std::string_view text);

}  // namespace bpkb::fields
