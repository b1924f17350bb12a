#include "synth/degrade.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace bpkb::synth {

void GaussianBlur(cv::Mat& img, double sigma) {
  if (sigma < 0.2) return;
  cv::GaussianBlur(img, img, cv::Size(), sigma);
}

void MotionBlur(cv::Mat& img, double length, double angle_deg) {
  int k = std::max(3, static_cast<int>(length) | 1);
  cv::Mat kernel(k, k, CV_32F, cv::Scalar(0));
  double a = angle_deg * M_PI / 180;
  for (int i = 0; i < k * 4; ++i) {
    double t = (i / (k * 4.0) - 0.5) * (k - 1);
    int x = static_cast<int>(std::lround(k / 2 + t * std::cos(a)));
    int y = static_cast<int>(std::lround(k / 2 + t * std::sin(a)));
    kernel.at<float>(y, x) = 1;
  }
  kernel /= cv::sum(kernel)[0];
  cv::filter2D(img, img, -1, kernel);
}

void AddNoise(cv::Mat& img, double sd, Rng& rng) {
  if (sd <= 0) return;
  cv::Mat noise(img.size(), CV_MAKETYPE(CV_16S, img.channels()));
  cv::RNG cvrng(rng.Next());
  cvrng.fill(noise, cv::RNG::NORMAL, 0, sd);
  cv::Mat wide;
  img.convertTo(wide, CV_16S);
  wide += noise;
  wide.convertTo(img, img.type());
}

std::vector<uint8_t> EncodeJpeg(const cv::Mat& img, int quality) {
  std::vector<uint8_t> buf;
  cv::imencode(".jpg", img, buf, {cv::IMWRITE_JPEG_QUALITY, quality});
  return buf;
}

std::vector<uint8_t> EncodePng(const cv::Mat& img) {
  std::vector<uint8_t> buf;
  cv::imencode(".png", img, buf, {cv::IMWRITE_PNG_COMPRESSION, 3});
  return buf;
}

void JpegRoundTrip(cv::Mat& img, int quality) {
  auto buf = EncodeJpeg(img, quality);
  img = cv::imdecode(buf, img.channels() == 1 ? cv::IMREAD_GRAYSCALE : cv::IMREAD_COLOR);
}

void ResampleLow(cv::Mat& img, double factor) {
  if (factor >= 0.98) return;
  cv::Size orig = img.size();
  cv::Mat small;
  cv::resize(img, small, cv::Size(), factor, factor, cv::INTER_AREA);
  cv::resize(small, img, orig, 0, 0, cv::INTER_LINEAR);
}

void Photocopy(cv::Mat& img, double strength, Rng& rng) {
  cv::Mat gray;
  if (img.channels() == 3)
    cv::cvtColor(img, gray, cv::COLOR_BGR2GRAY);
  else
    gray = img;
  // Harder contrast: a steep curve around a random level, toward black and white.
  const double level = rng.Uniform(150, 215), slope = 1.5 + strength * 4;
  cv::Mat lut(1, 256, CV_8U);
  for (int i = 0; i < 256; ++i) {
    double v = 128 + (i - level) * slope + 60;
    lut.at<uint8_t>(i) = cv::saturate_cast<uint8_t>(v);
  }
  cv::LUT(gray, lut, gray);
  // Toner speckle.
  const int specks = static_cast<int>(gray.total() * 0.0004 * strength);
  for (int i = 0; i < specks; ++i) {
    cv::circle(gray, cv::Point(rng.Int(0, gray.cols - 1), rng.Int(0, gray.rows - 1)), rng.Int(0, 1),
               cv::Scalar(rng.Uniform(0, 90)), cv::FILLED);
  }
  GaussianBlur(gray, 0.5 + strength * 0.4);
  if (img.channels() == 3)
    cv::cvtColor(gray, img, cv::COLOR_GRAY2BGR);
  else
    img = gray;
}

void LightGradient(cv::Mat& img, double strength, Rng& rng) {
  // The gain field is smooth: compute it small and scale it up.
  const int gw = std::max(2, img.cols / 16), gh = std::max(2, img.rows / 16);
  const double a = rng.Uniform(0, 2 * M_PI);
  const double cx = rng.Uniform(0.2, 0.8), cy = rng.Uniform(0.2, 0.8);
  cv::Mat small(gh, gw, CV_32F);
  for (int y = 0; y < gh; ++y) {
    float* g = small.ptr<float>(y);
    for (int x = 0; x < gw; ++x) {
      const double u = (x + 0.5) / gw, v = (y + 0.5) / gh;
      const double lin = ((u - 0.5) * std::cos(a) + (v - 0.5) * std::sin(a)) * 0.7;
      const double vig = std::hypot(u - cx, v - cy) * 0.7;
      g[x] = static_cast<float>(1.0 - strength * (0.6 * (lin + 0.5) + 0.8 * vig * vig));
    }
  }
  cv::Mat gain;
  cv::resize(small, gain, img.size(), 0, 0, cv::INTER_LINEAR);
  ApplyGain(img, gain);
}

void ApplyGain(cv::Mat& img, const cv::Mat& gain) {
  cv::Mat g;
  if (img.channels() == 3)
    cv::cvtColor(gain, g, cv::COLOR_GRAY2BGR);
  else
    g = gain;
  cv::Mat f;
  img.convertTo(f, CV_32F);
  cv::multiply(f, g, f);
  f.convertTo(img, img.type());
}

void ScanTone(cv::Mat& img, double strength, Rng& rng) {
  GaussianBlur(img, 0.3 + strength * 0.6);
  img.convertTo(img, -1, 1.0 + rng.Uniform(-0.1, 0.15) * strength, rng.Uniform(-10, 10) * strength);
  AddNoise(img, 1.5 + strength * 3, rng);
}

void RandomLineDegradation(cv::Mat& img, double severity, Rng& rng) {
  if (rng.Chance(0.25 * severity)) Photocopy(img, rng.Uniform(0.2, 1.0), rng);
  if (rng.Chance(0.3)) LightGradient(img, rng.Uniform(0.05, 0.35) * severity, rng);
  if (rng.Chance(0.35 * severity)) ResampleLow(img, rng.Uniform(0.35, 0.8));
  if (rng.Chance(0.5)) GaussianBlur(img, rng.Uniform(0.3, 1.4) * severity);
  if (rng.Chance(0.1 * severity)) MotionBlur(img, rng.Uniform(2, 5), rng.Uniform(0, 180));
  if (rng.Chance(0.6)) AddNoise(img, rng.Uniform(1, 12) * severity, rng);
  if (rng.Chance(0.5)) JpegRoundTrip(img, rng.Int(35, 90));
  if (rng.Chance(0.06 * severity + 0.02)) {  // a capture app's black-and-white mode
    cv::Mat gray;
    if (img.channels() == 3)
      cv::cvtColor(img, gray, cv::COLOR_BGR2GRAY);
    else
      gray = img;
    const int block = (std::max(gray.rows / 2, 5) | 1);
    cv::adaptiveThreshold(gray, gray, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY, block,
                          rng.Uniform(5, 20));
    if (img.channels() == 3)
      cv::cvtColor(gray, img, cv::COLOR_GRAY2BGR);
    else
      img = gray;
  }
}

}  // namespace bpkb::synth
