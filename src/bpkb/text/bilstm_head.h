// BiLstmHead: the recognizer's recurrent head (one bidirectional LSTM, then a
// Linear to the classes) computed in plain C++ from the weights OpenCV DNN loaded
// from the ONNX model. OpenCV 4.6 runs an LSTM step by step with small GEMMs, about
// 45% of a line's inference; here the input projection of all frames is one pass
// per direction and each step is a tight matrix-vector product.
//
// The model stays the single source of truth: FromNet() takes the weights from the
// net's own layers (gate order i, f, o, g as OpenCV's importer stores them) and
// refuses any other structure (no LSTM, two LSTMs, initial states, peepholes, extra
// layers after it), so the caller falls back to the full OpenCV forward. Not
// thread-safe: Run() uses scratch buffers (one instance per recognizer).
#pragma once

#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/dnn.hpp>

#include "bpkb/status.h"

namespace bpkb::text {

class BiLstmHead {
 public:
  // NotFound when the net does not end in exactly: LSTM (bidirectional, zero initial
  // state) -> reshapes/permutes/slices/concat -> InnerProduct [-> bias] -> output.
  static Status FromNet(cv::dnn::Net& net, BiLstmHead* out);

  // The layer whose output feeds the LSTM: forward the net up to it only.
  const std::string& input_layer() const { return input_layer_; }
  int classes() const { return classes_; }

  // `features`: the input layer's output, T x 1 x D (or T x D) float. Writes T rows of
  // classes() logits, as the full net's output would hold them.
  Status Run(const cv::Mat& features, std::vector<float>* logits);

 private:
  struct Direction {
    std::vector<float> wx_t;  // D x 4H: input weights, transposed (row = one input)
    std::vector<float> wh_t;  // H x 4H: recurrent weights, transposed
    std::vector<float> bias;  // 4H: input + recurrent biases
  };
  void RunDirection(const Direction& d, const float* x, int frames, bool reverse, float* y);

  std::string input_layer_;
  int inputs_ = 0, hidden_ = 0, classes_ = 0;
  Direction dir_[2];                           // forward, backward
  std::vector<float> out_w_t_;                 // 2H x classes: Linear weights, transposed
  std::vector<float> out_b_;                   // classes
  std::vector<float> gates_, h_, c_, states_;  // scratch
};

}  // namespace bpkb::text
