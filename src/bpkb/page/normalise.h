// Light flattening: divides the page by its large-scale background so that
// shadows, vignetting and coloured paper become an even white behind dark ink.
#pragma once

#include <opencv2/core.hpp>

namespace bpkb::page {

// `bgr` canonical page in, 8-bit gray out (paper ~255, ink dark).
cv::Mat FlattenLight(const cv::Mat& bgr);

}  // namespace bpkb::page
