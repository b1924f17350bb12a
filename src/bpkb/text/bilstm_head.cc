#include "bpkb/text/bilstm_head.h"

#include <opencv2/dnn/all_layers.hpp>

#include <algorithm>
#include <cmath>
#include <set>

namespace bpkb::text {

namespace {

// Layers that only move the LSTM's output around between it and the Linear.
const std::set<std::string> kShapeLayers = {"Reshape", "Permute", "Slice",
                                            "Concat",  "Flatten", "Identity"};

bool AllZero(const cv::Mat& m) { return cv::countNonZero(m.reshape(1, 1)) == 0; }

// rows x cols (row-major) -> cols x rows, as floats.
std::vector<float> Transposed(const float* m, int rows, int cols) {
  std::vector<float> t(static_cast<size_t>(rows) * cols);
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c)
      t[static_cast<size_t>(c) * rows + r] = m[static_cast<size_t>(r) * cols + c];
  return t;
}

inline float Sigmoid(float x) { return 1.0f / (1.0f + std::exp(-x)); }
// tanh through one exp (glibc's tanhf is several times slower); exact to ~1e-7
inline float Tanh(float x) { return 2.0f / (1.0f + std::exp(-2.0f * x)) - 1.0f; }

// g[0..n) += a * w[0..n): the one kernel of the head (the compiler vectorises it)
inline void Axpy(float a, const float* __restrict w, float* __restrict g, int n) {
  for (int j = 0; j < n; ++j) g[j] += a * w[j];
}

Status NotThisStructure(const std::string& why) {
  return Status::NotFound("recognizer net has no plain BiLSTM head: " + why);
}

}  // namespace

Status BiLstmHead::FromNet(cv::dnn::Net& net, BiLstmHead* out) {
  try {
    const std::vector<std::string> names = net.getLayerNames();
    int lstm = -1;
    for (const std::string& name : names) {
      const int id = net.getLayerId(name);
      if (net.getLayer(id)->type != "LSTM") continue;
      if (lstm != -1) return NotThisStructure("more than one LSTM");
      lstm = id;
    }
    if (lstm == -1) return NotThisStructure("no LSTM");
    cv::Ptr<cv::dnn::Layer> layer = net.getLayer(lstm);
    // OpenCV's importer: Wh (dirs*4H x H), Wx (dirs*4H x D), summed biases, h0, c0
    if (layer->blobs.size() != 5) return NotThisStructure("LSTM with peepholes or no states");
    const cv::Mat &wh = layer->blobs[0], &wx = layer->blobs[1], &b = layer->blobs[2];
    if (wh.dims != 2 || wx.dims != 2 || wh.type() != CV_32F || wx.type() != CV_32F ||
        b.type() != CV_32F)
      return NotThisStructure("unexpected LSTM weights");
    const int hidden = wh.cols, inputs = wx.cols;
    if (hidden < 1 || inputs < 1 || wh.rows != 8 * hidden || wx.rows != 8 * hidden ||
        static_cast<int>(b.total()) != 8 * hidden)
      return NotThisStructure("LSTM is not bidirectional");
    if (!AllZero(layer->blobs[3]) || !AllZero(layer->blobs[4]))
      return NotThisStructure("LSTM with initial states");
    std::vector<cv::Ptr<cv::dnn::Layer>> feeds = net.getLayerInputs(lstm);
    if (feeds.size() != 1) return NotThisStructure("LSTM with several inputs");

    // after it: shape layers, one InnerProduct, optionally its bias as a Scale
    cv::Mat fc_w, fc_b;
    for (const std::string& name : names) {
      const int id = net.getLayerId(name);
      if (id <= lstm) continue;
      cv::Ptr<cv::dnn::Layer> l = net.getLayer(id);
      if (kShapeLayers.count(l->type) != 0) continue;
      if (l->type == "InnerProduct" && fc_w.empty() && !l->blobs.empty() && l->blobs.size() <= 2) {
        fc_w = l->blobs[0];
        if (l->blobs.size() == 2) fc_b = l->blobs[1];
        continue;
      }
      auto* scale = dynamic_cast<cv::dnn::ScaleLayer*>(l.get());
      if (scale != nullptr && !fc_w.empty() && fc_b.empty() && scale->hasBias &&
          l->blobs.size() == 1) {
        fc_b = l->blobs[0];
        continue;
      }
      return NotThisStructure("a " + l->type + " layer after the LSTM");
    }
    if (fc_w.empty() || fc_w.dims != 2 || fc_w.cols != 2 * hidden || fc_w.type() != CV_32F)
      return NotThisStructure("no Linear on the LSTM's output");
    const int classes = fc_w.rows;
    if (!fc_b.empty() && (static_cast<int>(fc_b.total()) != classes || fc_b.type() != CV_32F))
      return NotThisStructure("unexpected Linear bias");

    BiLstmHead head;
    head.input_layer_ = feeds[0]->name;
    head.inputs_ = inputs;
    head.hidden_ = hidden;
    head.classes_ = classes;
    const int g = 4 * hidden;
    cv::Mat wxc = wx.clone(), whc = wh.clone(), bc = b.clone().reshape(1, 1);
    for (int d = 0; d < 2; ++d) {
      Direction& dir = head.dir_[d];
      dir.wx_t = Transposed(wxc.ptr<float>(d * g), g, inputs);
      dir.wh_t = Transposed(whc.ptr<float>(d * g), g, hidden);
      const float* bd = bc.ptr<float>() + static_cast<size_t>(d) * g;
      dir.bias.assign(bd, bd + g);
    }
    cv::Mat fcw = fc_w.clone();
    head.out_w_t_ = Transposed(fcw.ptr<float>(), classes, 2 * hidden);
    head.out_b_.assign(classes, 0.0f);
    if (!fc_b.empty()) {
      cv::Mat fb = fc_b.clone();
      head.out_b_.assign(fb.ptr<float>(), fb.ptr<float>() + classes);
    }
    *out = std::move(head);
  } catch (const cv::Exception&) {
    return NotThisStructure("cannot inspect the net");
  }
  return Status::Ok();
}

