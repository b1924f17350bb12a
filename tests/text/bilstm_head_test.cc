#include "bpkb/text/bilstm_head.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <opencv2/dnn.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "bpkb/text/line_preprocess.h"
#include "model_fixtures.h"

namespace bpkb::text {
namespace {

using testing::CommittedNet;
using testing::ForEachLineBlob;

// The head must give the full OpenCV net's logits (a wrong gate order or direction
// is off by whole units, not by rounding): real line crops of the fixtures, each at
// its own width and squeezed or stretched to several others.
TEST(BiLstmHead, GivesTheFullNetsLogitsOnRealLinesAtSeveralWidths) {
  cv::dnn::Net net = CommittedNet();
  ASSERT_FALSE(net.empty());
  BiLstmHead head;
  Status s = BiLstmHead::FromNet(net, &head);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(head.classes(), 55);
  const std::vector<std::string> outputs = net.getUnconnectedOutLayersNames();
  ASSERT_EQ(outputs.size(), 1u);
  float worst = 0.0f;
  const int compared =
      ForEachLineBlob({0, 32, 120, 320, 700}, [&](const std::string& line, const cv::Mat& blob) {
        std::vector<cv::Mat> outs;
        net.setInput(blob);
        net.forward(outs, std::vector<std::string>{head.input_layer(), outputs[0]});
        ASSERT_EQ(outs.size(), 2u);
        std::vector<float> logits;
        ASSERT_TRUE(head.Run(outs[0], &logits).ok());
        ASSERT_EQ(logits.size(), outs[1].total()) << line;
        const float* full = outs[1].ptr<float>();
        for (size_t k = 0; k < logits.size(); ++k)
          worst = std::max(worst, std::abs(logits[k] - full[k]));
      });
  EXPECT_EQ(compared, 80);
  EXPECT_LE(worst, 1e-3f);
  RecordProperty("max_abs_diff", std::to_string(worst));
}

TEST(BiLstmHead, RefusesANetWithoutAnLstm) {
  // a convolution-only head (as the `conv` model config exports) keeps the full net
  cv::dnn::Net net;
  cv::dnn::LayerParams relu;
  net.addLayerToPrev("relu", "ReLU", relu);
  BiLstmHead head;
  EXPECT_EQ(BiLstmHead::FromNet(net, &head).code(), StatusCode::kNotFound);
}

TEST(BiLstmHead, FeaturesOfTheWrongSizeAreAnErrorNotACrash) {
  cv::dnn::Net net = CommittedNet();
  BiLstmHead head;
  ASSERT_TRUE(BiLstmHead::FromNet(net, &head).ok());
  std::vector<float> logits;
  EXPECT_EQ(head.Run(cv::Mat(), &logits).code(), StatusCode::kInternal);
  EXPECT_EQ(head.Run(cv::Mat(5, 7, CV_32F, cv::Scalar(1)), &logits).code(), StatusCode::kInternal);
  EXPECT_EQ(head.Run(cv::Mat(5, 128, CV_8U, cv::Scalar(1)), &logits).code(), StatusCode::kInternal);
  ASSERT_TRUE(head.Run(cv::Mat(5, 128, CV_32F, cv::Scalar(0.5)), &logits).ok());
  EXPECT_EQ(logits.size(), 5u * 55u);
}

}  // namespace
}  // namespace bpkb::text
