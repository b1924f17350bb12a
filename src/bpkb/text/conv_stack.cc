#include "bpkb/text/conv_stack.h"

#include <opencv2/dnn/all_layers.hpp>

#include <algorithm>
#include <cstring>
#include <set>

#include "bpkb/text/vector_clones.h"

namespace bpkb::text {

namespace {

// Layers that only move the last convolution's output around (channels x 1 x width
// into width x channels).
const std::set<std::string> kShapeLayers = {"Reshape", "Permute", "Flatten", "Identity"};

constexpr int kBlock = 16;  // output channels per register block: two vectors of 8
constexpr int kSpan = 6;    // output positions per register block: 12 accumulators

// Eight floats; GCC and Clang map it onto one AVX register, or two SSE ones.
typedef float Vec8 __attribute__((vector_size(32)));

// Output positions x0..x0+P of row y, channels c0..c0+16: each tap's input value is
// broadcast against 16 weights, and the 2P sums stay in registers over all taps.
template <int P>
__attribute__((always_inline)) inline void ConvolveBlock(const float* in, int in_w, int cin, int kh,
                                                         int kw, const float* w, const float* bias,
                                                         bool relu, int cout, float* out) {
  // vectors move through memcpy (one unaligned load or store each): no Vec8 crosses a
  // function boundary, whose ABI would differ between the two clones
  Vec8 acc[P][2], b0, b1;
  std::memcpy(&b0, bias, sizeof b0);
  std::memcpy(&b1, bias + 8, sizeof b1);
  for (int p = 0; p < P; ++p) acc[p][0] = b0, acc[p][1] = b1;
  for (int ky = 0; ky < kh; ++ky) {
    for (int kx = 0; kx < kw; ++kx) {
      const float* ip = in + (static_cast<size_t>(ky) * in_w + kx) * cin;
      for (int ci = 0; ci < cin; ++ci, w += kBlock) {
        Vec8 w0, w1;
        std::memcpy(&w0, w, sizeof w0);
        std::memcpy(&w1, w + 8, sizeof w1);
        for (int p = 0; p < P; ++p) {
          const float a = ip[static_cast<size_t>(p) * cin + ci];
          acc[p][0] += a * w0;
          acc[p][1] += a * w1;
        }
      }
    }
  }
  for (int p = 0; p < P; ++p) {
    if (relu) {
      acc[p][0] = acc[p][0] > Vec8{} ? acc[p][0] : Vec8{};
      acc[p][1] = acc[p][1] > Vec8{} ? acc[p][1] : Vec8{};
    }
    std::memcpy(out + static_cast<size_t>(p) * cout, &acc[p], sizeof acc[p]);
  }
}

// in: (out_h + kh - 1) x in_w x cin, padded; out: out_h x out_w x cout (HWC).
BPKB_VECTOR_CLONES
void Convolve(const float* in, int in_w, int cin, int kh, int kw, const float* weights,
              const float* bias, bool relu, int cout, int out_h, int out_w, float* out) {
  const size_t block_weights = static_cast<size_t>(kh) * kw * cin * kBlock;
  for (int y = 0; y < out_h; ++y) {
    for (int c0 = 0; c0 < cout; c0 += kBlock) {
      const float* w = weights + block_weights * (c0 / kBlock);
      for (int x0 = 0; x0 < out_w; x0 += kSpan) {
        const float* ip = in + (static_cast<size_t>(y) * in_w + x0) * cin;
        float* op = out + (static_cast<size_t>(y) * out_w + x0) * cout + c0;
        switch (std::min(kSpan, out_w - x0)) {
          case 6:
            ConvolveBlock<6>(ip, in_w, cin, kh, kw, w, bias + c0, relu, cout, op);
            break;
          case 5:
            ConvolveBlock<5>(ip, in_w, cin, kh, kw, w, bias + c0, relu, cout, op);
            break;
          case 4:
            ConvolveBlock<4>(ip, in_w, cin, kh, kw, w, bias + c0, relu, cout, op);
            break;
          case 3:
            ConvolveBlock<3>(ip, in_w, cin, kh, kw, w, bias + c0, relu, cout, op);
            break;
          case 2:
            ConvolveBlock<2>(ip, in_w, cin, kh, kw, w, bias + c0, relu, cout, op);
            break;
          default:
            ConvolveBlock<1>(ip, in_w, cin, kh, kw, w, bias + c0, relu, cout, op);
            break;
        }
      }
    }
  }
}

Status NotThisStructure(const std::string& why) {
  return Status::NotFound("recognizer net has no plain convolution stack: " + why);
}

bool AllEqual(const std::vector<size_t>& v, size_t value) {
  return std::all_of(v.begin(), v.end(), [value](size_t x) { return x == value; });
}

}  // namespace

Status ConvStack::Add(cv::dnn::Layer& layer, ConvStack* stack) {
  std::vector<Layer>& layers = stack->layers_;
  // after the shape layers, nothing but shape layers
  if (kShapeLayers.count(layer.type) != 0) {
    if (layers.empty()) return NotThisStructure("a shape layer before the convolutions");
    stack->shaped_ = true;
    return Status::Ok();
  }
  if (stack->shaped_) return NotThisStructure("a " + layer.type + " layer after a shape layer");

  if (layer.type == "Convolution") {
    auto* conv = dynamic_cast<cv::dnn::BaseConvolutionLayer*>(&layer);
    if (conv == nullptr || layer.blobs.empty() || layer.blobs.size() > 2)
      return NotThisStructure("unexpected convolution");
    const cv::Mat& w = layer.blobs[0];
    if (w.dims != 4 || w.type() != CV_32F || conv->kernel_size.size() != 2 ||
        !AllEqual(conv->strides, 1) || !AllEqual(conv->dilations, 1) || !conv->padMode.empty() ||
        conv->pads_begin != conv->pads_end || conv->pads_begin.size() != 2)
      return NotThisStructure("a convolution with strides, dilation or uneven padding");
    Layer l;
    l.cout = w.size[0];
    l.cin = w.size[1];
    l.kh = w.size[2];
    l.kw = w.size[3];
    l.ph = static_cast<int>(conv->pads_begin[0]);
    l.pw = static_cast<int>(conv->pads_begin[1]);
    const int cin_expected = layers.empty() ? 1 : layers.back().cout;
    if (l.cin != cin_expected || l.cout % kBlock != 0 ||
        l.kh != static_cast<int>(conv->kernel_size[0]) ||
        l.kw != static_cast<int>(conv->kernel_size[1]))
      return NotThisStructure("a convolution with groups or unexpected channels");
    // [cout][cin][kh][kw] -> [cout / 16][kh][kw][cin][16]
    cv::Mat wc = w.clone();
    const float* src = wc.ptr<float>();
    l.weights.resize(wc.total());
    for (int co = 0; co < l.cout; ++co)
      for (int ci = 0; ci < l.cin; ++ci)
        for (int ky = 0; ky < l.kh; ++ky)
          for (int kx = 0; kx < l.kw; ++kx) {
            const size_t to =
                ((((static_cast<size_t>(co / kBlock) * l.kh + ky) * l.kw + kx) * l.cin + ci) *
                 kBlock) +
                co % kBlock;
            l.weights[to] = src[((static_cast<size_t>(co) * l.cin + ci) * l.kh + ky) * l.kw + kx];
          }
    l.bias.assign(l.cout, 0.0f);
    if (layer.blobs.size() == 2) {
      cv::Mat b = layer.blobs[1].clone();
      if (b.type() != CV_32F || static_cast<int>(b.total()) != l.cout)
        return NotThisStructure("unexpected convolution bias");
      l.bias.assign(b.ptr<float>(), b.ptr<float>() + l.cout);
    }
    layers.push_back(std::move(l));
    return Status::Ok();
  }
  if (layers.empty()) return NotThisStructure("a " + layer.type + " layer before any convolution");
  Layer& last = layers.back();
  const bool pooled = last.pool_h != 1 || last.pool_w != 1;

  if (layer.type == "BatchNorm") {
    if (last.relu || pooled) return NotThisStructure("a batch norm after a ReLU or a pooling");
    cv::Mat scale, shift;
    layer.getScaleShift(scale, shift);
    if (scale.type() != CV_32F || static_cast<int>(scale.total()) != last.cout ||
        (!shift.empty() &&
         (shift.type() != CV_32F || static_cast<int>(shift.total()) != last.cout)))
      return NotThisStructure("unexpected batch norm");
    const size_t per_channel = static_cast<size_t>(last.kh) * last.kw * last.cin;
    for (int co = 0; co < last.cout; ++co) {
      const float s = scale.ptr<float>()[co];
      float* w = last.weights.data() + per_channel * kBlock * (co / kBlock) + co % kBlock;
      for (size_t k = 0; k < per_channel; ++k) w[k * kBlock] *= s;
      last.bias[co] = last.bias[co] * s + (shift.empty() ? 0.0f : shift.ptr<float>()[co]);
    }
    return Status::Ok();
  }
  if (layer.type == "ReLU") {
    auto* relu = dynamic_cast<cv::dnn::ReLULayer*>(&layer);
    if (relu == nullptr || relu->negativeSlope != 0.0f || last.relu || pooled)
      return NotThisStructure("a leaky or misplaced ReLU");
    last.relu = true;
    return Status::Ok();
  }
  if (layer.type == "Pooling") {
    auto* pool = dynamic_cast<cv::dnn::PoolingLayer*>(&layer);
    if (pool == nullptr || pool->type != 0 /* MAX */ || pool->globalPooling || pooled ||
        pool->kernel_size.size() != 2 || pool->kernel_size != pool->strides ||
        !AllEqual(pool->pads_begin, 0) || !AllEqual(pool->pads_end, 0) || !pool->padMode.empty())
      return NotThisStructure("a pooling other than max with kernel = stride");
    last.pool_h = static_cast<int>(pool->kernel_size[0]);
    last.pool_w = static_cast<int>(pool->kernel_size[1]);
    return Status::Ok();
  }
  return NotThisStructure("a " + layer.type + " layer");
}

Status ConvStack::FromNet(cv::dnn::Net& net, const std::string& output_layer, ConvStack* out) {
  ConvStack stack;
  try {
    bool reached = false;
    for (const std::string& name : net.getLayerNames()) {
      cv::Ptr<cv::dnn::Layer> layer = net.getLayer(net.getLayerId(name));
      Status s = Add(*layer, &stack);
      if (!s.ok()) return s;
      if (name == output_layer) {
        reached = true;
        break;
      }
    }
    if (!reached) return NotThisStructure("no layer " + output_layer);
  } catch (const cv::Exception&) {
    return NotThisStructure("cannot inspect the net");
  }
  if (stack.layers_.empty()) return NotThisStructure("no convolution");
  *out = std::move(stack);
  return Status::Ok();
}

Status ConvStack::Run(const cv::Mat& blob, cv::Mat* features) {
  if (blob.dims != 4 || blob.size[0] != 1 || blob.size[1] != 1 || blob.type() != CV_32F ||
      !blob.isContinuous())
    return Status::Internal("unexpected recognizer input");
  int h = blob.size[2], w = blob.size[3], c = 1;
  conv_.assign(blob.ptr<float>(), blob.ptr<float>() + blob.total());  // H x W x 1
  for (const Layer& l : layers_) {
    // the input, zero-padded
    const int in_h = h + 2 * l.ph, in_w = w + 2 * l.pw;
    const int out_h = in_h - l.kh + 1, out_w = in_w - l.kw + 1;
    if (out_h < l.pool_h || out_w < l.pool_w) return Status::Internal("recognizer input too small");
    padded_.assign(static_cast<size_t>(in_h) * in_w * c, 0.0f);
    for (int y = 0; y < h; ++y)
      std::copy_n(conv_.data() + static_cast<size_t>(y) * w * c, static_cast<size_t>(w) * c,
                  padded_.data() + (static_cast<size_t>(y + l.ph) * in_w + l.pw) * c);
    conv_.resize(static_cast<size_t>(out_h) * out_w * l.cout);
    Convolve(padded_.data(), in_w, c, l.kh, l.kw, l.weights.data(), l.bias.data(), l.relu, l.cout,
             out_h, out_w, conv_.data());
    h = out_h;
    w = out_w;
    c = l.cout;
    if (l.pool_h == 1 && l.pool_w == 1) continue;
    // max pooling, kernel = stride, in place (each output is written after its inputs)
    const int ph = h / l.pool_h, pw = w / l.pool_w;
    for (int y = 0; y < ph; ++y)
      for (int x = 0; x < pw; ++x) {
        float* o = conv_.data() + (static_cast<size_t>(y) * pw + x) * c;
        const float* first =
            conv_.data() + (static_cast<size_t>(y * l.pool_h) * w + x * l.pool_w) * c;
        std::copy_n(first, c, o);
        for (int dy = 0; dy < l.pool_h; ++dy)
          for (int dx = 0; dx < l.pool_w; ++dx) {
            const float* in = first + (static_cast<size_t>(dy) * w + dx) * c;
            for (int k = 0; k < c; ++k) o[k] = std::max(o[k], in[k]);
          }
      }
    h = ph;
    w = pw;
  }
  if (h != 1) return Status::Internal("recognizer features are not one row");
  *features = cv::Mat(w, c, CV_32F);
  std::copy_n(conv_.data(), static_cast<size_t>(w) * c, features->ptr<float>());
  return Status::Ok();
}

}  // namespace bpkb::text
