// The label scan (layout::ScanLabels): Tesseract on the label columns finds the
// labels of both pages as the whole-page read does, and says nothing clear on a
// page without them, so that the reader falls back to the whole page there.
// Also: the reader reports where its time went (PageReading::stages).
#include <set>

#include <gtest/gtest.h>

#include "bpkb/layout/labels.h"
#include "bpkb/page/locate.h"
#include "bpkb/page/normalise.h"
#include "bpkb/paths.h"
#include "bpkb/reader.h"
#include "test_pages.h"

namespace bpkb {
namespace {

class LabelScanTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Status s = layout::TesseractEngine::Open(ResolveRoot(""), &engine_);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  static void TearDownTestSuite() { engine_.reset(); }

  static cv::Mat Flat(const cv::Mat& bgr) {
    page::LocatedPage located = page::LocatePage(bgr);
    return page::FlattenLight(located.bgr);
  }

  static std::set<std::string> Fields(const layout::LabelScan& scan) {
    std::set<std::string> out;
    for (const layout::LabelMatch& m : scan.labels) {
      if (!m.field.empty() && !m.subtitle) out.insert(m.field);
    }
    return out;
  }

  static std::unique_ptr<layout::TesseractEngine> engine_;
};

std::unique_ptr<layout::TesseractEngine> LabelScanTest::engine_;

TEST_F(LabelScanTest, ColumnsFindTheLabelsOfBothColumnsOfTheVehiclePage) {
  cv::Mat flat = Flat(testing::MockPage(true));
  layout::LabelScan columns, whole;
  ASSERT_TRUE(layout::ScanLabels(engine_.get(), flat, layout::LabelScope::kColumns, &columns).ok());
  ASSERT_TRUE(layout::ScanLabels(engine_.get(), flat, layout::LabelScope::kWholePage, &whole).ok());
  EXPECT_EQ(columns.evidence.kind, PageKind::kIk);
  EXPECT_TRUE(columns.evidence.sure);
  EXPECT_TRUE(layout::ClearRead(columns.evidence));
  std::set<std::string> got = Fields(columns), want = Fields(whole);
  ASSERT_GE(want.size(), 10u);
  // The right column (labels 8-13) is read too.
  EXPECT_TRUE(got.count("no_mesin") && got.count("jumlah_roda")) << got.size();
  for (const std::string& f : want) EXPECT_TRUE(got.count(f)) << f;
  // Values were left out: far fewer words than the whole page.
  EXPECT_LT(columns.words.size(), whole.words.size());
}

TEST_F(LabelScanTest, ColumnsFindTheOwnerPageFromItsOneColumn) {
  cv::Mat flat = Flat(testing::MockPage(false));
  layout::LabelScan columns;
  ASSERT_TRUE(layout::ScanLabels(engine_.get(), flat, layout::LabelScope::kColumns, &columns).ok());
  EXPECT_EQ(columns.evidence.kind, PageKind::kIp);
  EXPECT_TRUE(columns.evidence.sure);
  std::set<std::string> got = Fields(columns);
  for (const char* f : {"nama_pemilik", "pekerjaan", "alamat", "lokasi_dikeluarkan"}) {
    EXPECT_TRUE(got.count(f)) << f;
  }
  // Label boxes are in page pixels, left of the values.
  for (const layout::LabelMatch& m : columns.labels) {
    if (!m.field.empty()) {
      EXPECT_LT(m.box.x, flat.cols / 3) << m.field;
    }
  }
}

TEST_F(LabelScanTest, UpsideDownPageGivesNoClearRead) {
  cv::Mat turned;
  cv::rotate(testing::MockPage(false), turned, cv::ROTATE_180);
  cv::Mat flat = Flat(turned);
  layout::LabelScan columns;
  ASSERT_TRUE(layout::ScanLabels(engine_.get(), flat, layout::LabelScope::kColumns, &columns).ok());
  EXPECT_FALSE(layout::ClearRead(columns.evidence));
}

TEST_F(LabelScanTest, PageWithoutLabelsGivesNoClearRead) {
  cv::Mat page(1200, 1700, CV_8UC3, cv::Scalar(235, 235, 235));
  for (int i = 0; i < 10; ++i) {
    testing::Put(page, "Invoice line " + std::to_string(i) + " amount due 120.000", 120,
                 200 + 80 * i, 1.0, 2);
  }
  layout::LabelScan columns;
  ASSERT_TRUE(
      layout::ScanLabels(engine_.get(), Flat(page), layout::LabelScope::kColumns, &columns).ok());
  EXPECT_FALSE(layout::ClearRead(columns.evidence));
  EXPECT_FALSE(columns.evidence.sure);
}

TEST_F(LabelScanTest, RefusesAnImageThatIsNotGray) {
  layout::LabelScan scan;
  cv::Mat bgr(100, 100, CV_8UC3, cv::Scalar(255, 255, 255));
  EXPECT_FALSE(layout::ScanLabels(engine_.get(), bgr, layout::LabelScope::kColumns, &scan).ok());
  EXPECT_FALSE(
      layout::ScanLabels(engine_.get(), cv::Mat(), layout::LabelScope::kWholePage, &scan).ok());
}

TEST(ReaderStages, ReadingSaysWhereTheTimeWent) {
  std::unique_ptr<Reader> reader;
  ASSERT_TRUE(Reader::Open(ReaderConfig{}, &reader).ok());
  std::string jpeg = testing::Encode(testing::MockPage(true), ".jpg");
  ReadRequest req;
  req.bytes = jpeg;
  req.expected = PageKind::kIk;
  PageReading r;
  ASSERT_TRUE(reader->Read(req, &r).ok());
  std::set<std::string> names;
  double wall = 0;
  for (const StageTime& s : r.stages) {
    names.insert(s.stage);
    EXPECT_GE(s.wall_ms, 0) << s.stage;
    EXPECT_GE(s.cpu_ms, 0) << s.stage;
    wall += s.wall_ms;
  }
  for (const char* s : {"decode", "locate", "flatten", "labels", "regions", "values"}) {
    EXPECT_TRUE(names.count(s)) << s;
  }
  // An upright, clear page needs no whole-page read.
  EXPECT_FALSE(names.count("labels_page"));
  EXPECT_LE(wall, r.processing_ms + 1);
  // A second read starts its own account.
  PageReading again;
  ASSERT_TRUE(reader->Read(req, &again).ok());
  EXPECT_EQ(again.stages.size(), r.stages.size());
}

}  // namespace
}  // namespace bpkb
