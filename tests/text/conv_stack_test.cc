#include "bpkb/text/conv_stack.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <opencv2/dnn.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "bpkb/text/bilstm_head.h"
#include "bpkb/text/line_preprocess.h"
#include "model_fixtures.h"

namespace bpkb::text {
namespace {

using testing::CommittedNet;
using testing::ForEachLineBlob;

// The layer the recognizer's own LSTM head reads: where the convolutions end.
std::string FeatureLayer(cv::dnn::Net& net) {
  BiLstmHead head;
  return BiLstmHead::FromNet(net, &head).ok() ? head.input_layer() : std::string();
}

// The stack must give OpenCV's features (a wrong weight layout, padding or pooling is
// off by whole units, not by rounding): real line crops of the fixtures, each at its
// own width and squeezed or stretched to others, widths that leave partial register
// blocks at every layer among them.
TEST(ConvStack, GivesTheNetsFeaturesOnRealLinesAtSeveralWidths) {
  cv::dnn::Net net = CommittedNet();
  ASSERT_FALSE(net.empty());
  const std::string features = FeatureLayer(net);
  ASSERT_FALSE(features.empty());
  ConvStack stack;
  Status s = ConvStack::FromNet(net, features, &stack);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(stack.channels(), 128);
  float worst = 0.0f;
  const int compared =
      ForEachLineBlob({0, 24, 120, 320, 712}, [&](const std::string& line, const cv::Mat& blob) {
        net.setInput(blob);
        const cv::Mat expected = net.forward(features);
        cv::Mat own;
        ASSERT_TRUE(stack.Run(blob, &own).ok()) << line;
        ASSERT_EQ(own.total(), expected.total()) << line;
        ASSERT_EQ(own.rows, expected.size[0]) << line;
        const float* e = expected.ptr<float>();
        const float* o = own.ptr<float>();
        for (size_t k = 0; k < own.total(); ++k) worst = std::max(worst, std::abs(o[k] - e[k]));
      });
  EXPECT_EQ(compared, 80);
  EXPECT_LE(worst, 1e-4f);
  RecordProperty("max_abs_diff", std::to_string(worst));
}

TEST(ConvStack, RefusesLayersItDoesNotCompute) {
  // a net that starts with a ReLU, and one whose convolution strides
  cv::dnn::Net relu_first;
  cv::dnn::LayerParams relu;
  relu_first.addLayerToPrev("relu", "ReLU", relu);
  ConvStack stack;
  EXPECT_EQ(ConvStack::FromNet(relu_first, "relu", &stack).code(), StatusCode::kNotFound);

  cv::dnn::Net strided;
  cv::dnn::LayerParams conv;
  conv.set("kernel_size", 3);
  conv.set("stride", 2);
  conv.set("num_output", 16);
  conv.set("bias_term", false);
  const int shape[] = {16, 1, 3, 3};
  conv.blobs.push_back(cv::Mat(4, shape, CV_32F, cv::Scalar(0.1)));
  strided.addLayerToPrev("conv", "Convolution", conv);
  EXPECT_EQ(ConvStack::FromNet(strided, "conv", &stack).code(), StatusCode::kNotFound);

  // a layer name that is not in the net
  cv::dnn::Net net = CommittedNet();
  EXPECT_EQ(ConvStack::FromNet(net, "no such layer", &stack).code(), StatusCode::kNotFound);
}

TEST(ConvStack, AnInputOfTheWrongShapeIsAnErrorNotACrash) {
  cv::dnn::Net net = CommittedNet();
  ConvStack stack;
  ASSERT_TRUE(ConvStack::FromNet(net, FeatureLayer(net), &stack).ok());
  cv::Mat features;
  EXPECT_EQ(stack.Run(cv::Mat(), &features).code(), StatusCode::kInternal);
  EXPECT_EQ(stack.Run(cv::Mat(32, 64, CV_32F, cv::Scalar(0)), &features).code(),
            StatusCode::kInternal);
  const int narrow[] = {1, 1, 32, 2};  // pooled to nothing
  EXPECT_EQ(stack.Run(cv::Mat(4, narrow, CV_32F, cv::Scalar(0)), &features).code(),
            StatusCode::kInternal);
  const int tall[] = {1, 1, 64, 16};  // more than one row of features
  EXPECT_EQ(stack.Run(cv::Mat(4, tall, CV_32F, cv::Scalar(0)), &features).code(),
            StatusCode::kInternal);
  const int fine[] = {1, 1, 32, 16};
  ASSERT_TRUE(stack.Run(cv::Mat(4, fine, CV_32F, cv::Scalar(0.5)), &features).ok());
  EXPECT_EQ(features.rows, 4);
  EXPECT_EQ(features.cols, 128);
}

}  // namespace
}  // namespace bpkb::text
