// The pre-printed labels of both pages (BPKB.md), as the page renderer prints them
// and line mode borrows fragments of them.
#pragma once

#include <string>
#include <vector>

namespace bpkb::synth {

struct FieldLabel {
  std::string field;                  // API field name
  std::string label;                  // Indonesian label as printed (without number or colon)
  std::string subtitle;               // the IK page's italic English subtitle, else ""
  std::vector<std::string> variants;  // other editions' wording
};

const std::vector<FieldLabel>& OwnerLabels();    // IP page, top to bottom
const std::vector<FieldLabel>& VehicleLabels();  // IK page, 1..13 in order
const FieldLabel* LabelFor(const std::string& field);
bool IsVehicleField(const std::string& field);

}  // namespace bpkb::synth
