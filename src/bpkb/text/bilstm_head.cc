#include "bpkb/text/bilstm_head.h"

#include <opencv2/dnn/all_layers.hpp>

#include <algorithm>
#include <cmath>
#include <set>

#include "bpkb/text/vector_clones.h"

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

// g[j0..j0+B) += sum over k of a[k] * w_t[k * n + j]: B sums kept in registers
// over all k (the compiler vectorises the fixed-size loops), zero inputs skipped.
template <int B>
inline void AddMatVecBlock(const float* __restrict a, int count, const float* __restrict w_t, int n,
                           int j0, float* __restrict g) {
  float acc[B];
  for (int j = 0; j < B; ++j) acc[j] = g[j0 + j];
  for (int k = 0; k < count; ++k) {
    const float ak = a[k];
    if (ak == 0.0f) continue;
    const float* w = w_t + static_cast<size_t>(k) * n + j0;
    for (int j = 0; j < B; ++j) acc[j] += ak * w[j];
  }
  for (int j = 0; j < B; ++j) g[j0 + j] = acc[j];
}

// g[0..n) += a[0..count) * w_t (count x n, row-major): the one kernel of the head.
inline void AddMatVec(const float* a, int count, const float* w_t, int n, float* g) {
  int j = 0;
  for (; j + 64 <= n; j += 64) AddMatVecBlock<64>(a, count, w_t, n, j, g);
  for (; j + 32 <= n; j += 32) AddMatVecBlock<32>(a, count, w_t, n, j, g);
  for (; j + 8 <= n; j += 8) AddMatVecBlock<8>(a, count, w_t, n, j, g);
  for (; j < n; ++j) AddMatVecBlock<1>(a, count, w_t, n, j, g);
}

// One direction of the LSTM over `frames` inputs x (frames x inputs); h and c start
// at zero (hidden each); gates is scratch (frames x 4*hidden); writes h of frame t
// to y + t * 2 * hidden. Gate order i, f, o, g.
BPKB_VECTOR_CLONES
void LstmDirection(const float* wx_t, const float* wh_t, const float* bias, int inputs, int hidden,
                   const float* x, int frames, bool reverse, float* gates, float* h, float* c,
                   float* y) {
  const int g = 4 * hidden;
  // input projection of every frame at once
  for (int t = 0; t < frames; ++t) {
    float* gt = gates + static_cast<size_t>(t) * g;
    std::copy(bias, bias + g, gt);
    AddMatVec(x + static_cast<size_t>(t) * inputs, inputs, wx_t, g, gt);
  }
  for (int s = 0; s < frames; ++s) {
    const int t = reverse ? frames - 1 - s : s;
    float* gt = gates + static_cast<size_t>(t) * g;
    AddMatVec(h, hidden, wh_t, g, gt);
    float* yt = y + static_cast<size_t>(t) * 2 * hidden;
    for (int j = 0; j < hidden; ++j) {
      const float in = Sigmoid(gt[j]), forget = Sigmoid(gt[hidden + j]),
                  out = Sigmoid(gt[2 * hidden + j]);
      c[j] = forget * c[j] + in * Tanh(gt[3 * hidden + j]);
      h[j] = out * Tanh(c[j]);
      yt[j] = h[j];
    }
  }
}

// logits (frames x classes) = states (frames x inputs) * w_t (inputs x classes) + bias
BPKB_VECTOR_CLONES
void Linear(const float* states, int frames, int inputs, const float* w_t, const float* bias,
            int classes, float* logits) {
  for (int t = 0; t < frames; ++t) {
    float* __restrict lt = logits + static_cast<size_t>(t) * classes;
    std::copy(bias, bias + classes, lt);
    // few classes (not a multiple of the vector width): one row of w_t at a time
    const float* yt = states + static_cast<size_t>(t) * inputs;
    for (int k = 0; k < inputs; ++k) {
      const float* __restrict w = w_t + static_cast<size_t>(k) * classes;
      for (int j = 0; j < classes; ++j) lt[j] += yt[k] * w[j];
    }
  }
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
  gates_.resize(static_cast<size_t>(frames) * 4 * hidden_);
  h_.assign(hidden_, 0.0f);
  c_.assign(hidden_, 0.0f);
  LstmDirection(d.wx_t.data(), d.wh_t.data(), d.bias.data(), inputs_, hidden_, x, frames, reverse,
                gates_.data(), h_.data(), c_.data(), y);
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
  Linear(states_.data(), frames, h2, out_w_t_.data(), out_b_.data(), classes_, logits->data());
  return Status::Ok();
}

}  // namespace bpkb::text
