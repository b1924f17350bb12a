// LineRecognizer: our CTC line recognizer (issue 4) for one printed value line.
//
// Runs the committed ONNX model (models/) through OpenCV DNN. One instance per
// thread. Read() takes a loose crop of one text line (gray or BGR, any size) and
// returns its text; with a grammar it decodes with a beam search constrained by
// the field's pattern and lexicon (bpkb/fields/grammar.h), else greedily. A
// constrained reading with a confidence under 0.9 is read again in other views of
// the crop (scaled, trimmed) and the views vote on the text (view_vote.h);
// BPKB_RECOGNIZER_SECOND_READ=0 turns that off. A line whose best path holds no
// character reads as blank under any grammar.
// OpenCV runs the net up to its LSTM; the BiLSTM and the output Linear run in
// BiLstmHead (faster, same logits: checked at Open against the full net, which is
// used instead for another architecture or when BPKB_FULL_RECOGNIZER_NET is set).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "bpkb/fields/grammar.h"
#include "bpkb/status.h"

namespace bpkb::text {

struct LineReading {
  std::string text;                     // decoded text (uppercase)
  double confidence = 0.0;              // 0..1 for the whole line
  std::vector<float> char_confidences;  // one per character of `text`
  std::string greedy_text;              // unconstrained best path, for `raw`
};

class LineRecognizer {
 public:
  virtual ~LineRecognizer() = default;
  // `root` as in bpkb::ResolveRoot(); loads <root>/models/recognizer.onnx and its charset.
  static Status Open(const std::string& root, std::unique_ptr<LineRecognizer>* out);
  // `grammar` may be nullptr (unconstrained).
  virtual Status Read(const cv::Mat& line, const fields::FieldGrammar* grammar,
                      LineReading* out) = 0;
};

// Sees every line any LineRecognizer reads, after decoding: the crop as given, the
// field ("" without a grammar) and the reading. For building evaluation and
// training sets from the reader's own crops (`bpkb-ocr dump-lines`, a developer
// tool on synthetic corpora); never installed by the library or the service.
// Process-wide; calls are serialised; an empty function removes it.
using LineObserver =
    std::function<void(const cv::Mat& line, const std::string& field, const LineReading&)>;
void SetLineObserver(LineObserver observer);

}  // namespace bpkb::text
