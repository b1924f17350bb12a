// ValueReader: reads one value line (a loose crop of the flattened page) for a
// field. Two implementations behind one interface so that the pipeline does not
// care which engine reads: our line recognizer (the product, issue 4), and stock
// Tesseract (psm 7), the baseline and the fallback while no model is installed.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "bpkb/status.h"

namespace bpkb {

namespace layout {
class TesseractEngine;
}

struct LineText {
  std::string text;       // best reading (grammar-constrained when the engine can)
  std::string raw;        // unconstrained reading
  double confidence = 0;  // 0..1
  // One per character of `text` (the recognizer's; empty from Tesseract).
  std::vector<float> char_confidences;
};

class ValueReader {
 public:
  virtual ~ValueReader() = default;
  // `one_of_lines`: the line is one of a value printed over several lines
  // (fields::LineGrammarFor), not the whole value.
  virtual Status Read(const cv::Mat& gray_line, const std::string& field, bool one_of_lines,
                      LineText* out) = 0;
  virtual const char* name() const = 0;
};

// Our recognizer when <root>/models/recognizer.onnx loads, else Tesseract
// (`tesseract` must outlive the reader). `*engine` says which was chosen.
std::unique_ptr<ValueReader> MakeValueReader(const std::string& root,
                                             layout::TesseractEngine* tesseract);

// The baseline only.
std::unique_ptr<ValueReader> MakeTesseractValueReader(layout::TesseractEngine* tesseract);

}  // namespace bpkb
