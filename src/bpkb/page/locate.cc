#include "bpkb/page/locate.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace bpkb::page {
namespace {

// Orders 4 points as top-left, top-right, bottom-right, bottom-left.
std::vector<cv::Point2f> OrderCorners(const std::vector<cv::Point2f>& p) {
  std::vector<cv::Point2f> out(4);
  auto sum = [](const cv::Point2f& a) { return a.x + a.y; };
  auto diff = [](const cv::Point2f& a) { return a.y - a.x; };
  out[0] = *std::min_element(p.begin(), p.end(), [&](auto& a, auto& b) { return sum(a) < sum(b); });
  out[2] = *std::max_element(p.begin(), p.end(), [&](auto& a, auto& b) { return sum(a) < sum(b); });
  out[1] =
      *std::min_element(p.begin(), p.end(), [&](auto& a, auto& b) { return diff(a) < diff(b); });
  out[3] =
      *std::max_element(p.begin(), p.end(), [&](auto& a, auto& b) { return diff(a) < diff(b); });
  return out;
}

double Dist(cv::Point2f a, cv::Point2f b) { return std::hypot(a.x - b.x, a.y - b.y); }

// The 4 corners of a convex hull: the quadrilateral of largest area spanned by
// hull points, approximated by polygon simplification at growing tolerance.
bool HullQuad(const std::vector<cv::Point>& hull, std::vector<cv::Point2f>* quad) {
  double peri = cv::arcLength(hull, true);
  for (double eps = 0.01; eps <= 0.1; eps += 0.01) {
    std::vector<cv::Point> approx;
    cv::approxPolyDP(hull, approx, eps * peri, true);
    if (approx.size() == 4) {
      quad->assign(approx.begin(), approx.end());
      return true;
    }
    if (approx.size() < 4) break;
  }
  // Fall back to the rotated bounding rectangle.
  cv::RotatedRect r = cv::minAreaRect(hull);
  cv::Point2f pts[4];
  r.points(pts);
  quad->assign(pts, pts + 4);
  return true;
}

// Binary map of line work (255) on a gray image: darker than its neighbourhood
// by a share of the local paper level, so that the same line counts in light
// and in shadow. `level` receives the gray relative to its paper (255 = paper).
cv::Mat InkMap(const cv::Mat& gray, cv::Mat* level) {
  // Paper level: grey closing wipes out lines thinner than the kernel.
  const int k = std::max(5, static_cast<int>(std::lround(std::min(gray.cols, gray.rows) * 0.03)));
  cv::Mat paper;
  cv::morphologyEx(gray, paper, cv::MORPH_CLOSE,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(k, k)));
  paper.setTo(1, paper < 1);
  cv::divide(gray, paper, *level, 255.0, CV_8U);
  cv::Mat ink;
  cv::adaptiveThreshold(*level, ink, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV, 25,
                        12);
  return ink;
}

// Whether quadrilateral `inner` (area `inner_area`) lies well inside `outer` on
// every corner and covers most of it: the border's inside within the page's own
// outline (a piece of a split inside touches the edge, and is not "well inside").
bool Within(const std::vector<cv::Point2f>& inner, double inner_area,
            const std::vector<cv::Point2f>& outer, double outer_area) {
  if (inner_area < 0.6 * outer_area) return false;
  const double margin = 0.02 * std::sqrt(outer_area);
  for (const cv::Point2f& p : inner) {
    if (cv::pointPolygonTest(outer, p, true) < margin) return false;
  }
  return true;
}

// The page's outline in one ink map: the best quadrilateral of the border
// ring's inside (`hole`) and of a component's outside (`outer`), areas in pixels.
struct Outline {
  std::vector<cv::Point2f> hole, outer;
  double hole_area = 0, outer_area = 0;
};

