// Capture conditions: each turns a flat page (RenderPage) into the file a client
// would send, with its own random strength in [lo, hi] (the held-out split uses
// other strengths). Outputs are encoded file bytes.
#pragma once

#include <cstdint>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "synth/rng.h"

namespace bpkb::synth {

struct CaptureFile {
  std::vector<uint8_t> bytes;
  std::string ext;     // "jpg", "png", "pdf"
  int pdf_page = 0;    // 1-based page holding the target in a multi-page PDF, else 0
  std::string detail;  // e.g. "exif=6", "rot=90", "pages=4"
};

struct Strength {
  double lo = 0.2, hi = 0.8;
  double Draw(Rng& rng) const { return rng.Uniform(lo, hi); }
};

// Flatbed scan: small skew, scanner tone and noise, bed margin; JPEG or PNG.
CaptureFile CaptureScan(const cv::Mat& page, Strength s, Rng& rng);
// Black-and-white photocopy: hard contrast, dark guilloche, speckle, skew.
CaptureFile CapturePhotocopy(const cv::Mat& page, Strength s, Rng& rng);
// Phone photo: the page on a textured surface (40-100% of a ~3000x2250 frame),
// perspective, uneven light, shadow, glare, blur, noise, JPEG quality 50-85.
CaptureFile CapturePhoto(const cv::Mat& page, Strength s, Rng& rng);
// Low resolution: about 100 dpi.
CaptureFile CaptureLowres(const cv::Mat& page, Strength s, Rng& rng);
// A scan turned by 90/180/270 degrees; for JPEG sometimes upright only through the
// EXIF orientation tag (the pixels are turned, the tag says how to show them).
CaptureFile CaptureRotated(const cv::Mat& page, Strength s, Rng& rng);
// PDF wrapping scans: `pages` are flat pages in book order, `target` (0-based)
// the one the truth describes. One page gives a single-page PDF.
CaptureFile CapturePdf(const std::vector<cv::Mat>& pages, int target, Strength s, Rng& rng);

// JPEG bytes with an EXIF APP1 orientation tag (1..8) inserted after SOI.
std::vector<uint8_t> WithExifOrientation(const std::vector<uint8_t>& jpeg, int orientation);

}  // namespace bpkb::synth
