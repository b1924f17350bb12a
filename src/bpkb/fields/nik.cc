#include "bpkb/fields/nik.h"

#include "bpkb/fields/area_data.h"
#include "bpkb/fields/text_util.h"

namespace bpkb::fields {

NikCheck CheckNik(std::string_view nik) {
  NikCheck c;
  if (nik.size() != 16) return c;
  for (char ch : nik) {
    if (!IsDigit(ch)) return c;
  }
  c.well_formed = true;
  auto num = [&](size_t from, size_t len) {
    int v = 0;
    for (size_t i = from; i < from + len; ++i) v = v * 10 + (nik[i] - '0');
    return v;
  };
  c.region_known = AreaData::Get().DistrictExists(num(0, 6));
  int day = num(6, 2);
  const int month = num(8, 2), yy = num(10, 2);
  if (day > 40) {
    c.female = true;
    day -= 40;
  }
  const int this_year = CurrentYear();
  int year = 2000 + yy;
  if (year > this_year) year -= 100;
  // Feb 29 of a 2-digit year is real if either century makes it a leap year.
  c.date_real = IsRealDate(day, month, year) || IsRealDate(day, month, year - 100);
  c.birth = {day, month, year};
  c.serial_ok = num(12, 4) != 0;
  return c;
}

}  // namespace bpkb::fields
