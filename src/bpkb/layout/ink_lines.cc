#include "bpkb/layout/ink_lines.h"

#include <algorithm>

#include <opencv2/imgproc.hpp>

namespace bpkb::layout {
namespace {

// Long thin runs along the line (x, or y when `vertical`): marks joined across
// gaps under 0.6 capitals, kept where they run on for 4 capitals.
cv::Mat LongRuns(const cv::Mat& ink, double h, bool vertical) {
  int join = std::max(3, static_cast<int>(0.6 * h));
  int len = std::max(9, static_cast<int>(4 * h));
  cv::Mat joined, runs;
  cv::morphologyEx(
      ink, joined, cv::MORPH_CLOSE,
      cv::getStructuringElement(cv::MORPH_RECT, vertical ? cv::Size(1, join) : cv::Size(join, 1)));
  cv::morphologyEx(
      joined, runs, cv::MORPH_OPEN,
      cv::getStructuringElement(cv::MORPH_RECT, vertical ? cv::Size(1, len) : cv::Size(len, 1)));
  return runs;
}

// The thickest a rule or a leader's row of dots is.
double RuleThickness(double h) { return std::max(2.0, 0.22 * h); }

// Erases dotted leaders and printed rules: thin runs far longer than a glyph.
// Values printed across them would otherwise merge into one wide component.
void RemoveRules(cv::Mat* ink, double h, bool vertical) {
  cv::Mat runs = LongRuns(*ink, h, vertical), labels, stats, centroids;
  int n = cv::connectedComponentsWithStats(runs, labels, stats, centroids, 8, CV_32S);
  cv::Mat rules = cv::Mat::zeros(ink->size(), CV_8U);
  for (int i = 1; i < n; ++i) {
    int thick =
        vertical ? stats.at<int>(i, cv::CC_STAT_WIDTH) : stats.at<int>(i, cv::CC_STAT_HEIGHT);
    if (thick <= RuleThickness(h)) rules.setTo(255, labels == i);
  }
  cv::dilate(rules, rules, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)));
  ink->setTo(0, rules);
}

// A value printed across its dotted leader ("KEL. AYULA SELATAN" struck
// through): the leader's dots, joined to the glyphs' bars, make one run too
// thick for a rule, which RemoveRules leaves, and the whole line one component
// too long for a word, which is dropped. In such components (`labels`,
// `stats`: those of the ink joined along the glyphs' height), the run's thin
// stretches, the leader between and through the glyphs, are erased; returns
// whether any was. (Not everywhere: the bars of dot-matrix capitals that line
// up along their leader are thin stretches too.)
bool CutLeadersThroughValues(cv::Mat* ink, const cv::Mat& labels, const cv::Mat& stats, double h) {
  cv::Mat too_long = cv::Mat::zeros(ink->size(), CV_8U);
  bool any = false;
  for (int i = 1; i < stats.rows; ++i) {
    const int w = stats.at<int>(i, cv::CC_STAT_WIDTH), ht = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    if (w <= 14.0 * h || ht < 0.5 * h || ht > 3.0 * h) continue;
    too_long.setTo(255, labels == i);
    any = true;
  }
  if (!any) return false;
  cv::Mat runs = LongRuns(*ink, h, false), thick;
  cv::morphologyEx(runs, thick, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT,
                                             cv::Size(1, static_cast<int>(RuleThickness(h)) + 1)));
  cv::Mat leader = runs & ~thick & too_long;
  cv::dilate(leader, leader, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)));
  ink->setTo(0, leader);
  return true;
}

struct Blob {
  cv::Rect box;
  int area;
};

