// Page finding (page::LocatePage) on drawn phone photos: the page is found by the
// inner edge of its border where the light is uneven (a hard shadow across the
// page, a strong gradient), with objects around it, and when it fills the frame.
// Checked against the homography that put the page into the photo.
#include "bpkb/page/locate.h"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "bpkb/page/normalise.h"
#include "test_pages.h"

namespace bpkb {
namespace {

// A photo of `page` on a dark surface, placed by `to_photo` (page pixel -> photo).
cv::Mat Photo(const cv::Mat& page, const cv::Mat& to_photo, cv::Size frame) {
  cv::Mat photo(frame, CV_8UC3, cv::Scalar(70, 85, 95));
  cv::warpPerspective(page, photo, to_photo, frame, cv::INTER_LINEAR, cv::BORDER_TRANSPARENT);
  return photo;
}

cv::Mat Tilted(cv::Size frame) {
  const std::vector<cv::Point2f> src = {{0, 0}, {1700, 0}, {1700, 1200}, {0, 1200}};
  const std::vector<cv::Point2f> dst = {{0.17f * frame.width, 0.21f * frame.height},
                                        {0.83f * frame.width, 0.17f * frame.height},
                                        {0.87f * frame.width, 0.84f * frame.height},
                                        {0.14f * frame.width, 0.78f * frame.height}};
  return cv::getPerspectiveTransform(src, dst);
}

// Multiplies the light by `gain` inside `poly`, with a sharp (sun-like) edge.
void Shadow(cv::Mat* photo, const std::vector<cv::Point>& poly, double gain) {
  cv::Mat g(photo->size(), CV_32F, cv::Scalar(1.0f));
  cv::fillConvexPoly(g, poly, cv::Scalar(gain));
  cv::GaussianBlur(g, g, cv::Size(), 3);
  cv::Mat f;
  photo->convertTo(f, CV_32FC3);
  cv::Mat g3;
  cv::merge(std::vector<cv::Mat>{g, g, g}, g3);
  cv::multiply(f, g3, f);
  f.convertTo(*photo, CV_8UC3);
}

cv::Point2d Apply(const cv::Matx33d& h, cv::Point2d p) {
  cv::Vec3d v = h * cv::Vec3d(p.x, p.y, 1);
  return {v[0] / v[2], v[1] / v[2]};
}

// Largest distance, in photo pixels, between where the located page and the true
// page put points spread over the page (the canonical raster spans the mock page).
double PlacementError(const page::LocatedPage& located, const cv::Mat& to_photo) {
  const cv::Matx33d truth(to_photo);
  double worst = 0;
  for (double fx : {0.1, 0.5, 0.9}) {
    for (double fy : {0.1, 0.5, 0.9}) {
      cv::Point2d c(fx * page::kCanonicalWidth, fy * page::kCanonicalHeight);
      cv::Point2d got = Apply(located.to_image, c);
      cv::Point2d want = Apply(truth, {fx * 1700, fy * 1200});
      worst = std::max(worst, cv::norm(got - want));
    }
  }
  return worst;
}

TEST(LocatePageTest, FindsATiltedPageInAPhoto) {
  const cv::Size frame(3000, 2250);
  const cv::Mat h = Tilted(frame);
  page::LocatedPage p = page::LocatePage(Photo(testing::MockPage(true), h, frame));
  EXPECT_TRUE(p.found_border);
  EXPECT_TRUE(p.inner_edge);
  EXPECT_EQ(p.bgr.cols, page::kCanonicalWidth);
  EXPECT_LT(PlacementError(p, h), 20.0);
  EXPECT_NEAR(p.coverage, 0.34, 0.05);  // the inside of the border
}

TEST(LocatePageTest, FindsThePageAcrossAHardShadow) {
  // A shadow whose sharp edge crosses the page and its border: the edge reads as
  // a dark band that cuts the inside of the border ring in two.
  const cv::Size frame(3000, 2250);
  const cv::Mat h = Tilted(frame);
  for (double gain : {0.35, 0.5}) {
    for (bool left : {true, false}) {
      cv::Mat photo = Photo(testing::MockPage(true), h, frame);
      std::vector<cv::Point> poly = {{0, 0}, {1500, 0}, {1100, 2250}, {0, 2250}};
      if (!left)
        for (cv::Point& q : poly) q.x = frame.width - q.x;
      Shadow(&photo, poly, gain);
      page::LocatedPage p = page::LocatePage(photo);
      EXPECT_TRUE(p.inner_edge) << gain << " " << left;
      EXPECT_LT(PlacementError(p, h), 20.0) << gain << " " << left;
    }
  }
}

TEST(LocatePageTest, FindsThePageInDeepShadowAndUnevenLight) {
  // Light falling from 100% to 25% across the frame, and the page's upper part
  // in a soft shadow: the border's contrast drops to a quarter on the dark side.
  const cv::Size frame(3000, 2250);
  const cv::Mat h = Tilted(frame);
  cv::Mat photo = Photo(testing::MockPage(false), h, frame);
  cv::Mat f;
  photo.convertTo(f, CV_32FC3);
  for (int x = 0; x < f.cols; ++x) f.col(x) *= 1.0 - 0.75 * x / f.cols;
  f.convertTo(photo, CV_8UC3);
  Shadow(&photo, {{0, 0}, {3000, 0}, {3000, 700}, {0, 900}}, 0.6);
  page::LocatedPage p = page::LocatePage(photo);
  EXPECT_TRUE(p.inner_edge);
  EXPECT_LT(PlacementError(p, h), 20.0);
}

TEST(LocatePageTest, FindsThePageWithGlareOnItsBorder) {
  // A lamp's reflection saturates a spot over the border: the ring of line work
  // is open there, on a striped table cloth that merges with the page's outside.
  const cv::Size frame(3000, 2250);
  const cv::Mat h = Tilted(frame);
  cv::Mat photo(frame, CV_8UC3, cv::Scalar(120, 60, 130));
  for (int y = 0; y < frame.height; y += 36)
    cv::rectangle(photo, {0, y}, {frame.width, y + 14}, cv::Scalar(70, 30, 80), cv::FILLED);
  cv::warpPerspective(testing::MockPage(true), photo, h, frame, cv::INTER_LINEAR,
                      cv::BORDER_TRANSPARENT);
  cv::Mat spot(frame, CV_32F, cv::Scalar(0));
  const cv::Point2d on_border = Apply(cv::Matx33d(h), {20, 700});
  cv::ellipse(spot, cv::Point(on_border), {200, 140}, 30, 0, 360, cv::Scalar(1.0), cv::FILLED);
  cv::GaussianBlur(spot, spot, cv::Size(), 25);
  cv::Mat f, s3;
  photo.convertTo(f, CV_32FC3);
  cv::merge(std::vector<cv::Mat>{spot, spot, spot}, s3);
  f += 330.0 * s3;
  f.convertTo(photo, CV_8UC3);
  page::LocatedPage p = page::LocatePage(photo);
  EXPECT_TRUE(p.inner_edge);
  EXPECT_LT(PlacementError(p, h), 20.0);
}

TEST(LocatePageTest, KeepsObjectsAroundThePageOut) {
  // A phone lying against the page and another printed sheet under its corner.
  const cv::Size frame(3000, 2250);
  const cv::Mat h = Tilted(frame);
  cv::Mat photo(frame, CV_8UC3, cv::Scalar(70, 85, 95));
  cv::rectangle(photo, {1700, 1500}, {2900, 2240}, cv::Scalar(235, 235, 232), cv::FILLED);
  for (int y = 1560; y < 2200; y += 40)
    cv::line(photo, {1750, y}, {2850, y}, cv::Scalar(40, 40, 40), 3);
  cv::warpPerspective(testing::MockPage(true), photo, h, frame, cv::INTER_LINEAR,
                      cv::BORDER_TRANSPARENT);
  cv::RotatedRect phone({300, 1200}, {330, 700}, 8);
  cv::Point2f c[4];
  phone.points(c);
  std::vector<cv::Point> poly(c, c + 4);
  cv::fillConvexPoly(photo, poly, cv::Scalar(25, 25, 30));
  page::LocatedPage p = page::LocatePage(photo);
  EXPECT_TRUE(p.inner_edge);
  EXPECT_LT(PlacementError(p, h), 20.0);
}

TEST(LocatePageTest, FindsAPageThatFillsTheFrame) {
  // Only a sliver of the surface shows; the page's outer margin is cut off.
  const cv::Size frame(1800, 1300);
  const std::vector<cv::Point2f> src = {{0, 0}, {1700, 0}, {1700, 1200}, {0, 1200}};
  const std::vector<cv::Point2f> dst = {{-10, 12}, {1790, -20}, {1810, 1290}, {4, 1310}};
  const cv::Mat h = cv::getPerspectiveTransform(src, dst);
  page::LocatedPage p = page::LocatePage(Photo(testing::MockPage(false), h, frame));
  EXPECT_TRUE(p.inner_edge);
  EXPECT_LT(PlacementError(p, h), 20.0);
  EXPECT_GT(p.coverage, 0.7);
}

TEST(LocatePageTest, FindsTheInnerEdgeOfAPhotocopyWithADarkBackgroundPattern) {
  // A photocopy's steep contrast darkens the page's security pattern into dense
  // grey lines all over the page, and adds toner specks; the copy is skewed on a
  // white bed, its corners cut off by the frame.
  cv::Mat page = testing::MockPage(false);
  cv::Mat pattern = page.clone();
  for (int x = -1200; x < 1700; x += 11)
    cv::line(pattern, {x, 0}, {x + 1200, 1200}, cv::Scalar(150, 150, 150), 2, cv::LINE_AA);
  cv::Mat paper_only;
  cv::inRange(page, cv::Scalar(200, 200, 200), cv::Scalar(255, 255, 255), paper_only);
  pattern.copyTo(page, paper_only);  // under the ink, not over it
  cv::RNG rng(7);
  for (int i = 0; i < 1500; ++i)
    cv::circle(page, {rng.uniform(0, 1700), rng.uniform(0, 1200)}, rng.uniform(1, 3),
               cv::Scalar::all(rng.uniform(0, 90)), cv::FILLED);
  const cv::Size frame(1740, 1230);
  const std::vector<cv::Point2f> src = {{0, 0}, {1700, 0}, {1700, 1200}, {0, 1200}};
  const std::vector<cv::Point2f> dst = {{24, -14}, {1754, 16}, {1722, 1240}, {-8, 1208}};
  const cv::Mat h = cv::getPerspectiveTransform(src, dst);
  cv::Mat copy(frame, CV_8UC3, cv::Scalar::all(245));
  cv::warpPerspective(page, copy, h, frame, cv::INTER_LINEAR, cv::BORDER_TRANSPARENT);
  cv::Mat gray;
  cv::cvtColor(copy, gray, cv::COLOR_BGR2GRAY);
  cv::cvtColor(gray, copy, cv::COLOR_GRAY2BGR);
  page::LocatedPage p = page::LocatePage(copy);
  EXPECT_TRUE(p.inner_edge);
  EXPECT_LT(PlacementError(p, h), 12.0);
}

TEST(LocatePageTest, TakesTheWholeImageWhenThereIsNoPage) {
  cv::Mat blank(900, 1200, CV_8UC3, cv::Scalar(200, 200, 200));
  page::LocatedPage p = page::LocatePage(blank);
  EXPECT_FALSE(p.found_border);
  EXPECT_DOUBLE_EQ(p.coverage, 1.0);
  EXPECT_EQ(p.bgr.cols, page::kCanonicalWidth);
  EXPECT_EQ(p.bgr.rows, page::kCanonicalHeight);
}

}  // namespace
}  // namespace bpkb
