#include "synth/conditions.h"

#include <cairo-pdf.h>
#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <opencv2/imgproc.hpp>

#include "synth/degrade.h"

namespace bpkb::synth {
namespace {

// Rotates by a small angle on a margin of `bed` colour, keeping the whole page.
cv::Mat SkewOnBed(const cv::Mat& page, double angle_deg, int margin, cv::Scalar bed) {
  cv::Mat padded;
  cv::copyMakeBorder(page, padded, margin, margin, margin, margin, cv::BORDER_CONSTANT, bed);
  if (std::abs(angle_deg) < 0.05) return padded;
  cv::Mat rot =
      cv::getRotationMatrix2D(cv::Point2f(padded.cols / 2.0f, padded.rows / 2.0f), angle_deg, 1.0);
  cv::Mat out;
  cv::warpAffine(padded, out, rot, padded.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, bed);
  return out;
}

cv::Mat ScanImage(const cv::Mat& page, double strength, Rng& rng) {
  const double bed = rng.Uniform(200, 255);
  cv::Mat img =
      SkewOnBed(page, rng.Uniform(-1.5, 1.5) * strength, rng.Int(0, 40), cv::Scalar(bed, bed, bed));
  ScanTone(img, strength, rng);
  return img;
}

CaptureFile Encode(const cv::Mat& img, bool jpeg, int quality) {
  CaptureFile f;
  f.ext = jpeg ? "jpg" : "png";
  f.bytes = jpeg ? EncodeJpeg(img, quality) : EncodePng(img);
  return f;
}

// A table, floor or cloth under the page: low-frequency colour and grain.
cv::Mat Surface(cv::Size size, Rng& rng) {
  const cv::Scalar base(rng.Uniform(40, 200), rng.Uniform(40, 190), rng.Uniform(40, 200));
  cv::Mat small(size.height / 24 + 2, size.width / 24 + 2, CV_8UC3);
  cv::RNG cvrng(rng.Next());
  cvrng.fill(small, cv::RNG::NORMAL, base, cv::Scalar::all(rng.Uniform(3, 12)));
  cv::GaussianBlur(small, small, cv::Size(), rng.Uniform(0.8, 2.5));
  if (rng.Chance(0.4)) {  // wood-like stripes
    for (int y = 0; y < small.rows; ++y)
      small.row(y) += cv::Scalar::all(20 * std::sin(y * rng.Uniform(0.3, 0.4)));
  }
  cv::Mat big;
  cv::resize(small, big, size, 0, 0, cv::INTER_CUBIC);
  return big;
}

}  // namespace

CaptureFile CaptureScan(const cv::Mat& page, Strength s, Rng& rng) {
  const double k = s.Draw(rng);
  cv::Mat img = ScanImage(page, k, rng);
  const bool jpeg = rng.Chance(0.7);
  return Encode(img, jpeg, rng.Int(75, 95));
}

CaptureFile CapturePhotocopy(const cv::Mat& page, Strength s, Rng& rng) {
  const double k = s.Draw(rng);
  cv::Mat img = SkewOnBed(page, rng.Uniform(-2.0, 2.0) * k, rng.Int(0, 30), cv::Scalar::all(245));
  Photocopy(img, k, rng);
  cv::Mat gray;
  cv::cvtColor(img, gray, cv::COLOR_BGR2GRAY);
  const bool jpeg = rng.Chance(0.5);
  return Encode(gray, jpeg, rng.Int(70, 92));
}

CaptureFile CapturePhoto(const cv::Mat& page, Strength s, Rng& rng) {
  const double k = s.Draw(rng);
  const cv::Size frame(rng.Int(2900, 3100), rng.Int(2180, 2320));
  cv::Mat out = Surface(frame, rng);
  // Where the page's corners land: a centred rectangle covering 40-100% of the
  // frame, turned in plane and tilted (perspective up to about 20 degrees).
  std::vector<cv::Point2f> dst(4);
  const std::vector<cv::Point2f> src = {
      {0, 0},
      {static_cast<float>(page.cols), 0},
      {static_cast<float>(page.cols), static_cast<float>(page.rows)},
      {0, static_cast<float>(page.rows)}};
  double coverage = rng.Uniform(0.4, 1.0);
  for (int attempt = 0; attempt < 30; ++attempt, coverage *= 0.93) {
    const double scale =
        std::sqrt(coverage * frame.area() / static_cast<double>(page.cols * page.rows));
    const double w = page.cols * scale, h = page.rows * scale;
    const double cx = frame.width / 2.0 + rng.Uniform(-0.15, 0.15) * (frame.width - w + 1);
    const double cy = frame.height / 2.0 + rng.Uniform(-0.15, 0.15) * (frame.height - h + 1);
    const double angle = rng.Uniform(-8, 8) * k * M_PI / 180;
    const double tilt = 0.17 * k;  // corner displacement share: ~20 degrees of tilt
    bool inside = true;
    for (int i = 0; i < 4; ++i) {
      double px = (src[i].x / page.cols - 0.5) * w, py = (src[i].y / page.rows - 0.5) * h;
      px += rng.Uniform(-tilt, tilt) * w * 0.5;
      py += rng.Uniform(-tilt, tilt) * h * 0.5;
      const double rx = cx + px * std::cos(angle) - py * std::sin(angle);
      const double ry = cy + px * std::sin(angle) + py * std::cos(angle);
      dst[i] = cv::Point2f(static_cast<float>(rx), static_cast<float>(ry));
      inside = inside && rx > 8 && ry > 8 && rx < frame.width - 8 && ry < frame.height - 8;
    }
    if (inside) break;
  }
  const cv::Mat homography = cv::getPerspectiveTransform(src, dst);
  cv::Mat warped, mask;
  cv::warpPerspective(page, warped, homography, frame, cv::INTER_LINEAR);
  cv::warpPerspective(cv::Mat(page.size(), CV_8U, cv::Scalar(255)), mask, homography, frame,
                      cv::INTER_LINEAR);
  warped.copyTo(out, mask > 128);
  // Light: a gradient, a soft shadow of the phone or a hand, and glare.
  LightGradient(out, rng.Uniform(0.1, 0.5) * k, rng);
  {
    const int gw = frame.width / 16, gh = frame.height / 16;
    cv::Mat gain(gh, gw, CV_32F, cv::Scalar(1.0f));
    if (rng.Chance(0.6)) {
      std::vector<cv::Point> poly;
      const int side = rng.Int(0, 3);
      const int n = rng.Int(3, 5);
      for (int i = 0; i < n; ++i) {
        int x = rng.Int(0, gw), y = rng.Int(0, gh);
        if (side == 0) x = rng.Int(0, gw / 3);
        if (side == 1) x = rng.Int(2 * gw / 3, gw);
        if (side == 2) y = rng.Int(0, gh / 3);
        if (side == 3) y = rng.Int(2 * gh / 3, gh);
        poly.emplace_back(x, y);
      }
      cv::fillConvexPoly(gain, poly, cv::Scalar(1.0 - rng.Uniform(0.2, 0.55) * k));
      cv::GaussianBlur(gain, gain, cv::Size(), rng.Uniform(2, 8));
    }
    if (rng.Chance(0.5)) {  // glare: a bright soft spot
      cv::Mat spot(gh, gw, CV_32F, cv::Scalar(0));
      cv::ellipse(spot, cv::Point(rng.Int(0, gw), rng.Int(0, gh)),
                  cv::Size(rng.Int(gw / 20, gw / 6), rng.Int(gh / 20, gh / 6)), rng.Uniform(0, 180),
                  0, 360, cv::Scalar(rng.Uniform(0.3, 0.9) * k), cv::FILLED);
      cv::GaussianBlur(spot, spot, cv::Size(), rng.Uniform(1.5, 4));
      gain += spot;
    }
    cv::Mat full;
    cv::resize(gain, full, frame, 0, 0, cv::INTER_LINEAR);
    ApplyGain(out, full);
  }
  if (rng.Chance(0.5))
    GaussianBlur(out, rng.Uniform(0.5, 2.2) * k);
  else if (rng.Chance(0.4))
    MotionBlur(out, rng.Uniform(3, 9) * k, rng.Uniform(0, 180));
  AddNoise(out, rng.Uniform(2, 9) * k, rng);
  return Encode(out, true, rng.Int(50, 85));
}

CaptureFile CaptureLowres(const cv::Mat& page, Strength s, Rng& rng) {
  const double k = s.Draw(rng);
  cv::Mat img = ScanImage(page, k * 0.6, rng);
  const double factor = rng.Uniform(0.36, 0.46) - 0.04 * k;  // ~90-115 dpi of a 250 dpi page
  cv::Mat small;
  cv::resize(img, small, cv::Size(), factor, factor, cv::INTER_AREA);
  return Encode(small, rng.Chance(0.8), rng.Int(60, 88));
}

std::vector<uint8_t> WithExifOrientation(const std::vector<uint8_t>& jpeg, int orientation) {
  // APP1 "Exif\0\0", little-endian TIFF header, one IFD entry: Orientation (0x0112).
  const uint8_t tiff[] = {'I',
                          'I',
                          42,
                          0,
                          8,
                          0,
                          0,
                          0,  // header, IFD at 8
                          1,
                          0,  // one entry
                          0x12,
                          0x01,
                          3,
                          0,
                          1,
                          0,
                          0,
                          0,  // tag, SHORT, count 1
                          static_cast<uint8_t>(orientation),
                          0,
                          0,
                          0,  // value
                          0,
                          0,
                          0,
                          0};  // no next IFD
  const uint8_t exif[] = {'E', 'x', 'i', 'f', 0, 0};
  const size_t len = 2 + sizeof exif + sizeof tiff;
  std::vector<uint8_t> out;
  out.reserve(jpeg.size() + len + 2);
  out.push_back(jpeg.at(0));  // SOI
  out.push_back(jpeg.at(1));
  out.push_back(0xFF);
  out.push_back(0xE1);
  out.push_back(static_cast<uint8_t>(len >> 8));
  out.push_back(static_cast<uint8_t>(len & 0xFF));
  for (uint8_t b : exif) out.push_back(b);
  for (uint8_t b : tiff) out.push_back(b);
  for (size_t i = 2; i < jpeg.size(); ++i) out.push_back(jpeg[i]);
  return out;
}

CaptureFile CaptureRotated(const cv::Mat& page, Strength s, Rng& rng) {
  const double k = s.Draw(rng);
  cv::Mat img = ScanImage(page, k * 0.7, rng);
  const int turn = rng.Int(1, 3);  // 90, 180, 270 degrees clockwise
  static const int codes[] = {cv::ROTATE_90_CLOCKWISE, cv::ROTATE_180,
                              cv::ROTATE_90_COUNTERCLOCKWISE};
  cv::Mat turned;
  cv::rotate(img, turned, codes[turn - 1]);
  const bool jpeg = rng.Chance(0.75);
  CaptureFile f = Encode(turned, jpeg, rng.Int(75, 92));
  f.detail = "rot=" + std::to_string(turn * 90);
  if (jpeg && rng.Chance(0.5)) {
    // The camera stored turned pixels and a tag that turns them back upright:
    // pixels turned 90 CW need 90 CCW to show = orientation 8; 180 = 3; 270 CW = 6.
    static const int orientation[] = {8, 3, 6};
    f.bytes = WithExifOrientation(f.bytes, orientation[turn - 1]);
    f.detail += " exif=" + std::to_string(orientation[turn - 1]);
  }
  return f;
}

namespace {
cairo_status_t AppendBytes(void* closure, const unsigned char* data, unsigned int length) {
  auto* out = static_cast<std::vector<uint8_t>*>(closure);
  out->insert(out->end(), data, data + length);
  return CAIRO_STATUS_SUCCESS;
}
}  // namespace

CaptureFile CapturePdf(const std::vector<cv::Mat>& pages, int target, Strength s, Rng& rng) {
  const double k = s.Draw(rng);
  const double dpi = rng.Chance(0.5) ? 250 : 200;
  CaptureFile f;
  f.ext = "pdf";
  f.pdf_page = pages.size() > 1 ? target + 1 : 0;
  f.detail = "pages=" + std::to_string(pages.size());
  // Page size from the first page; each scan drawn at `dpi`.
  cairo_surface_t* pdf = cairo_pdf_surface_create_for_stream(AppendBytes, &f.bytes, 100, 100);
  // A fixed date keeps the bytes a function of the seed.
  cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATE_DATE, "2024-01-01T00:00:00");
  cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_MOD_DATE, "2024-01-01T00:00:00");
  cairo_t* cr = cairo_create(pdf);
  // Cairo may read the JPEG bytes when the PDF is finished: keep them until then.
  std::vector<std::unique_ptr<std::vector<uint8_t>>> keep;
  for (const cv::Mat& page : pages) {
    cv::Mat scan = ScanImage(page, k, rng);
    if (dpi < 250) cv::resize(scan, scan, cv::Size(), dpi / 250, dpi / 250, cv::INTER_AREA);
    const double wpt = scan.cols * 72.0 / dpi, hpt = scan.rows * 72.0 / dpi;
    cairo_pdf_surface_set_size(pdf, wpt, hpt);
    cv::Mat bgra;
    cv::cvtColor(scan, bgra, cv::COLOR_BGR2BGRA);
    cairo_surface_t* img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, scan.cols, scan.rows);
    cairo_surface_flush(img);
    unsigned char* data = cairo_image_surface_get_data(img);
    const int stride = cairo_image_surface_get_stride(img);
    for (int y = 0; y < scan.rows; ++y) std::memcpy(data + y * stride, bgra.ptr(y), scan.cols * 4);
    cairo_surface_mark_dirty(img);
    // Embed the scan as JPEG, as scanning apps do (and to keep files small).
    keep.push_back(std::make_unique<std::vector<uint8_t>>(EncodeJpeg(scan, rng.Int(70, 90))));
    const std::vector<uint8_t>* jpeg = keep.back().get();
    cairo_surface_set_mime_data(img, CAIRO_MIME_TYPE_JPEG, const_cast<uint8_t*>(jpeg->data()),
                                jpeg->size(), nullptr, nullptr);
    cairo_save(cr);
    cairo_scale(cr, 72.0 / dpi, 72.0 / dpi);
    cairo_set_source_surface(cr, img, 0, 0);
    cairo_paint(cr);
    cairo_restore(cr);
    cairo_show_page(cr);
    cairo_surface_destroy(img);
  }
  cairo_destroy(cr);
  cairo_surface_finish(pdf);
  cairo_surface_destroy(pdf);
  return f;
}

}  // namespace bpkb::synth
