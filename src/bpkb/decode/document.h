// Document: the client's bytes, checked and opened, as one or more page images.
//
// Open() sniffs the type from magic bytes (JPEG, PNG, PDF; anything else is
// refused), checks sizes against ReadLimits before any pixel is decoded, and
// refuses truncated, corrupt, encrypted or over-long documents with a reason that
// is safe to show the client. Render() returns one page as 8-bit BGR, upright per
// EXIF, with the affine map from its pixels back to the submitted image's pixels.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <opencv2/core.hpp>

#include "bpkb/reader.h"
#include "bpkb/status.h"

namespace bpkb::decode {

struct PageImage {
  cv::Mat bgr;
  // 2x3 affine: a point (x, y) of `bgr` maps to to_submitted * (x, y, 1) in the
  // client's own pixel grid (the raw JPEG/PNG raster, or the PDF page rendered at
  // the request's pdf_dpi).
  cv::Matx23d to_submitted{1, 0, 0, 0, 1, 0};
  int exif_orientation = 1;
};

class Document {
 public:
  virtual ~Document() = default;
  static Status Open(std::string_view bytes, const ReadLimits& limits,
                     std::unique_ptr<Document>* out);
  virtual int page_count() const = 0;
  virtual bool is_pdf() const = 0;
  // `index` is 1-based. `max_long_side` > 0 asks for a smaller rendering (a cheap
  // probe); the map to submitted pixels stays exact.
  virtual Status Render(int index, int max_long_side, PageImage* out) = 0;
};

}  // namespace bpkb::decode
