// TesseractEngine: one stock Tesseract 5 instance (C++ API, Debian's tessdata),
// used to find the printed labels of a page and as the baseline line reader.
// Not thread-safe: one per Reader, used by one thread at a time.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "bpkb/status.h"

namespace tesseract {
class TessBaseAPI;
}

namespace bpkb::layout {

struct Word {
  std::string text;
  cv::Rect box;
  float confidence = 0;  // 0..100
  int line = 0;          // words with the same id share a text line
};

class TesseractEngine {
 public:
  ~TesseractEngine();
  // Looks for eng.traineddata in <root>/tessdata, then Debian's tessdata folders.
  static Status Open(const std::string& root, std::unique_ptr<TesseractEngine>* out);
  // Every word of an 8-bit gray page, with boxes in its pixels.
  Status PageWords(const cv::Mat& gray, std::vector<Word>* out);
  // One text line (page segmentation mode 7); confidence 0..1.
  Status ReadLine(const cv::Mat& gray, std::string* text, double* confidence);

 private:
  TesseractEngine() = default;
  std::unique_ptr<tesseract::TessBaseAPI> api_;
};

}  // namespace bpkb::layout
