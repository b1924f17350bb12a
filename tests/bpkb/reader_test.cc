// The reader end to end on pages drawn at test time (test_pages.h): page type,
// rotation, photos, EXIF, PDF page choice, wrong page, no page, limits.
#include "bpkb/reader.h"

#include <gtest/gtest.h>

#include "bpkb/test_pages.h"

namespace bpkb {
namespace {

using testing::Encode;
using testing::MockPage;
using testing::MockValues;

class ReaderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Status s = Reader::Open(ReaderConfig{}, &reader_);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  static void TearDownTestSuite() { reader_.reset(); }

  static Status Read(const std::string& bytes, PageKind expected, PageReading* out,
                     std::optional<int> pdf_page = std::nullopt) {
    ReadRequest req;
    req.bytes = bytes;
    req.expected = expected;
    req.pdf_page = pdf_page;
    return reader_->Read(req, out);
  }

  // Fields read exactly as printed.
  static int Exact(const PageReading& r, bool ik) {
    int n = 0;
    for (auto& [name, want] : MockValues(ik)) {
      auto it = r.fields.find(name);
      if (it != r.fields.end() && it->second.value == want) ++n;
    }
    return n;
  }

  static std::unique_ptr<Reader> reader_;
};

std::unique_ptr<Reader> ReaderTest::reader_;

TEST_F(ReaderTest, ReadsAnUprightIkScan) {
  PageReading r;
  Status s = Read(Encode(MockPage(true), ".png"), PageKind::kIk, &r);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(r.page_type, PageKind::kIk);
  EXPECT_GT(r.page_type_confidence, 0.5);
  EXPECT_EQ(r.rotation, 0);
  EXPECT_EQ(r.page_index, 1);
  EXPECT_EQ(r.fields.size(), 13u);
  EXPECT_EQ(r.fields["nomor_polisi"].value, "B 1413 KLT");
  EXPECT_EQ(r.fields["no_mesin"].value, "G4KDDH418906");
  EXPECT_GE(Exact(r, true), 9);
  for (auto& [name, f] : r.fields) {
    EXPECT_TRUE(f.found) << name;
    EXPECT_GT(f.box.x1, f.box.x0) << name;
  }
  EXPECT_GT(r.processing_ms, 0);
}

TEST_F(ReaderTest, ReadsAnIpScanWithAddressAndSerial) {
  PageReading r;
  Status s = Read(Encode(MockPage(false), ".png"), PageKind::kIp, &r);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(r.page_type, PageKind::kIp);
  EXPECT_EQ(r.fields["no_id"].value, "3171234509870001");
  EXPECT_TRUE(r.fields["tanggal_dikeluarkan"].found);
  EXPECT_EQ(r.fields["nomor_bpkb"].value, "I-01152258");
  EXPECT_GE(Exact(r, false), 4);
}

TEST_F(ReaderTest, DetectsThePageWhenNotTold) {
  PageReading r;
  ASSERT_TRUE(Read(Encode(MockPage(false), ".png"), PageKind::kUnknown, &r).ok());
  EXPECT_EQ(r.page_type, PageKind::kIp);
  EXPECT_TRUE(r.fields.count("nama_pemilik"));
}

TEST_F(ReaderTest, TurnsRotatedPagesUpright) {
  for (auto [turn, degrees] :
       {std::pair{cv::ROTATE_180, 180}, std::pair{cv::ROTATE_90_CLOCKWISE, 270},
        std::pair{cv::ROTATE_90_COUNTERCLOCKWISE, 90}}) {
    cv::Mat page;
    cv::rotate(MockPage(true), page, turn);
    PageReading r;
    Status s = Read(Encode(page, ".png"), PageKind::kIk, &r);
    ASSERT_TRUE(s.ok()) << s.ToString();
    EXPECT_EQ(r.rotation, degrees);
    EXPECT_EQ(r.fields["nomor_polisi"].value, "B 1413 KLT") << degrees;
    EXPECT_GE(Exact(r, true), 9) << degrees;
  }
}

TEST_F(ReaderTest, HonoursExifOrientation) {
  // The camera stored the page turned a quarter counter-clockwise and says so in EXIF.
  cv::Mat raw;
  cv::rotate(MockPage(true), raw, cv::ROTATE_90_COUNTERCLOCKWISE);
  std::string jpg = testing::WithExifOrientation(Encode(raw, ".jpg", 92), 6);
  PageReading r;
  Status s = Read(jpg, PageKind::kIk, &r);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(r.rotation, 90);
  EXPECT_EQ(r.fields["nomor_polisi"].value, "B 1413 KLT");
  // Boxes are in the stored (portrait) pixels: 1200 wide, 1700 high.
  const Box& b = r.fields["nomor_polisi"].box;
  EXPECT_LE(b.x1, 1200);
  EXPECT_LE(b.y1, 1700);
  EXPECT_GT(b.y0, 800);  // the plate, top of the upright page, is low in the stored one
}

TEST_F(ReaderTest, ReadsAPhoneLikePhoto) {
  PageReading r;
  Status s = Read(Encode(testing::MockPhoto(MockPage(true)), ".jpg", 88), PageKind::kIk, &r);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(r.page_type, PageKind::kIk);
  EXPECT_GE(Exact(r, true), 9);
  // The plate's box lies where the photo shows it: upper left part of the page.
  const Box& b = r.fields["nomor_polisi"].box;
  EXPECT_GT(b.x0, 700);
  EXPECT_LT(b.x1, 1700);
  EXPECT_GT(b.y0, 500);
  EXPECT_LT(b.y1, 1000);
}

TEST_F(ReaderTest, RefusesTheOtherPageWhenSure) {
  PageReading r;
  Status s = Read(Encode(MockPage(false), ".png"), PageKind::kIk, &r);
  EXPECT_EQ(s.code(), StatusCode::kWrongPage);
  EXPECT_NE(s.message().find("Identitas Pemilik"), std::string::npos) << s.message();
}

TEST_F(ReaderTest, RefusesAnImageWithoutABpkbPage) {
  cv::Mat img(900, 1200, CV_8UC3, cv::Scalar(230, 230, 230));
  cv::putText(img, "Invoice 2024 total 15000", {100, 300}, cv::FONT_HERSHEY_SIMPLEX, 1.5,
              cv::Scalar(0, 0, 0), 3);
  cv::circle(img, {800, 600}, 150, cv::Scalar(40, 90, 200), -1);
  PageReading r;
  Status s = Read(Encode(img, ".jpg"), PageKind::kIk, &r);
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(s.field(), "image");
  EXPECT_EQ(s.message(), "no BPKB page found");
}

TEST_F(ReaderTest, FindsTheRequestedPageInAPdf) {
  std::string pdf = testing::MakePdf({MockPage(false), MockPage(true)});
  PageReading r;
  Status s = Read(pdf, PageKind::kIk, &r);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(r.page_index, 2);
  EXPECT_EQ(r.page_type, PageKind::kIk);
  EXPECT_EQ(r.fields["nomor_polisi"].value, "B 1413 KLT");

  // `page` overrides the search; here it points at the owner page.
  s = Read(pdf, PageKind::kIk, &r, 1);
  EXPECT_EQ(s.code(), StatusCode::kWrongPage);
  s = Read(pdf, PageKind::kIk, &r, 3);
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(s.field(), "page");
}

TEST_F(ReaderTest, BadBytesGiveAReasonNotACrash) {
  PageReading r;
  Status s = Read("not an image", PageKind::kIk, &r);
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  std::string png = Encode(MockPage(true), ".png");
  s = Read(png.substr(0, png.size() / 2), PageKind::kIk, &r);
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
}

TEST_F(ReaderTest, RespectsTheTimeLimit) {
  ReadRequest req;
  std::string png = Encode(MockPage(true), ".png");
  req.bytes = png;
  req.expected = PageKind::kIk;
  req.limits.time_limit = std::chrono::milliseconds(1);
  PageReading r;
  EXPECT_EQ(reader_->Read(req, &r).code(), StatusCode::kTimeout);
}

}  // namespace
}  // namespace bpkb
