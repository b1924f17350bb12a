// Degradations of an image: the building blocks of the capture conditions (scan,
// photocopy, photo, low resolution) and of line mode's augmentations. Each takes a
// strength or draws its own from the Rng; all keep the image's size and type
// (CV_8UC3 or CV_8U) unless their name says otherwise.
#pragma once

#include <opencv2/core.hpp>
#include <vector>

#include "synth/rng.h"

namespace bpkb::synth {

void GaussianBlur(cv::Mat& img, double sigma);
void MotionBlur(cv::Mat& img, double length, double angle_deg);
void AddNoise(cv::Mat& img, double sd, Rng& rng);
void JpegRoundTrip(cv::Mat& img, int quality);
// Down to `factor` (< 1) of the size and back up: the blur of a low-dpi capture.
void ResampleLow(cv::Mat& img, double factor);
// Black-and-white copy: grey, harder contrast, darker line work, speckle.
void Photocopy(cv::Mat& img, double strength, Rng& rng);
// Uneven light: a linear gradient and a soft vignette.
void LightGradient(cv::Mat& img, double strength, Rng& rng);
// Multiplies every pixel by a CV_32F gain of the same size (light, shadow).
void ApplyGain(cv::Mat& img, const cv::Mat& gain);
// Scanner look: slight blur, mild noise, a little tone curve.
void ScanTone(cv::Mat& img, double strength, Rng& rng);
// A small random selection of the above with random strengths (line mode).
void RandomLineDegradation(cv::Mat& img, double severity, Rng& rng);

std::vector<uint8_t> EncodeJpeg(const cv::Mat& img, int quality);
std::vector<uint8_t> EncodePng(const cv::Mat& img);

}  // namespace bpkb::synth
