// Text lines of ink inside a region of a flattened page: character-sized dark
// components (dotted leaders, colons, long rules, stamps and signatures dropped
// by size), grouped into horizontal bands; two lines printed so close that
// their glyphs join are split apart again.
#pragma once

#include <vector>

#include <opencv2/core.hpp>

namespace bpkb::layout {

struct InkLine {
  cv::Rect box;  // page pixels, tight around the line's characters
  cv::Rect all;  // every mark of the line (box: trimmed of marks above/below it)
  int ink = 0;   // pixels of ink in the line
  // Horizontal lines: x of each glyph that follows a word-wide gap (at least
  // half a capital), left to right; where the value may start after a stray
  // word (a label's tail, a colon) printed just before it.
  std::vector<int> word_starts;
};

// `text_height`: the typical height of a printed character (capital) in pixels.
// `remove_rules`: erase long thin runs first (dotted leaders); a bold serif word
// whose letters touch can look like stacked runs and vanish with them, so a
// caller that finds nothing may look again without.
std::vector<InkLine> FindInkLines(const cv::Mat& flat_gray, const cv::Rect& region,
                                  double text_height, bool remove_rules = true);

// Rule removal erases a whole value whose glyphs line up in long thin runs (the
// bars of dot-matrix capitals, a short bold word on its leader): a line found
// without removal in `r` where `lines` (found there with removal) hold no line
// of a value's size (two capitals wide, 3/4 of one high), or under 15% of its
// ink, is that value, and replaces what is left of it. Otherwise the kept line
// takes the glyphs at either end that lost their bars (all of them, or a
// glyph's worth when the line without removal is much taller: a signature
// crossing its leader), and the glyphs' tops when their top bars went with the
// rules.
std::vector<InkLine> WithLinesRulesErased(const cv::Mat& flat_gray, const cv::Rect& r,
                                          double text_height, std::vector<InkLine> lines);

// The same for text running vertically (the serial on the page's edge): boxes of
// vertical bands.
std::vector<InkLine> FindVerticalInkLines(const cv::Mat& flat_gray, const cv::Rect& region,
                                          double text_height);

}  // namespace bpkb::layout
