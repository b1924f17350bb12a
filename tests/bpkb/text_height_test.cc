// LabelCapHeight on labels drawn at test time: the capital height comes from
// the labels' ink, whatever the word boxes said, and survives leader dots, a
// rule under the labels and a blurred low-resolution print.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "bpkb/layout/text_height.h"
#include "label_fixture.h"

namespace bpkb::layout {
namespace {

using testing::Label;

constexpr double kScale = 1.0;
constexpr int kThickness = 2;

// Box as Tesseract gives it: from the ascenders to the descenders.
cv::Rect Draw(cv::Mat* page, const std::string& text, int x, int y) {
  cv::putText(*page, text, cv::Point(x, y), cv::FONT_HERSHEY_SIMPLEX, kScale, cv::Scalar(30),
              kThickness, cv::LINE_AA);
  int base = 0;
  cv::Size s = cv::getTextSize(text, cv::FONT_HERSHEY_SIMPLEX, kScale, kThickness, &base);
  return cv::Rect(x, y - s.height - 1, s.width, s.height + base + 2);
}

// The capital height of the drawn type, measured on a lone "H".
int DrawnCapHeight() {
  cv::Mat m(100, 100, CV_8UC1, cv::Scalar(255));
  cv::putText(m, "H", cv::Point(20, 70), cv::FONT_HERSHEY_SIMPLEX, kScale, cv::Scalar(30),
              kThickness, cv::LINE_AA);
  cv::Mat ink = m < 128;
  return cv::boundingRect(ink).height;
}

const char* const kLabels[] = {"Nomor Registrasi", "Merk", "Tipe", "Jenis", "Model",
                               "Tahun Pembuatan"};

cv::Mat Page(std::vector<LabelMatch>* labels, bool leaders) {
  cv::Mat page(900, 1200, CV_8UC1, cv::Scalar(250));
  int y = 80;
  for (const char* text : kLabels) {
    cv::Rect box = Draw(&page, text, 60, y);
    labels->push_back(Label(text, box));
    if (leaders) {
      for (int x = box.br().x + 10; x < 700; x += 8)
        cv::circle(page, {x, y}, 1, cv::Scalar(60), -1);
      cv::line(page, {40, y + 14}, {1100, y + 14}, cv::Scalar(90), 1);
    }
    y += 60;
  }
  // A title in a larger type: not a field label, so not measured.
  cv::putText(page, "BUKU PEMILIK", cv::Point(400, 840), cv::FONT_HERSHEY_SIMPLEX, 2.5,
              cv::Scalar(30), 5, cv::LINE_AA);
  LabelMatch title = Label("", cv::Rect(400, 780, 500, 70));
  title.subtitle = true;
  labels->push_back(title);
  return page;
}

TEST(LabelCapHeight, MeasuresTheCapitalsOfTheLabelsNotTheWordBoxes) {
  std::vector<LabelMatch> labels;
  cv::Mat page = Page(&labels, false);
  const int cap = DrawnCapHeight();
  // The word boxes (with descenders) would say more; the ink says the capitals.
  EXPECT_NEAR(LabelCapHeight(page, labels, cap * 1.35), cap, 1.0);
  EXPECT_NEAR(LabelCapHeight(page, labels, cap * 0.8), cap, 1.0);
}

TEST(LabelCapHeight, IgnoresLeaderDotsAndRules) {
  std::vector<LabelMatch> labels;
  cv::Mat page = Page(&labels, true);
  EXPECT_NEAR(LabelCapHeight(page, labels, 30), DrawnCapHeight(), 1.0);
}

TEST(LabelCapHeight, SurvivesABlurredLowResolutionPrint) {
  std::vector<LabelMatch> labels;
  cv::Mat page = Page(&labels, true);
  cv::Mat small, blurred;
  cv::resize(page, small, {}, 0.4, 0.4, cv::INTER_AREA);
  cv::resize(small, blurred, page.size(), 0, 0, cv::INTER_LINEAR);
  cv::GaussianBlur(blurred, blurred, {5, 5}, 1.5);
  EXPECT_NEAR(LabelCapHeight(blurred, labels, 36), DrawnCapHeight(), 2.5);
}

TEST(LabelCapHeight, FallsBackWhenTooFewLabelsOrNoInk) {
  std::vector<LabelMatch> labels;
  cv::Mat page = Page(&labels, false);
  std::vector<LabelMatch> two(labels.begin(), labels.begin() + 2);
  EXPECT_EQ(LabelCapHeight(page, two, 27), 27);
  cv::Mat blank(page.size(), CV_8UC1, cv::Scalar(250));
  EXPECT_EQ(LabelCapHeight(blank, labels, 27), 27);
  EXPECT_EQ(LabelCapHeight(cv::Mat(), labels, 27), 27);
  // Ink far from the words' figure measured something else: keep the words'.
  EXPECT_EQ(LabelCapHeight(page, labels, 80), 80);
}

TEST(PageTextHeight, KeepsTheWordsFigureUnlessTheInkShowsItSwollen) {
  std::vector<LabelMatch> labels;
  cv::Mat page = Page(&labels, true);
  const int cap = DrawnCapHeight();
  // Close to the capitals: the words' figure, on which the layout is tuned.
  EXPECT_EQ(PageTextHeight(page, labels, cap + 2), cap + 2);
  // Swollen (a blurred page's word boxes): the capitals'.
  EXPECT_NEAR(PageTextHeight(page, labels, cap * 1.4), cap, 1.0);
  // No labels to measure: the words' figure whatever it is.
  EXPECT_EQ(PageTextHeight(page, {}, cap * 1.4), cap * 1.4);
}

TEST(PageTextHeight, OwnerPageCapitalsOnTheWordsScale) {
  std::vector<LabelMatch> labels;
  cv::Mat page = Page(&labels, true);
  for (LabelMatch& m : labels) m.kind = PageKind::kIp;
  const int cap = DrawnCapHeight();
  // The owner page's words run ~1.25 capitals: that is not swollen there.
  EXPECT_EQ(PageTextHeight(page, labels, cap * 1.25), cap * 1.25);
  EXPECT_NEAR(PageTextHeight(page, labels, cap * 1.49), cap * 1.25, 1.3);
}

}  // namespace
}  // namespace bpkb::layout