// A wrapped value's lines can be printed so close that joining dots along the
// glyphs' height (below) joins a glyph to the one under it: one component two
// lines high, which no line band would hold. A component about twice as high
// as the typical one is split at its emptiest row of unjoined ink around its
// middle; its two parts are appended (box, area) and its own area set to 0.
void SplitStackedGlyphs(const cv::Mat& unjoined, const cv::Mat& labels, cv::Mat* stats, double h,
                        std::vector<cv::Rect>* parts_box, std::vector<int>* parts_area) {
  const int n = stats->rows;
  std::vector<int> heights;
  for (int i = 1; i < n; ++i) {
    const int ht = stats->at<int>(i, cv::CC_STAT_HEIGHT);
    // (Not a glyph cut by the region's top or bottom edge: the next row's
    // tops, a short fraction of a glyph, made the typical height that of
    // leaders and a stack of two glyphs too tall to split.)
    const int top = stats->at<int>(i, cv::CC_STAT_TOP);
    if (top == 0 || top + ht == unjoined.rows) continue;
    if (ht >= 0.5 * h && ht <= 3.0 * h) heights.push_back(ht);
  }
  if (heights.size() < 4) return;
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
  // (At least the text height: see SplitStackedRuns.)
  const double typical = std::max<double>(heights[heights.size() / 2], h);
  for (int i = 1; i < n; ++i) {
    const cv::Rect b(stats->at<int>(i, cv::CC_STAT_LEFT), stats->at<int>(i, cv::CC_STAT_TOP),
                     stats->at<int>(i, cv::CC_STAT_WIDTH), stats->at<int>(i, cv::CC_STAT_HEIGHT));
    if (b.height < 1.75 * typical || b.height > 2.6 * typical || b.width > 2.5 * typical) continue;
    // Ink of this component per row (before joining), and the emptiest row
    // where the two lines meet (nearest the middle among equals).
    const cv::Mat mine = labels(b) == i;
    cv::Mat own;
    cv::bitwise_and(unjoined(b), mine, own);
    std::vector<int> rows(b.height);
    for (int y = 0; y < b.height; ++y) rows[y] = cv::countNonZero(own.row(y));
    // (Each part a glyph at least the text height high: see SplitStackedRuns.)
    const int part = static_cast<int>(std::max(0.6 * typical, 1.0 * h));
    const int lo = part, hi = b.height - part;
    int cut = -1;
    for (int y = lo; y < hi; ++y) {
      if (cut < 0 || rows[y] < rows[cut] ||
          (rows[y] == rows[cut] && std::abs(y - b.height / 2) < std::abs(cut - b.height / 2))) {
        cut = y;
      }
    }
    // (A real glyph this tall, a bracket or a stroke, has ink across its middle.)
    if (cut < 0 || rows[cut] > 0.25 * b.width) continue;
    for (const auto& [y0, y1] :
         {std::pair<int, int>{0, cut}, std::pair<int, int>{cut + 1, b.height}}) {
      // (Its box from the unjoined ink: joining filled the rows between the lines.)
      const int area = cv::countNonZero(mine.rowRange(y0, y1));
      const cv::Rect pb = cv::boundingRect(own.rowRange(y0, y1));
      if (area == 0 || pb.area() == 0) continue;
      parts_box->push_back(cv::Rect(b.x + pb.x, b.y + y0 + pb.y, pb.width, pb.height));
      parts_area->push_back(area);
    }
    stats->at<int>(i, cv::CC_STAT_AREA) = 0;
  }
}

