// The registration plate (nomor_polisi): region letters (1-2), number (1-4
// digits), suffix letters (0-3), printed "B 1413 KLT".
#pragma once

#include <string>
#include <string_view>

namespace bpkb::fields {

struct PlateFix {
  std::string value;  // "B 1413 KLT"; the input when it fits no plate
  int fixes = 0;      // characters changed between letter and digit
  bool fits = false;  // letters/digits/letters shape found
  bool region_known = false;
};

// Finds the split into region/number/suffix that needs the fewest letter<->digit
// fixes, agrees best with the printed spaces and has a known region code.
PlateFix CorrectPlate(std::string_view canonical);

}  // namespace bpkb::fields
