#include "bpkb/decode/document.h"

#include <algorithm>
#include <cmath>
#include <mutex>

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "bpkb/decode/image_header.h"

namespace bpkb::decode {
namespace {

std::string Megapixels(long long pixels) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", pixels / 1e6);
  return buf;
}

// Applies EXIF orientation to `raw`; returns the affine map display -> raw.
cv::Matx23d Orient(const cv::Mat& raw, int orientation, cv::Mat* out) {
  double w = raw.cols, h = raw.rows;
  switch (orientation) {
    case 2:
      cv::flip(raw, *out, 1);
      return {-1, 0, w, 0, 1, 0};
    case 3:
      cv::rotate(raw, *out, cv::ROTATE_180);
      return {-1, 0, w, 0, -1, h};
    case 4:
      cv::flip(raw, *out, 0);
      return {1, 0, 0, 0, -1, h};
    case 5:
      cv::transpose(raw, *out);
      return {0, 1, 0, 1, 0, 0};
    case 6:
      cv::rotate(raw, *out, cv::ROTATE_90_CLOCKWISE);
      return {0, 1, 0, -1, 0, h};
    case 7: {
      cv::Mat t;
      cv::transpose(raw, t);
      cv::flip(t, *out, -1);
      return {0, -1, w, -1, 0, h};
    }
    case 8:
      cv::rotate(raw, *out, cv::ROTATE_90_COUNTERCLOCKWISE);
      return {0, -1, w, 1, 0, 0};
    default:
      *out = raw;
      return {1, 0, 0, 0, 1, 0};
  }
}

cv::Mat ToBgr(const cv::Mat& m) {
  if (m.channels() == 3) return m;
  cv::Mat out;
  if (m.channels() == 1)
    cv::cvtColor(m, out, cv::COLOR_GRAY2BGR);
  else if (m.channels() == 4)
    cv::cvtColor(m, out, cv::COLOR_BGRA2BGR);
  return out;
}

class RasterDocument : public Document {
 public:
  // Owns a copy of the bytes: a Document may outlive the caller's buffer.
  RasterDocument(std::string_view bytes, bool jpeg, ImageSize size)
      : bytes_(bytes), jpeg_(jpeg), size_(size) {}
  int page_count() const override { return 1; }
  bool is_pdf() const override { return false; }

  Status Render(int index, int max_long_side, PageImage* out) override {
    if (index != 1) return Status::InvalidInput("page", "an image has only page 1");
    // libjpeg decodes at 1/2, 1/4, 1/8 scale far faster than full size.
    int flags = cv::IMREAD_COLOR | cv::IMREAD_IGNORE_ORIENTATION;
    int factor = 1;
    if (jpeg_ && max_long_side > 0) {
      int long_side = std::max(size_.width, size_.height);
      while (factor < 8 && long_side / (factor * 2) >= max_long_side) factor *= 2;
      if (factor == 2) flags = cv::IMREAD_REDUCED_COLOR_2 | cv::IMREAD_IGNORE_ORIENTATION;
      if (factor == 4) flags = cv::IMREAD_REDUCED_COLOR_4 | cv::IMREAD_IGNORE_ORIENTATION;
      if (factor == 8) flags = cv::IMREAD_REDUCED_COLOR_8 | cv::IMREAD_IGNORE_ORIENTATION;
    }
    cv::Mat raw;
    try {
      cv::Mat buf(1, static_cast<int>(bytes_.size()), CV_8U, const_cast<char*>(bytes_.data()));
      raw = cv::imdecode(buf, flags);
    } catch (const cv::Exception&) {
      raw.release();
    }
    if (raw.empty()) {
      return Status::InvalidInput(
          "image", std::string(jpeg_ ? "JPEG" : "PNG") + " data is corrupt and cannot be decoded");
    }
    raw = ToBgr(raw);
    double sx = static_cast<double>(size_.width) / raw.cols;
    double sy = static_cast<double>(size_.height) / raw.rows;
    out->exif_orientation = jpeg_ ? JpegExifOrientation(bytes_) : 1;
    cv::Matx23d to_raw = Orient(raw, out->exif_orientation, &out->bgr);
    out->to_submitted = cv::Matx23d(to_raw(0, 0) * sx, to_raw(0, 1) * sx, to_raw(0, 2) * sx,
                                    to_raw(1, 0) * sy, to_raw(1, 1) * sy, to_raw(1, 2) * sy);
    if (max_long_side > 0 && std::max(out->bgr.cols, out->bgr.rows) > max_long_side) {
      double s = static_cast<double>(max_long_side) / std::max(out->bgr.cols, out->bgr.rows);
      cv::Mat small;
      cv::resize(out->bgr, small, cv::Size(), s, s, cv::INTER_AREA);
      cv::Matx23d m = out->to_submitted;
      out->to_submitted =
          cv::Matx23d(m(0, 0) / s, m(0, 1) / s, m(0, 2), m(1, 0) / s, m(1, 1) / s, m(1, 2));
      out->bgr = small;
    }
    return Status::Ok();
  }

 private:
  std::string bytes_;
  bool jpeg_;
  ImageSize size_;
};

void QuietPoppler(const std::string&, void*) {}

class PdfDocument : public Document {
 public:
  PdfDocument(std::string bytes, const ReadLimits& limits)
      : bytes_(std::move(bytes)), limits_(limits) {}

