#include "bpkb/page/quality.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace bpkb::page {

Quality MeasureQuality(const cv::Mat& gray, double source_scale) {
  Quality q;
  // Measured at half size: cheaper, and closer to what the recognizer sees.
  cv::Mat half, lap;
  cv::resize(gray, half, cv::Size(), 0.5, 0.5, cv::INTER_AREA);
  cv::Laplacian(half, lap, CV_32F, 3);
  cv::Scalar mean, stddev;
  cv::meanStdDev(lap, mean, stddev);
  double variance = stddev[0] * stddev[0];
  // A sharp scan gives a variance in the thousands; a blurred photo under 100.
  q.blur = std::clamp(std::log10(std::max(variance, 1.0)) / 3.0, 0.0, 1.0);

  double m = cv::mean(half)[0];
  // Paper should be light: best around 200, poor below 90 or at saturation.
  q.brightness = std::clamp(m < 200 ? (m - 60) / 140.0 : (255 - m) / 55.0, 0.0, 1.0);

  cv::Mat saturated = half >= 250;
  double glare_fraction = cv::countNonZero(saturated) / static_cast<double>(half.total());
  q.glare = std::clamp(1.0 - glare_fraction * 10.0, 0.0, 1.0);

  q.resolution = std::clamp(source_scale / 0.7, 0.0, 1.0);

  if (q.blur < 0.6) q.flags.push_back("BLURRY");
  if (m < 100) q.flags.push_back("DARK");
  if (m > 245) q.flags.push_back("OVEREXPOSED");
  if (q.glare < 0.7) q.flags.push_back("GLARE");
  if (q.resolution < 0.6) q.flags.push_back("LOW_RESOLUTION");
  return q;
}

}  // namespace bpkb::page
