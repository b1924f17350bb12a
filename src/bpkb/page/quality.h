// Quality scores of a located page (0..1, 1 is good) with flags for the client:
// BLURRY (little high-frequency energy), DARK / OVEREXPOSED, GLARE (saturated
// patches), LOW_RESOLUTION (fewer source pixels than the canonical page needs).
#pragma once

#include <opencv2/core.hpp>

#include "bpkb/reading.h"

namespace bpkb::page {

// `gray`: the canonical page; `source_scale`: source pixels per canonical pixel.
Quality MeasureQuality(const cv::Mat& gray, double source_scale);

}  // namespace bpkb::page