  Status Load() {
    static std::once_flag quiet;
    std::call_once(quiet, [] { poppler::set_debug_error_function(QuietPoppler, nullptr); });
    doc_.reset(
        poppler::document::load_from_raw_data(bytes_.data(), static_cast<int>(bytes_.size())));
    if (!doc_) {
      // poppler also fails to open a PDF that needs a password.
      if (bytes_.find("/Encrypt") != std::string::npos) {
        return Status::InvalidInput("image", "the PDF is encrypted or password-protected");
      }
      return Status::InvalidInput("image", "the PDF is corrupt and cannot be read");
    }
    if (doc_->is_locked() || doc_->is_encrypted()) {
      return Status::InvalidInput("image", "the PDF is encrypted or password-protected");
    }
    pages_ = doc_->pages();
    if (pages_ <= 0) return Status::InvalidInput("image", "the PDF has no pages");
    if (pages_ > limits_.max_pdf_pages) {
      return Status::InvalidInput("image", "the PDF has " + std::to_string(pages_) +
                                               " pages; the limit is " +
                                               std::to_string(limits_.max_pdf_pages));
    }
    return Status::Ok();
  }

  int page_count() const override { return pages_; }
  bool is_pdf() const override { return true; }

  Status Render(int index, int max_long_side, PageImage* out) override {
    if (index < 1 || index > pages_) {
      return Status::InvalidInput("page", "page " + std::to_string(index) +
                                              " is out of range: the PDF has " +
                                              std::to_string(pages_) + " pages");
    }
    std::unique_ptr<poppler::page> page(doc_->create_page(index - 1));
    if (!page) return Status::InvalidInput("image", "a page of the PDF cannot be read");
    poppler::rectf rect = page->page_rect();
    double w_in = std::abs(rect.width()) / 72.0, h_in = std::abs(rect.height()) / 72.0;
    if (page->orientation() == poppler::page::landscape ||
        page->orientation() == poppler::page::seascape) {
      std::swap(w_in, h_in);
    }
    if (!(w_in > 0.01 && h_in > 0.01)) {
      return Status::InvalidInput("image", "a page of the PDF has no size");
    }
    // The client's pixel grid is the page at pdf_dpi, capped so that it stays
    // within max_pixels and a sane long side.
    double dpi = limits_.pdf_dpi;
    const double kMaxSide = 6000;
    dpi = std::min(dpi, kMaxSide / std::max(w_in, h_in));
    dpi = std::min(dpi, std::sqrt(static_cast<double>(limits_.max_pixels) / (w_in * h_in)));
    double render_dpi = dpi;
    if (max_long_side > 0) render_dpi = std::min(dpi, max_long_side / std::max(w_in, h_in));
    if (render_dpi < 1) return Status::InvalidInput("image", "a page of the PDF is too large");
    poppler::page_renderer renderer;
    renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    renderer.set_image_format(poppler::image::format_bgr24);
    poppler::image img = renderer.render_page(page.get(), render_dpi, render_dpi);
    if (!img.is_valid() || img.width() <= 0 || img.height() <= 0) {
      return Status::InvalidInput("image", "a page of the PDF cannot be rendered");
    }
    // format_bgr24 is packed B,G,R bytes: OpenCV's own layout.
    cv::Mat bgr(img.height(), img.width(), CV_8UC3, const_cast<char*>(img.const_data()),
                img.bytes_per_row());
    out->bgr = bgr.clone();
    double s = dpi / render_dpi;
    out->to_submitted = cv::Matx23d(s, 0, 0, 0, s, 0);
    out->exif_orientation = 1;
    return Status::Ok();
  }

 private:
  std::string bytes_;
  ReadLimits limits_;
  std::unique_ptr<poppler::document> doc_;
  int pages_ = 0;
};

}  // namespace

Status Document::Open(std::string_view bytes, const ReadLimits& limits,
                      std::unique_ptr<Document>* out) {
  if (bytes.empty()) return Status::InvalidInput("image", "the file is empty");
  if (bytes.size() > limits.max_bytes) {
    return Status::InvalidInput("image", "file is " + Megapixels(bytes.size()) +
                                             " MB; the limit is " + Megapixels(limits.max_bytes) +
                                             " MB");
  }
  ContentType type = SniffType(bytes);
  if (type == ContentType::kOther) {
    return Status::InvalidInput("image", "content is not JPEG, PNG or PDF");
  }
  if (type == ContentType::kPdf) {
    auto pdf = std::make_unique<PdfDocument>(std::string(bytes), limits);
    if (Status s = pdf->Load(); !s.ok()) return s;
    *out = std::move(pdf);
    return Status::Ok();
  }
  bool jpeg = type == ContentType::kJpeg;
  std::optional<ImageSize> size = jpeg ? JpegSize(bytes) : PngSize(bytes);
  if (!size) {
    return Status::InvalidInput(
        "image", std::string(jpeg ? "JPEG" : "PNG") + " header is corrupt or truncated");
  }
  long long pixels = static_cast<long long>(size->width) * size->height;
  if (pixels > limits.max_pixels) {
    return Status::InvalidInput("image", "image is " + std::to_string(size->width) + "x" +
                                             std::to_string(size->height) + " (" +
                                             Megapixels(pixels) + " MP); the limit is " +
                                             Megapixels(limits.max_pixels) + " MP");
  }
  if (size->width < 16 || size->height < 16) {
    return Status::InvalidInput("image", "image is too small to hold a page");
  }
  if (jpeg ? !JpegComplete(bytes) : !PngComplete(bytes)) {
    return Status::InvalidInput("image", std::string(jpeg ? "JPEG" : "PNG") + " data is truncated");
  }
  *out = std::make_unique<RasterDocument>(bytes, jpeg, *size);
  return Status::Ok();
}

}  // namespace bpkb::decode
