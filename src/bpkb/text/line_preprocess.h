// Pre-processing of one line crop for the recognizer. Must stay identical to
// train/lineprep.py (the model was trained on its output): gray, contrast
// stretched so that the 1st..99th percentile of gray levels spans 0..255 (integer
// maths; a nearly flat crop becomes blank paper), resized to kLineHeight keeping the aspect ratio
// (INTER_AREA when shrinking, else INTER_LINEAR), then as the network input: ink = 1 - v/255,
// padded right with background to a multiple of 8 (at least 32 wide).
#pragma once

#include <opencv2/core.hpp>

#include "bpkb/status.h"

namespace bpkb::text {

inline constexpr int kLineHeight = 32;
inline constexpr int kMaxLineWidth = 1024;

// Any 8/16-bit gray, BGR or BGRA crop -> CV_8U, kLineHeight rows. InvalidInput
// for an empty or degenerate (under 2 pixels) crop.
Status NormaliseLine(const cv::Mat& crop, cv::Mat* out);

// Another view of the same crop for a second read of an unsure line (the model's
// errors on one view are partly independent of another's): the crop trimmed by
// `trim_y` of its height at top and bottom each (a loose crop's glyphs come out
// larger), and the width scaled by `scale_x` after the height normalisation. The
// default variant is exactly NormaliseLine.
struct LineVariant {
  double trim_y = 0.0;
  double scale_x = 1.0;
};
Status NormaliseLineVariant(const cv::Mat& crop, const LineVariant& variant, cv::Mat* out);

// CV_8U normalised line -> 1x1xHxW float blob for the network.
cv::Mat LineBlob(const cv::Mat& normalised);

}  // namespace bpkb::text
