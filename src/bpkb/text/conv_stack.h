// ConvStack: the recognizer's convolution layers (convolution, batch norm, ReLU, max
// pooling) computed in plain C++ from the weights OpenCV DNN loaded from the ONNX
// model. OpenCV 4.6 spends ~3 ms of a 320-px line's ~4 ms there, at about half the
// speed one core can multiply and add: each convolution here keeps a block of
// output positions x 16 channels in vector registers over all its taps, with the
// batch norm folded into the weights and the ReLU and pooling applied on the way out.
//
// Like BiLstmHead, the model stays the single source of truth: FromNet() takes the
// weights from the net's own layers and refuses any structure it does not know
// (strides, dilation, groups, other layers), so the caller falls back to OpenCV's
// forward. Not thread-safe: Run() uses scratch buffers (one instance per recognizer).
#pragma once

#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/dnn.hpp>

#include "bpkb/status.h"

namespace bpkb::text {

class ConvStack {
 public:
  // NotFound when the layers from the net's input up to `output_layer` are not only
  // convolutions (stride 1, any padding) each with an optional batch norm and ReLU,
  // max poolings (no padding) and, at the end, shape layers that turn channels x 1 x
  // width into width x channels (as the recognizer's features are laid out).
  static Status FromNet(cv::dnn::Net& net, const std::string& output_layer, ConvStack* out);

  // `blob`: 1 x 1 x H x W float, the net's input. Writes frames x channels floats (the
  // rows of the last layer, whose height must be 1), as `output_layer` holds them.
  Status Run(const cv::Mat& blob, cv::Mat* features);

  int channels() const { return layers_.empty() ? 0 : layers_.back().cout; }

 private:
  struct Layer {
    int cin = 0, cout = 0, kh = 0, kw = 0, ph = 0, pw = 0;
    std::vector<float> weights;  // [cout / 16][kh][kw][cin][16], batch norm folded in
    std::vector<float> bias;     // cout
    bool relu = false;
    int pool_h = 1, pool_w = 1;  // max pooling after it (kernel = stride)
  };
  static Status Add(cv::dnn::Layer& layer, ConvStack* stack);

  std::vector<Layer> layers_;
  bool shaped_ = false;               // FromNet: past the last convolution, in the shape layers
  std::vector<float> padded_, conv_;  // scratch: a layer's padded input, its output
};

}  // namespace bpkb::text