Outline FindOutline(cv::Mat ink) {
  // Merge the border's fine lines into one ring.
  int k = std::max(3, static_cast<int>(std::lround(std::min(ink.cols, ink.rows) * 0.012)));
  cv::morphologyEx(ink, ink, cv::MORPH_CLOSE,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(k, k)));
  // The inner edge of the border ring is the cleanest outline of the page: the
  // ring's outside may merge with clutter around the page, its inside does not.
  // RETR_CCOMP gives the holes of each component as their own contours.
  std::vector<std::vector<cv::Point>> contours;
  std::vector<cv::Vec4i> hierarchy;
  cv::findContours(ink, contours, hierarchy, cv::RETR_CCOMP, cv::CHAIN_APPROX_SIMPLE);

  const double image_area = static_cast<double>(ink.cols) * ink.rows;
  auto quad_of = [&](const std::vector<cv::Point>& c, double min_fill,
                     std::vector<cv::Point2f>* quad) {
    std::vector<cv::Point> hull;
    cv::convexHull(c, hull);
    double hull_area = cv::contourArea(hull);
    if (hull_area < 0.10 * image_area) return 0.0;
    HullQuad(hull, quad);
    *quad = OrderCorners(*quad);
    double quad_area = cv::contourArea(*quad);
    if (quad_area < 0.85 * hull_area || quad_area > 1.15 * hull_area) return 0.0;
    if (cv::contourArea(c) < min_fill * hull_area) return 0.0;
    return quad_area;
  };
  Outline out;
  std::vector<std::pair<std::vector<cv::Point2f>, double>> candidates;  // holes: quad, area
  // Large holes per enclosing component: a shadow's edge crossing the page is
  // marked as a dark band that splits the inside of the border ring in two; the
  // holes of one ring together still outline the page.
  std::vector<std::vector<cv::Point>> holes_of(contours.size());
  for (size_t i = 0; i < contours.size(); ++i) {
    std::vector<cv::Point2f> quad;
    bool hole = hierarchy[i][3] >= 0;
    double area = quad_of(contours[i], hole ? 0.8 : 0.0, &quad);
    if (hole && area > 0) {
      candidates.push_back({quad, area});
    } else if (!hole && area > out.outer_area) {
      out.outer_area = area;
      out.outer = quad;
    }
    if (hole && cv::contourArea(contours[i]) > 0.02 * image_area) {
      auto& joined = holes_of[hierarchy[i][3]];
      joined.insert(joined.end(), contours[i].begin(), contours[i].end());
    }
  }
  for (size_t i = 0; i < contours.size(); ++i) {
    if (holes_of[i].empty()) continue;
    double holes_area = 0;
    for (int c = hierarchy[i][2]; c >= 0; c = hierarchy[c][0]) {
      double a = cv::contourArea(contours[c]);
      if (a > 0.02 * image_area) holes_area += a;
    }
    std::vector<cv::Point2f> quad;
    double area = quad_of(holes_of[i], 0.0, &quad);
    if (area > 0 && holes_area >= 0.8 * area) candidates.push_back({quad, area});
  }
  // The largest hole, unless it holds another large one: the page's own outline
  // is a hole where the surface around it reads as line work (a dark textured
  // table), and the border's inside is then the hole within it.
  std::sort(candidates.begin(), candidates.end(),
            [](const auto& a, const auto& b) { return a.second > b.second; });
  for (size_t i = 0; i < candidates.size(); ++i) {
    if (!out.hole.empty()) {
      const auto& [quad, area] = candidates[i];
      if (!Within(quad, area, out.hole, out.hole_area)) continue;
    }
    out.hole = candidates[i].first;
    out.hole_area = candidates[i].second;
  }
  return out;
}

}  // namespace