std::vector<Blob> CharBlobs(const cv::Mat& flat_gray, const cv::Rect& region, double h,
                            bool vertical, bool remove_rules) {
  std::vector<Blob> blobs;
  cv::Rect r = region & cv::Rect(0, 0, flat_gray.cols, flat_gray.rows);
  if (r.width < 4 || r.height < 4) return blobs;
  cv::Mat roi = flat_gray(r), ink, labels, stats, centroids;
  // Faded ribbons print grey: pick the level per region (Otsu), within bounds
  // that keep paper texture out when the region holds no ink at all.
  double level = cv::threshold(roi, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  level = std::clamp(level, 120.0, 200.0);
  cv::threshold(roi, ink, level, 255, cv::THRESH_BINARY_INV);
  if (!vertical && remove_rules) RemoveRules(&ink, h, vertical);
  // Dot-matrix glyphs are separate dots: joining them along the glyph's height
  // makes each stroke one component, while a dotted leader (one row of dots)
  // stays a row of specks.
  int k = std::max(3, static_cast<int>(0.3 * h)) | 1;
  const cv::Mat along_height =
      cv::getStructuringElement(cv::MORPH_RECT, vertical ? cv::Size(k, 1) : cv::Size(1, k));
  cv::Mat joined;
  cv::morphologyEx(ink, joined, cv::MORPH_CLOSE, along_height);
  int n = cv::connectedComponentsWithStats(joined, labels, stats, centroids, 8, CV_32S);
  if (!vertical && remove_rules && CutLeadersThroughValues(&ink, labels, stats, h)) {
    cv::morphologyEx(ink, joined, cv::MORPH_CLOSE, along_height);
    n = cv::connectedComponentsWithStats(joined, labels, stats, centroids, 8, CV_32S);
  }
  const cv::Mat unjoined = ink;
  ink = joined;
  // Components of two stacked glyphs, split (see SplitStackedGlyphs).
  std::vector<cv::Rect> parts_box;
  std::vector<int> parts_area;
  if (!vertical) {
    SplitStackedGlyphs(unjoined, labels, &stats, h, &parts_box, &parts_area);
  }
  for (int i = 1; i < n + static_cast<int>(parts_box.size()); ++i) {
    const bool part = i >= n;
    const cv::Rect pb = part ? parts_box[i - n] : cv::Rect();
    int x = part ? pb.x : stats.at<int>(i, cv::CC_STAT_LEFT);
    int y = part ? pb.y : stats.at<int>(i, cv::CC_STAT_TOP);
    int w = part ? pb.width : stats.at<int>(i, cv::CC_STAT_WIDTH);
    int ht = part ? pb.height : stats.at<int>(i, cv::CC_STAT_HEIGHT);
    int area = part ? parts_area[i - n] : stats.at<int>(i, cv::CC_STAT_AREA);
    if (area == 0) continue;         // (a component replaced by its parts)
    int along = vertical ? w : ht;   // across the text line: a character's height
    int across = vertical ? ht : w;  // along the line
    // (Up to 3 capitals high: a glyph merged with a small mark above it.)
    if (along < 0.5 * h || along > (vertical ? 2.2 : 3.0) * h) continue;
    // Rules and merged stamp strokes are long and thin; touching glyphs of a
    // bold or blurred value are long too, but solid.
    // (A value's glyphs all run together, an extra-bold VIN on a photocopy,
    // into one solid component a line high: longer than any word, but kept.)
    const double max_across = along <= 1.8 * h && area >= 0.5 * w * ht ? 30.0 : 14.0;
    if (across > 5.0 * h && (across > max_across * h || area < 0.25 * w * ht)) continue;
    if (area < 0.03 * h * h) continue;
    // Outline-only shapes with little ink for their box (stamp rings, signature
    // loops) are not printed characters.
    if (w * ht > 6 * h * h && area < 0.08 * w * ht) continue;
    blobs.push_back({cv::Rect(x + r.x, y + r.y, w, ht), area});
  }
  return blobs;
}

// Runs of the row profile as high as two lines of the blobs' typical height,
// split at their emptiest row when it is nearly empty: the two lines of a
// wrapped value printed close together (their stacked glyphs split above).
std::vector<std::pair<int, int>> SplitStackedRuns(const std::vector<std::pair<int, int>>& runs,
                                                  const std::vector<double>& profile,
                                                  const std::vector<Blob>& blobs, double h) {
  if (blobs.size() < 4) return runs;
  std::vector<int> heights;
  for (const Blob& b : blobs) heights.push_back(b.box.height);
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
  // (At least the text height: a dot-matrix face whose dots did not join gives
  // glyphs in pieces, and a line twice as high as its pieces.)
  const double typical = std::max<double>(heights[heights.size() / 2], h);
  std::vector<std::pair<int, int>> out;
  std::vector<std::pair<int, int>> todo(runs.rbegin(), runs.rend());
  while (!todo.empty()) {
    auto [a, b] = todo.back();
    todo.pop_back();
    int cut = -1;
    if (b - a >= 1.75 * typical) {
      // Each line at least the text height high: the upper and lower halves
      // of one dot-matrix line (its dots not joined, see
      // DotMatrixGlyphsSplitInHalves) are each under it.
      const int part = static_cast<int>(std::max(0.6 * typical, 1.0 * h));
      const int lo = a + part, hi = b - part;
      double peak = 0;
      for (int y = a; y < b; ++y) peak = std::max(peak, profile[y]);
      for (int y = lo; y < hi; ++y) {
        if (cut < 0 || profile[y] < profile[cut]) cut = y;
      }
      if (cut >= 0 && profile[cut] > 0.2 * peak) cut = -1;
    }
    if (cut < 0) {
      out.push_back({a, b});
      continue;
    }
    todo.push_back({cut + 1, b});
    todo.push_back({a, cut});
  }
  return out;
}

// Groups blobs into bands along one axis (y for horizontal lines).
std::vector<InkLine> Bands(const std::vector<Blob>& blobs, double h, bool vertical) {
  std::vector<InkLine> lines;
  if (blobs.empty()) return lines;
  int lo = INT32_MAX, hi = 0;
  for (const Blob& b : blobs) {
    lo = std::min(lo, vertical ? b.box.x : b.box.y);
    hi = std::max(hi, vertical ? b.box.br().x : b.box.br().y);
  }
  std::vector<double> profile(hi - lo + 1, 0.0);
  for (const Blob& b : blobs) {
    int a = (vertical ? b.box.x : b.box.y) - lo;
    int len = vertical ? b.box.width : b.box.height;
    for (int i = 0; i < len; ++i) profile[a + i] += b.area / static_cast<double>(len);
  }
  double peak = *std::max_element(profile.begin(), profile.end());
  double thr = 0.12 * peak;
  std::vector<std::pair<int, int>> runs;
  for (int i = 0; i < static_cast<int>(profile.size());) {
    if (profile[i] <= thr) {
      ++i;
      continue;
    }
    int j = i;
    while (j < static_cast<int>(profile.size()) && profile[j] > thr) ++j;
    if (!runs.empty() && i - runs.back().second < 0.2 * h) {
      runs.back().second = j;
    } else {
      runs.push_back({i, j});
    }
    i = j;
  }
  if (!vertical) runs = SplitStackedRuns(runs, profile, blobs, h);
  for (auto [a, b] : runs) {
    if (b - a < 0.35 * h) continue;
    // Blobs centred in the band, or covering most of it (a glyph merged with a
    // mark above it, e.g. the IK label's English subtitle over a VIN printed on
    // the line below), then trimmed of far-off strays along the line.
    std::vector<Blob> in;
    for (const Blob& bl : blobs) {
      double c = vertical ? bl.box.x + bl.box.width / 2.0 : bl.box.y + bl.box.height / 2.0;
      int b0 = vertical ? bl.box.x : bl.box.y, b1 = vertical ? bl.box.br().x : bl.box.br().y;
      int cover = std::min(b1, b + lo) - std::max(b0, a + lo);
      if ((c >= a + lo && c <= b + lo) || cover >= 0.7 * (b - a)) in.push_back(bl);
    }
    if (in.empty()) continue;
    auto start = [&](const Blob& x) { return vertical ? x.box.y : x.box.x; };
    auto end = [&](const Blob& x) { return vertical ? x.box.br().y : x.box.br().x; };
    std::sort(in.begin(), in.end(), [&](auto& p, auto& q) { return start(p) < start(q); });
    // The label's colon often sits right before the value: a short, narrow mark
    // at the line's start that a reader would take for a letter.
    if (!vertical && in.size() >= 3) {
      std::vector<int> hs, tops;
      for (const Blob& bl : in) {
        hs.push_back(bl.box.height);
        tops.push_back(bl.box.y);
      }
      std::nth_element(hs.begin(), hs.begin() + hs.size() / 2, hs.end());
      std::nth_element(tops.begin(), tops.begin() + tops.size() / 2, tops.end());
      const double med = hs[hs.size() / 2], top = tops[tops.size() / 2];
      // (A colon's upper dot sits well under the capitals' tops, or the value
      // starts a gap after it: the first stroke of a dot-matrix glyph, as short
      // and narrow, does neither, and "SIGRA" lost its S.)
      auto colon = [&] {
        const Blob& c = in[0];
        if (c.box.height >= 0.8 * med || c.box.width >= 0.35 * med) return false;
        return c.box.y >= top + 0.2 * med || in[1].box.x - c.box.br().x >= 0.3 * med;
      };
      while (in.size() >= 3 && colon()) in.erase(in.begin());
    }
    // Split only at very wide gaps: dot-matrix values are widely spaced.
    std::vector<std::vector<Blob>> clusters{{in[0]}};
    int reach = end(in[0]);
    for (size_t k = 1; k < in.size(); ++k) {
      // (The serial's characters are evenly spaced: a gap there is the border.)
      if (start(in[k]) - reach > (vertical ? 3.0 : 12.0) * h) clusters.emplace_back();
      clusters.back().push_back(in[k]);
      reach = std::max(reach, end(in[k]));
    }
    for (const auto& cl : clusters) {
      InkLine line;
      line.box = cl[0].box;
      for (const Blob& bl : cl) {
        line.box |= bl.box;
        line.ink += bl.area;
      }
      if (!vertical) {
        int reach_x = cl[0].box.br().x;
        for (size_t k = 1; k < cl.size(); ++k) {
          if (cl[k].box.x - reach_x >= 0.5 * h) line.word_starts.push_back(cl[k].box.x);
          reach_x = std::max(reach_x, cl[k].box.br().x);
        }
      }
      line.all = line.box;
      if (!vertical && cl.size() >= 3) {
        // The line's height from its glyphs: much taller components (a glyph
        // merged with a mark above it, e.g. the label's subtitle over a VIN)
        // and a minority of marks above or below the glyphs' common top and
        // bottom (the subtitle's letters in the same band) would stretch the
        // crop over them. Dot-matrix strokes often come in pieces, so the
        // typical top, bottom and height are taken at 35%/65%, not halfway.
        std::vector<int> heights, tops, bottoms;
        for (const Blob& bl : cl) heights.push_back(bl.box.height);
        const size_t q = heights.size() * 65 / 100, p = heights.size() * 35 / 100;
        std::nth_element(heights.begin(), heights.begin() + q, heights.end());
        const double tall = 1.45 * heights[q];
        for (const Blob& bl : cl) {
          if (bl.box.height > tall) continue;
          tops.push_back(bl.box.y);
          bottoms.push_back(bl.box.br().y);
        }
        if (tops.size() >= 3) {
          const size_t tp = std::min(p, tops.size() - 1), bq = std::min(q, bottoms.size() - 1);
          std::nth_element(tops.begin(), tops.begin() + tp, tops.end());
          std::nth_element(bottoms.begin(), bottoms.begin() + bq, bottoms.end());
          const int top_q = tops[tp], bottom_q = bottoms[bq];
          int y0 = top_q, y1 = bottom_q;
          for (const Blob& bl : cl) {
            if (bl.box.height > tall) continue;
            if (bl.box.y >= top_q - 0.35 * h) y0 = std::min(y0, bl.box.y);
            if (bl.box.br().y <= bottom_q + 0.35 * h) y1 = std::max(y1, bl.box.br().y);
          }
          if (y1 > y0) {
            line.box.y = y0;
            line.box.height = y1 - y0;
          }
        }
      }
      lines.push_back(line);
    }
  }
  return lines;
}

}  // namespace

