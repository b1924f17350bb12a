// Where each field's value is printed, found from the matched labels by geometry
// with tolerance: values sit right of their label up to the next label or column,
// often above or below the dotted line or starting before the colon; alamat has
// 1-3 lines, tipe may wrap, no_rangka is usually on the line below its label, and
// nomor_bpkb is the vertical serial on the page's right edge.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "bpkb/layout/labels.h"
#include "bpkb/page_kind.h"

namespace bpkb::layout {

struct ValueRegion {
  std::string field;
  bool label_found = false;
  // Candidate readings: each a list of line boxes (canonical page pixels) read
  // and joined in order. Usually one candidate; no_rangka has two (same line,
  // next line) and the caller keeps the one its grammar likes best.
  std::vector<std::vector<cv::Rect>> candidates;
  // Per candidate (missing = false): taken only when its value passes the
  // field's grammar (a line with its first words dropped, see below).
  std::vector<bool> only_if_valid;
  bool vertical = false;  // nomor_bpkb: lines run bottom-to-top or top-to-bottom
};

// `flat_gray`: the flattened canonical page; `text_height`: TextHeight().
std::map<std::string, ValueRegion> FindValueRegions(const cv::Mat& flat_gray,
                                                    const std::vector<LabelMatch>& labels,
                                                    PageKind kind, double text_height);

// Typical height of a printed capital on the page (pixels), from confident words.
double TextHeight(const std::vector<Word>& words);

}  // namespace bpkb::layout
