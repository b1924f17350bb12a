// Locating the BPKB page in an image and warping it to a canonical landscape
// raster, so that the layout stage sees the page at one size whatever the camera.
//
// The page's dark ornamental border is the cue: the largest roughly convex
// quadrilateral of dark line work. When none is found (a scan cropped inside the
// border, a very poor photo) the whole image is taken as the page.
#pragma once

#include <opencv2/core.hpp>

namespace bpkb::page {

constexpr int kCanonicalWidth = 1700;
constexpr int kCanonicalHeight = 1200;

struct LocatedPage {
  cv::Mat bgr;           // kCanonicalWidth x kCanonicalHeight (landscape) or transposed
  cv::Matx33d to_image;  // homography: canonical pixel -> input image pixel
  bool found_border = false;
  bool inner_edge = false;    // outlined by the border's inner edge (else its outer edge)
  double coverage = 0.0;      // page area / image area
  double source_scale = 0.0;  // input pixels per canonical pixel along the page width
};

// `portrait_ok`: a quadrilateral taller than wide is warped to a portrait
// canonical raster (the caller turns it by 90 degrees).
LocatedPage LocatePage(const cv::Mat& bgr);

// Rotates a located page by `quarter_turns` x 90 degrees clockwise, keeping to_image.
LocatedPage RotatePage(const LocatedPage& page, int quarter_turns);

}  // namespace bpkb::page
