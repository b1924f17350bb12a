#include "bpkb/text/line_preprocess.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace bpkb::text {

namespace {

constexpr int kMinWidth = 32;
constexpr int kWidthMultiple = 8;

cv::Mat ToGray8(const cv::Mat& crop) {
  cv::Mat m = crop;
  if (m.depth() == CV_16U) {
    m.convertTo(m, CV_8U, 1.0 / 257.0);
  } else if (m.depth() != CV_8U) {
    cv::Mat f;
    m.convertTo(f, CV_8U);
    m = f;
  }
  cv::Mat gray;
  switch (m.channels()) {
    case 1:
      gray = m;
      break;
    case 3:
      cv::cvtColor(m, gray, cv::COLOR_BGR2GRAY);
      break;
    case 4:
      cv::cvtColor(m, gray, cv::COLOR_BGRA2GRAY);
      break;
    default: {
      std::vector<cv::Mat> planes;
      cv::split(m, planes);
      gray = planes[0];
    }
  }
  return gray;
}

// The stretch of train/lineprep.py stretch_lut, same integer arithmetic.
cv::Mat StretchLut(const cv::Mat& gray) {
  std::array<long long, 256> hist{};
  for (int y = 0; y < gray.rows; ++y) {
    const uchar* p = gray.ptr<uchar>(y);
    for (int x = 0; x < gray.cols; ++x) ++hist[p[x]];
  }
  const long long total = static_cast<long long>(gray.total());
  const long long lo_count = total * 1 / 100 + 1, hi_count = (total * 99 + 99) / 100;
  int lo = 255, hi = 255;
  long long cum = 0;
  bool lo_set = false;
  for (int v = 0; v < 256; ++v) {
    cum += hist[v];
    if (!lo_set && cum >= lo_count) lo = v, lo_set = true;
    if (cum >= hi_count) {
      hi = v;
      break;
    }
  }
  cv::Mat lut(1, 256, CV_8U);
  for (int v = 0; v < 256; ++v) {
    // nearly flat: no ink to read, make it blank paper
    int out = 255;
    if (hi - lo >= 16) out = std::min(255, (std::max(v - lo, 0) * 255) / (hi - lo));
    lut.at<uchar>(v) = static_cast<uchar>(out);
  }
  return lut;
}

}  // namespace

Status NormaliseLine(const cv::Mat& crop, cv::Mat* out) {
  return NormaliseLineVariant(crop, LineVariant(), out);
}

Status NormaliseLineVariant(const cv::Mat& crop, const LineVariant& variant, cv::Mat* out) {
  if (crop.empty() || crop.rows < 2 || crop.cols < 2 || crop.dims != 2) {
    return Status::InvalidInput("image", "line image is empty or too small");
  }
  cv::Mat gray = ToGray8(crop);
  if (variant.trim_y > 0.0) {
    const int cut = static_cast<int>(std::lround(gray.rows * variant.trim_y));
    if (cut > 0 && gray.rows - 2 * cut >= 8) gray = gray.rowRange(cut, gray.rows - cut);
  }
  cv::Mat stretched;
  cv::LUT(gray, StretchLut(gray), stretched);
  const long long h = gray.rows, w = gray.cols;
  long long nw = (w * kLineHeight + h / 2) / h;
  if (variant.scale_x != 1.0) nw = std::llround(static_cast<double>(nw) * variant.scale_x);
  nw = std::clamp<long long>(nw, 1, kMaxLineWidth);
  int interp = h > kLineHeight ? cv::INTER_AREA : cv::INTER_LINEAR;
  cv::resize(stretched, *out, cv::Size(static_cast<int>(nw), kLineHeight), 0, 0, interp);
  return Status::Ok();
}

cv::Mat LineBlob(const cv::Mat& normalised) {
  int w = std::max(normalised.cols, kMinWidth);
  w = (w + kWidthMultiple - 1) / kWidthMultiple * kWidthMultiple;
  const int dims[] = {1, 1, kLineHeight, w};
  cv::Mat blob(4, dims, CV_32F, cv::Scalar(0));
  float* data = blob.ptr<float>();
  for (int y = 0; y < kLineHeight; ++y) {
    const uchar* p = normalised.ptr<uchar>(y);
    float* row = data + static_cast<size_t>(y) * w;
    for (int x = 0; x < normalised.cols; ++x) row[x] = 1.0f - static_cast<float>(p[x]) / 255.0f;
  }
  return blob;
}

}  // namespace bpkb::text
