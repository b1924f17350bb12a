// A label as ScanLabels reports a confident match, for tests that draw the
// page themselves and give the labels' boxes.
#pragma once

#include <string>

#include <opencv2/core.hpp>

#include "bpkb/layout/labels.h"

namespace bpkb::layout::testing {

inline LabelMatch Label(const std::string& field, const cv::Rect& box) {
  LabelMatch m;
  m.field = field;
  m.kind = PageKind::kIk;
  m.box = box;
  m.score = 1;
  return m;
}

}  // namespace bpkb::layout::testing
