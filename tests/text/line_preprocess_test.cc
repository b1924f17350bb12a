#include "bpkb/text/line_preprocess.h"

#include <gtest/gtest.h>

#include <string>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

namespace bpkb::text {
namespace {

const std::string kData = std::string(BPKB_DEFAULT_ROOT) + "/tests/text/data";

// The expected images were written by train/lineprep.py (what the model was
// trained on): the C++ pre-processing must give the same bytes.
void ExpectSameAsTraining(const std::string& name) {
  cv::Mat in = cv::imread(kData + "/" + name + ".png", cv::IMREAD_UNCHANGED);
  cv::Mat expected = cv::imread(kData + "/" + name + "_expected.png", cv::IMREAD_UNCHANGED);
  ASSERT_FALSE(in.empty());
  ASSERT_FALSE(expected.empty());
  cv::Mat got;
  ASSERT_TRUE(NormaliseLine(in, &got).ok());
  ASSERT_EQ(got.size(), expected.size());
  ASSERT_EQ(got.type(), CV_8U);
  EXPECT_EQ(cv::norm(got, expected, cv::NORM_INF), 0.0) << name;
}

TEST(LinePreprocess, ColourCropMatchesTraining) { ExpectSameAsTraining("prep_colour"); }
TEST(LinePreprocess, SmallCropMatchesTraining) { ExpectSameAsTraining("prep_small"); }

TEST(LinePreprocess, BlobIsInkMapPaddedToAMultipleOfEight) {
  cv::Mat line(kLineHeight, 50, CV_8U, cv::Scalar(255));
  line.at<uchar>(3, 7) = 0;
  cv::Mat blob = LineBlob(line);
  ASSERT_EQ(blob.dims, 4);
  EXPECT_EQ(blob.size[0], 1);
  EXPECT_EQ(blob.size[2], kLineHeight);
  EXPECT_EQ(blob.size[3], 56);
  const float* p = blob.ptr<float>();
  EXPECT_FLOAT_EQ(p[3 * 56 + 7], 1.0f);
  EXPECT_FLOAT_EQ(p[3 * 56 + 8], 0.0f);
  EXPECT_FLOAT_EQ(p[3 * 56 + 55], 0.0f);  // padding is background
  EXPECT_EQ(LineBlob(cv::Mat(kLineHeight, 3, CV_8U, cv::Scalar(0))).size[3], 32);
}

// The views of a second read: the default variant is the training pre-processing
// itself; the others scale the width and trim the height.
TEST(LinePreprocess, VariantsOfALine) {
  cv::Mat in = cv::imread(kData + "/prep_colour.png", cv::IMREAD_UNCHANGED);
  ASSERT_FALSE(in.empty());
  cv::Mat plain, same, wide, narrow, trimmed;
  ASSERT_TRUE(NormaliseLine(in, &plain).ok());
  ASSERT_TRUE(NormaliseLineVariant(in, LineVariant(), &same).ok());
  EXPECT_EQ(cv::norm(plain, same, cv::NORM_INF), 0.0);
  ASSERT_TRUE(NormaliseLineVariant(in, {0.0, 1.2}, &wide).ok());
  ASSERT_TRUE(NormaliseLineVariant(in, {0.0, 0.8}, &narrow).ok());
  EXPECT_EQ(wide.rows, kLineHeight);
  EXPECT_NEAR(wide.cols, plain.cols * 1.2, 1.0);
  EXPECT_NEAR(narrow.cols, plain.cols * 0.8, 1.0);
  // trimming 10% at top and bottom leaves 80% of the rows, scaled to the same
  // height: the line comes out wider
  ASSERT_TRUE(NormaliseLineVariant(in, {0.1, 1.0}, &trimmed).ok());
  EXPECT_EQ(trimmed.rows, kLineHeight);
  EXPECT_NEAR(trimmed.cols, plain.cols / 0.8, plain.cols * 0.05);
  // a crop too low to trim is left whole
  cv::Mat low(9, 60, CV_8U, cv::Scalar(255)), low_plain, low_trimmed;
  low.row(4).setTo(0);
  ASSERT_TRUE(NormaliseLine(low, &low_plain).ok());
  ASSERT_TRUE(NormaliseLineVariant(low, {0.2, 1.0}, &low_trimmed).ok());
  EXPECT_EQ(cv::norm(low_plain, low_trimmed, cv::NORM_INF), 0.0);
}

TEST(LinePreprocess, OddInputsAreHandled) {
  cv::Mat out;
  EXPECT_EQ(NormaliseLine(cv::Mat(), &out).code(), StatusCode::kInvalidInput);
  EXPECT_EQ(NormaliseLine(cv::Mat(1, 100, CV_8U, cv::Scalar(0)), &out).code(),
            StatusCode::kInvalidInput);
  // 16-bit, BGRA, flat and extreme aspect ratios all give a valid line
  ASSERT_TRUE(NormaliseLine(cv::Mat(40, 200, CV_16U, cv::Scalar(30000)), &out).ok());
  EXPECT_EQ(out.rows, kLineHeight);
  ASSERT_TRUE(NormaliseLine(cv::Mat(40, 200, CV_8UC4, cv::Scalar(10, 20, 30, 255)), &out).ok());
  ASSERT_TRUE(NormaliseLine(cv::Mat(2, 20000, CV_8U, cv::Scalar(128)), &out).ok());
  EXPECT_EQ(out.cols, kMaxLineWidth);
  ASSERT_TRUE(NormaliseLine(cv::Mat(3000, 2, CV_8U, cv::Scalar(128)), &out).ok());
  EXPECT_EQ(out.cols, 1);
}

}  // namespace
}  // namespace bpkb::text