std::vector<InkLine> FindInkLines(const cv::Mat& flat_gray, const cv::Rect& region,
                                  double text_height, bool remove_rules) {
  return Bands(CharBlobs(flat_gray, region, text_height, false, remove_rules), text_height, false);
}

std::vector<InkLine> FindVerticalInkLines(const cv::Mat& flat_gray, const cv::Rect& region,
                                          double text_height) {
  return Bands(CharBlobs(flat_gray, region, text_height, true, false), text_height, true);
}

std::vector<InkLine> WithLinesRulesErased(const cv::Mat& flat, const cv::Rect& r, double h,
                                          std::vector<InkLine> lines) {
  for (const InkLine& whole : FindInkLines(flat, r, h, false)) {
    if (whole.box.width < 0.8 * h || whole.box.height < 0.45 * h) continue;
    auto same_line = [&](const InkLine& o) {
      const int dy = std::min(o.box.br().y, whole.box.br().y) - std::max(o.box.y, whole.box.y);
      const int dx = std::min(o.box.br().x, whole.box.br().x) - std::max(o.box.x, whole.box.x);
      return dx > 0 && dy > 0.5 * std::min(o.box.height, whole.box.height);
    };
    bool kept = false;
    int kept_ink = 0;
    for (const InkLine& o : lines) kept_ink += same_line(o) ? o.ink : 0;
    for (InkLine& o : lines) {
      if (!same_line(o) || o.box.width < 2 * h || o.box.height < 0.75 * h) continue;
      // (Bits of a value on its leader, a tiny share of its ink, are no value.)
      if (kept_ink < 0.15 * whole.ink) break;
      kept = true;
      // Glyphs at either end that lost their bars with the rules (an italic D
      // whose top and bottom joined the next letters' into runs, a dot-matrix
      // word, a word whose feet touch its leader) are the value's: all of them
      // when the line without removal is no taller, or no taller than a
      // capital and a half (the leader under the glyphs, no signature in it,
      // while the kept glyphs may have lost their tops), else a glyph's worth.
      const double reach =
          whole.box.height <= 1.3 * o.box.height || whole.box.height <= 1.5 * h ? 1e9 : 2.5 * h;
      const int x0 = o.box.x - whole.box.x <= reach ? std::min(o.box.x, whole.box.x) : o.box.x;
      const int x1 = whole.box.br().x - o.box.br().x <= reach
                         ? std::max(o.box.br().x, whole.box.br().x)
                         : o.box.br().x;
      o.box.x = x0;
      o.box.width = x1 - x0;
      // The glyphs' tops, lost with the rules when their top bars line up (a
      // tall dot-matrix face's "5224"): the line without removal starts above,
      // within a line's height; the crop cut at its tops read "9659".
      if (whole.box.y < o.box.y && whole.box.height <= 1.8 * h) {
        o.box.height += o.box.y - whole.box.y;
        o.box.y = whole.box.y;
      }
    }
    if (kept) continue;
    lines.erase(std::remove_if(lines.begin(), lines.end(), same_line), lines.end());
    lines.push_back(whole);
  }
  return lines;
}

}  // namespace bpkb::layout