void BiLstmHead::RunDirection(const Direction& d, const float* x, int frames, bool reverse,
                              float* y) {
  const int h = hidden_, g = 4 * hidden_;
  // input projection of every frame at once (ReLU features: many zeros to skip)
  gates_.resize(static_cast<size_t>(frames) * g);
  for (int t = 0; t < frames; ++t) {
    float* gt = gates_.data() + static_cast<size_t>(t) * g;
    std::copy(d.bias.begin(), d.bias.end(), gt);
    const float* xt = x + static_cast<size_t>(t) * inputs_;
    for (int k = 0; k < inputs_; ++k)
      if (xt[k] != 0.0f) Axpy(xt[k], d.wx_t.data() + static_cast<size_t>(k) * g, gt, g);
  }
  h_.assign(h, 0.0f);
  c_.assign(h, 0.0f);
  for (int s = 0; s < frames; ++s) {
    const int t = reverse ? frames - 1 - s : s;
    float* gt = gates_.data() + static_cast<size_t>(t) * g;
    for (int k = 0; k < h; ++k)
      if (h_[k] != 0.0f) Axpy(h_[k], d.wh_t.data() + static_cast<size_t>(k) * g, gt, g);
    float* yt = y + static_cast<size_t>(t) * 2 * h;
    for (int j = 0; j < h; ++j) {
      const float in = Sigmoid(gt[j]), forget = Sigmoid(gt[h + j]), out = Sigmoid(gt[2 * h + j]);
      c_[j] = forget * c_[j] + in * Tanh(gt[3 * h + j]);
      h_[j] = out * Tanh(c_[j]);
      yt[j] = h_[j];
    }
  }
}

Status BiLstmHead::Run(const cv::Mat& features, std::vector<float>* logits) {
  if (features.empty() || features.type() != CV_32F || !features.isContinuous() ||
      features.total() % static_cast<size_t>(inputs_) != 0)
    return Status::Internal("unexpected recognizer features");
  const int frames = static_cast<int>(features.total() / inputs_);
  if ((features.dims >= 2 ? features.size[0] : 1) != frames)
    return Status::Internal("unexpected recognizer features");
  const int h2 = 2 * hidden_;
  states_.resize(static_cast<size_t>(frames) * h2);
  const float* x = features.ptr<float>();
  RunDirection(dir_[0], x, frames, false, states_.data());
  RunDirection(dir_[1], x, frames, true, states_.data() + hidden_);
  logits->resize(static_cast<size_t>(frames) * classes_);
  for (int t = 0; t < frames; ++t) {
    float* lt = logits->data() + static_cast<size_t>(t) * classes_;
    std::copy(out_b_.begin(), out_b_.end(), lt);
    const float* yt = states_.data() + static_cast<size_t>(t) * h2;
    for (int k = 0; k < h2; ++k)
      Axpy(yt[k], out_w_t_.data() + static_cast<size_t>(k) * classes_, lt, classes_);
  }
  return Status::Ok();
}

}  // namespace bpkb::text
