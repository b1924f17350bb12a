// Text lines of ink inside a region of a flattened page: character-sized dark
// components (dotted leaders, colons, long rules, stamps and signatures dropped
// by size), grouped into horizontal bands.
#pragma once

#include <vector>

#include <opencv2/core.hpp>

namespace bpkb::layout {

struct InkLine {
  cv::Rect box;  // page pixels, tight around the line's characters
  int ink = 0;   // pixels of ink in the line
};

// `text_height`: the typical height of a printed character (capital) in pixels.
std::vector<InkLine> FindInkLines(const cv::Mat& flat_gray, const cv::Rect& region,
                                  double text_height);

// The same for text running vertically (the serial on the page's edge): boxes of
// vertical bands.
std::vector<InkLine> FindVerticalInkLines(const cv::Mat& flat_gray, const cv::Rect& region,
                                          double text_height);

}  // namespace bpkb::layout
