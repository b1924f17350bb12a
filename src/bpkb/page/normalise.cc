#include "bpkb/page/normalise.h"

#include <opencv2/imgproc.hpp>

namespace bpkb::page {

cv::Mat FlattenLight(const cv::Mat& bgr) {
  cv::Mat gray;
  if (bgr.channels() == 3) {
    cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
  } else {
    gray = bgr;
  }
  // Background: the page with ink removed (grey closing wipes out strokes thinner
  // than the kernel), estimated at quarter size for speed.
  cv::Mat small, bg;
  cv::resize(gray, small, cv::Size(), 0.25, 0.25, cv::INTER_AREA);
  cv::morphologyEx(small, bg, cv::MORPH_CLOSE,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(9, 9)));
  cv::GaussianBlur(bg, bg, cv::Size(0, 0), 4);
  cv::resize(bg, bg, gray.size(), 0, 0, cv::INTER_LINEAR);
  cv::Mat out;
  cv::divide(gray, bg, out, 255.0, CV_8U);
  return out;
}

}  // namespace bpkb::page
