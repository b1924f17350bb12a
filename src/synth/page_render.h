// The flat page: an IK or IP page drawn as a clean 250 dpi landscape scan (about
// 1700x1200), before any capture condition. Layout, pre-printed form and values
// follow BPKB.md; the record's printed lines are what the value face prints.
#pragma once

#include <opencv2/core.hpp>
#include <string>

#include "synth/faces.h"
#include "synth/values.h"

namespace bpkb::synth {

enum class PageSide { kIk, kIp, kOther };

struct RenderedPage {
  cv::Mat bgr;    // CV_8UC3
  Record record;  // empty for kOther
  std::string face;
};

// Draws a page of `side` with `record`'s values in `face`. `other_kind` picks the
// content of a kOther page (cover, notes); ignored otherwise.
RenderedPage RenderPage(PageSide side, const Record& record, const Face& face, Rng& rng);

}  // namespace bpkb::synth