LocatedPage LocatePage(const cv::Mat& bgr) {
  LocatedPage out;
  const double kWork = 900.0;
  double s = kWork / std::max(bgr.cols, bgr.rows);
  if (s > 1) s = 1;
  cv::Mat small, gray;
  cv::resize(bgr, small, cv::Size(), s, s, cv::INTER_AREA);
  cv::cvtColor(small, gray, cv::COLOR_BGR2GRAY);

  // Dark line work darker than its surroundings: the border's hatching, text.
  // Contrast is taken relative to the local paper level (the gray divided by its
  // grey closing), so that line work in a shadow or under a light gradient
  // counts as much as in full light.
  cv::Mat level;
  cv::Mat ink = InkMap(gray, &level);
  Outline outline = FindOutline(ink);
  if (outline.hole.empty()) {
    // A photocopy's darkened security background fills the inside of the ring
    // with line work; its border and text stay far darker than that pattern.
    cv::Mat dark = ink & (level < 100);
    Outline strict = FindOutline(dark);
    if (!strict.hole.empty()) outline = strict;
  }
  {
    // A glare spot on the border washes its line work out and opens the ring;
    // the saturated spot, grown by a few pixels, closes it again (a spot inside
    // the page only bites into the hole, whose hull stays the page). Taken when
    // nothing else was found, or when it finds the border's inside within the
    // hole found (the page's own outline on a textured table).
    cv::Mat glare = gray >= 250, labels, stats, centroids;
    // Spots only: a large overexposed area inside the page would bite into it.
    const int n = cv::connectedComponentsWithStats(glare, labels, stats, centroids, 8, CV_32S);
    for (int i = 1; i < n; ++i) {
      if (stats.at<int>(i, cv::CC_STAT_AREA) > 0.04 * gray.total()) glare.setTo(0, labels == i);
    }
    if (cv::countNonZero(glare) > 0) {
      const int g =
          std::max(3, static_cast<int>(std::lround(std::min(gray.cols, gray.rows) * 0.02)));
      cv::dilate(glare, glare, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(g, g)));
      Outline bridged = FindOutline(ink | glare);
      if (!bridged.hole.empty() &&
          (outline.hole.empty() ||
           Within(bridged.hole, bridged.hole_area, outline.hole, outline.hole_area))) {
        outline = bridged;
      }
    }
  }
  const double image_area = static_cast<double>(small.cols) * small.rows;
  const std::vector<cv::Point2f>& hole_quad = outline.hole;
  const std::vector<cv::Point2f>& outer_quad = outline.outer;
  const double best_hole = outline.hole_area, best_outer = outline.outer_area;

  std::vector<cv::Point2f> quad;
  // Where the quadrilateral lands in the canonical raster: the border's inner
  // edge sits a little inside the page, its outer edge at the page's edge.
  double inset = 0;
  if (!hole_quad.empty()) {
    for (auto& p : hole_quad) quad.emplace_back(p.x / s, p.y / s);
    out.found_border = true;
    out.inner_edge = true;
    out.coverage = best_hole / image_area;
    inset = 0.045;
  } else if (!outer_quad.empty()) {
    for (auto& p : outer_quad) quad.emplace_back(p.x / s, p.y / s);
    out.found_border = true;
    out.coverage = best_outer / image_area;
  } else {
    quad = {{0, 0},
            {static_cast<float>(bgr.cols), 0},
            {static_cast<float>(bgr.cols), static_cast<float>(bgr.rows)},
            {0, static_cast<float>(bgr.rows)}};
    out.coverage = 1.0;
  }
  double top = Dist(quad[0], quad[1]), bottom = Dist(quad[3], quad[2]);
  double left = Dist(quad[0], quad[3]), right = Dist(quad[1], quad[2]);
  bool portrait = (left + right) > (top + bottom);
  int w = portrait ? kCanonicalHeight : kCanonicalWidth;
  int h = portrait ? kCanonicalWidth : kCanonicalHeight;
  const float mx = static_cast<float>(inset * w), my = static_cast<float>(inset * w);
  std::vector<cv::Point2f> dst = {{mx, my},
                                  {static_cast<float>(w) - mx, my},
                                  {static_cast<float>(w) - mx, static_cast<float>(h) - my},
                                  {mx, static_cast<float>(h) - my}};
  cv::Mat hmat = cv::getPerspectiveTransform(dst, quad);  // canonical -> image
  out.to_image = cv::Matx33d(hmat);
  cv::warpPerspective(bgr, out.bgr, hmat, cv::Size(w, h), cv::INTER_LINEAR | cv::WARP_INVERSE_MAP,
                      cv::BORDER_REPLICATE);
  out.source_scale =
      std::max(top + bottom, left + right) / 2.0 / (kCanonicalWidth * (1 - 2 * inset));
  return out;
}

LocatedPage RotatePage(const LocatedPage& page, int quarter_turns) {
  int q = ((quarter_turns % 4) + 4) % 4;
  if (q == 0) return page;
  LocatedPage out = page;
  double w = page.bgr.cols, h = page.bgr.rows;
  // Map from the rotated raster back to the unrotated one (clockwise turns).
  cv::Matx33d back;
  if (q == 1) {
    cv::rotate(page.bgr, out.bgr, cv::ROTATE_90_CLOCKWISE);
    back = cv::Matx33d(0, 1, 0, -1, 0, h, 0, 0, 1);  // x = y', y = h - x'
  } else if (q == 2) {
    cv::rotate(page.bgr, out.bgr, cv::ROTATE_180);
    back = cv::Matx33d(-1, 0, w, 0, -1, h, 0, 0, 1);
  } else {
    cv::rotate(page.bgr, out.bgr, cv::ROTATE_90_COUNTERCLOCKWISE);
    back = cv::Matx33d(0, -1, w, 1, 0, 0, 0, 0, 1);  // x = w - y', y = x'
  }
  out.to_image = page.to_image * back;
  return out;
}

}  // namespace bpkb::page
