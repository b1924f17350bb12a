// The page's capital height measured on the ink of its matched labels, a
// steadier ruler than the heights of Tesseract's word boxes (which swell on
// blurred low-resolution and photocopied pages and move with what Tesseract
// was asked to read). Used for the thresholds of FindValueRegions.
#pragma once

#include <vector>

#include <opencv2/core.hpp>

#include "bpkb/layout/labels.h"

namespace bpkb::layout {

// `flat_gray`: the flattened canonical page; `labels`: ScanLabels' matches;
// `fallback`: TextHeight() of the words, returned when fewer than three field
// labels show measurable capitals or the ink disagrees wildly with it.
// The result is the median over labels of each label's capital height: the
// height of the letters standing on its baseline that reach the cap line.
double LabelCapHeight(const cv::Mat& flat_gray, const std::vector<LabelMatch>& labels,
                      double fallback);

// The text height FindValueRegions is tuned on: the words' figure
// (`words_height`, TextHeight()), unless the labels' ink shows it swollen
// (blur, merged lines: more than 15% over what the capitals predict), then the
// capitals' figure on the words' scale (x1.25 on the owner page, whose word
// boxes run that much over its labels' capitals).
double PageTextHeight(const cv::Mat& flat_gray, const std::vector<LabelMatch>& labels,
                      double words_height);

}  // namespace bpkb::layout
