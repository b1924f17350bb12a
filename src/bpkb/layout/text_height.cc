#include "bpkb/layout/text_height.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace bpkb::layout {
namespace {

// Words more than this over the capitals are swollen (blur, merged lines).
constexpr double kSwollen = 1.15;
// The owner page's word boxes run about this much over its labels' capitals
// (median on clean tune pages): its thresholds were tuned on that scale.
constexpr double kOwnerPageWordsPerCap = 1.25;

double Median(std::vector<double> v) {
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

// One label's capital height, or 0 when its ink says too little. Letters of a
// label sit on one baseline (the bottom most of them share); of those, the
// capitals and ascenders are the tallest, x-height letters about 0.7 of them,
// and descenders hang below the baseline so are left out with the dots.
double CapHeightInBox(const cv::Mat& flat, const cv::Rect& box) {
  const int pad = std::max(2, box.height / 4);
  cv::Rect r(box.x - pad, box.y - pad, box.width + 2 * pad, box.height + 2 * pad);
  r &= cv::Rect(0, 0, flat.cols, flat.rows);
  if (box.height < 8 || r.width < 8 || r.height < 8) return 0;
  cv::Mat ink, cc, stats, centroids;
  cv::threshold(flat(r), ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  const int n = cv::connectedComponentsWithStats(ink, cc, stats, centroids, 8, CV_32S);
  std::vector<cv::Rect> glyphs;
  for (int i = 1; i < n; ++i) {
    cv::Rect g(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
               stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
    // Letter-sized marks only: no dots, speckle, rules or neighbouring lines.
    if (g.width < 2 || g.height < 0.35 * box.height || g.height > 1.4 * box.height) continue;
    if (g.width > 2 * box.height) continue;
    glyphs.push_back(g);
  }
  if (glyphs.size() < 3) return 0;
  std::vector<double> bottoms;
  for (const cv::Rect& g : glyphs) bottoms.push_back(g.br().y);
  const double baseline = Median(bottoms);
  const double tolerance = std::max(2.0, 0.1 * box.height);
  std::vector<double> standing;
  for (const cv::Rect& g : glyphs) {
    if (std::abs(g.br().y - baseline) <= tolerance) standing.push_back(g.height);
  }
  if (standing.size() < 2) return 0;
  const double tallest = *std::max_element(standing.begin(), standing.end());
  std::vector<double> caps;
  for (double h : standing) {
    if (h >= 0.82 * tallest) caps.push_back(h);
  }
  return Median(caps);
}

}  // namespace

double LabelCapHeight(const cv::Mat& flat_gray, const std::vector<LabelMatch>& labels,
                      double fallback) {
  if (flat_gray.empty() || flat_gray.type() != CV_8UC1) return fallback;
  std::vector<double> heights;
  for (const LabelMatch& m : labels) {
    if (m.field.empty() || m.subtitle) continue;  // titles and subtitles use other sizes
    if (double h = CapHeightInBox(flat_gray, m.box); h > 0) heights.push_back(h);
  }
  if (heights.size() < 3) return fallback;
  const double h = Median(heights);
  // Ink that disagrees this much with the words measured something else
  // (labels drowned in a stamp, a mismatched box): keep the words' figure.
  if (h < 0.5 * fallback || h > 1.5 * fallback) return fallback;
  return std::clamp(h, 10.0, 80.0);
}

double PageTextHeight(const cv::Mat& flat_gray, const std::vector<LabelMatch>& labels,
                      double words_height) {
  const double cap = LabelCapHeight(flat_gray, labels, words_height);
  if (cap == words_height) return words_height;  // no measure, or one in doubt
  int ip = 0, ik = 0;
  for (const LabelMatch& m : labels) {
    if (m.field.empty() || m.subtitle) continue;
    (m.kind == PageKind::kIp ? ip : ik) += 1;
  }
  const double ink = ip > ik ? cap * kOwnerPageWordsPerCap : cap;
  return words_height > kSwollen * ink ? ink : words_height;
}

}  // namespace bpkb::layout
