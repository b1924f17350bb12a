#include "bpkb/value_reader.h"

#include <algorithm>
#include <cstdlib>

#include <opencv2/imgproc.hpp>

#include "bpkb/fields/grammar.h"
#include "bpkb/layout/tesseract_engine.h"
#include "bpkb/text/line_recognizer.h"

namespace bpkb {
namespace {

class TesseractValueReader : public ValueReader {
 public:
  explicit TesseractValueReader(layout::TesseractEngine* engine) : engine_(engine) {}
  const char* name() const override { return "tesseract"; }

  Status Read(const cv::Mat& gray, const std::string&, bool, LineText* out) override {
    // Tesseract reads best with capitals ~30-40 px high and a white margin.
    cv::Mat line = gray;
    double scale = 56.0 / std::max(1, gray.rows);
    if (scale > 1.2 || scale < 0.6) {
      cv::resize(gray, line, cv::Size(), scale, scale,
                 scale > 1 ? cv::INTER_CUBIC : cv::INTER_AREA);
    }
    cv::Mat padded;
    cv::copyMakeBorder(line, padded, 10, 10, 10, 10, cv::BORDER_CONSTANT, cv::Scalar(255));
    std::string text;
    double conf = 0;
    if (Status s = engine_->ReadLine(padded, &text, &conf); !s.ok()) return s;
    out->raw = text;
    out->text = text;
    out->confidence = conf;
    return Status::Ok();
  }

 private:
  layout::TesseractEngine* engine_;
};

class RecognizerValueReader : public ValueReader {
 public:
  explicit RecognizerValueReader(std::unique_ptr<text::LineRecognizer> rec)
      : rec_(std::move(rec)) {}
  const char* name() const override { return "recognizer"; }

  Status Read(const cv::Mat& gray, const std::string& field, bool one_of_lines,
              LineText* out) override {
    text::LineReading r;
    const fields::FieldGrammar* grammar =
        one_of_lines ? fields::LineGrammarFor(field) : fields::GrammarFor(field);
    if (Status s = rec_->Read(gray, grammar, &r); !s.ok()) return s;
    out->text = r.text;
    out->raw = r.greedy_text;
    out->confidence = r.confidence;
    out->char_confidences = std::move(r.char_confidences);
    return Status::Ok();
  }

 private:
  std::unique_ptr<text::LineRecognizer> rec_;
};

}  // namespace

std::unique_ptr<ValueReader> MakeTesseractValueReader(layout::TesseractEngine* tesseract) {
  return std::make_unique<TesseractValueReader>(tesseract);
}

std::unique_ptr<ValueReader> MakeValueReader(const std::string& root,
                                             layout::TesseractEngine* tesseract) {
  // BPKB_VALUE_READER=tesseract measures the baseline with the same pipeline.
  const char* choice = std::getenv("BPKB_VALUE_READER");
  if (choice == nullptr || std::string(choice) != "tesseract") {
    std::unique_ptr<text::LineRecognizer> rec;
    if (text::LineRecognizer::Open(root, &rec).ok()) {
      return std::make_unique<RecognizerValueReader>(std::move(rec));
    }
  }
  return MakeTesseractValueReader(tesseract);
}

}  // namespace bpkb
