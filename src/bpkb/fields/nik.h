// NIK (Nomor Induk Kependudukan), the 16-digit Indonesian identity number:
// PPKKCC DDMMYY NNNN = district code (idn-area-data), birth date (day + 40 for
// women), serial (never 0000).
#pragma once

#include <string_view>

#include "bpkb/fields/dates.h"

namespace bpkb::fields {

struct NikCheck {
  bool well_formed = false;   // 16 digits
  bool region_known = false;  // first six digits are a district in idn-area-data
  bool date_real = false;     // DDMMYY (day - 40 for women) is a real date
  bool serial_ok = false;     // last four digits are not 0000
  bool female = false;
  CalendarDate birth;  // year resolved to the latest century not in the future
  bool ok() const { return well_formed && region_known && date_real && serial_ok; }
};

NikCheck CheckNik(std::string_view nik);

}  // namespace bpkb::fields
