// The decoder refuses every kind of bad input with a clear reason, and honours
// EXIF orientation and PDF pages.
#include "bpkb/decode/document.h"

#include <gtest/gtest.h>

#include "bpkb/decode/image_header.h"
#include "bpkb/test_pages.h"

namespace bpkb::decode {
namespace {

using bpkb::testing::Encode;

Status OpenBytes(const std::string& bytes, std::unique_ptr<Document>* doc,
                 ReadLimits limits = ReadLimits()) {
  return Document::Open(bytes, limits, doc);
}

cv::Mat Gradient(int w, int h) {
  cv::Mat m(h, w, CV_8UC3);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) m.at<cv::Vec3b>(y, x) = cv::Vec3b(x % 256, y % 256, 128);
  }
  return m;
}

TEST(Decode, RefusesEmptyAndNonImageBytes) {
  std::unique_ptr<Document> doc;
  Status s = OpenBytes("", &doc);
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(s.field(), "image");
  s = OpenBytes("hello, this is plain text and not an image at all", &doc);
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(s.message(), "content is not JPEG, PNG or PDF");
  s = OpenBytes(std::string("GIF89a") + std::string(100, '\0'), &doc);
  EXPECT_EQ(s.message(), "content is not JPEG, PNG or PDF");
}

TEST(Decode, RefusesFilesOverTheByteLimit) {
  std::unique_ptr<Document> doc;
  ReadLimits limits;
  limits.max_bytes = 1000;
  std::string png = Encode(Gradient(200, 200), ".png");
  ASSERT_GT(png.size(), 1000u);
  Status s = OpenBytes(png, &doc, limits);
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_NE(s.message().find("limit"), std::string::npos);
}

TEST(Decode, ReadsJpegAndPng) {
  for (const char* ext : {".jpg", ".png"}) {
    std::unique_ptr<Document> doc;
    ASSERT_TRUE(OpenBytes(Encode(Gradient(320, 200), ext), &doc).ok()) << ext;
    EXPECT_EQ(doc->page_count(), 1);
    PageImage page;
    ASSERT_TRUE(doc->Render(1, 0, &page).ok());
    EXPECT_EQ(page.bgr.cols, 320);
    EXPECT_EQ(page.bgr.rows, 200);
    EXPECT_EQ(page.bgr.type(), CV_8UC3);
  }
}

TEST(Decode, RefusesTruncatedImages) {
  for (const char* ext : {".jpg", ".png"}) {
    std::string bytes = Encode(Gradient(400, 300), ext);
    for (size_t keep : {bytes.size() / 2, bytes.size() - 3, size_t{30}, size_t{10}}) {
      std::unique_ptr<Document> doc;
      Status s = OpenBytes(bytes.substr(0, keep), &doc);
      EXPECT_EQ(s.code(), StatusCode::kInvalidInput) << ext << " " << keep;
      EXPECT_EQ(s.field(), "image");
    }
  }
}

TEST(Decode, RefusesCorruptImageData) {
  std::string png = Encode(Gradient(400, 300), ".png");
  // Scramble the compressed data but keep every chunk's frame.
  for (size_t i = 60; i < png.size() - 20; i += 7) png[i] = static_cast<char>(png[i] ^ 0x5A);
  std::unique_ptr<Document> doc;
  Status s = OpenBytes(png, &doc);
  if (s.ok()) {
    PageImage page;
    s = doc->Render(1, 0, &page);
  }
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
}

TEST(Decode, RefusesPixelBombsFromTheHeader) {
  // A PNG whose header claims 100000 x 100000 pixels: refused before decoding.
  std::string png = Encode(Gradient(64, 64), ".png");
  auto put32 = [&](size_t at, uint32_t v) {
    for (int k = 0; k < 4; ++k) png[at + k] = static_cast<char>((v >> (24 - 8 * k)) & 0xFF);
  };
  put32(16, 100000);
  put32(20, 100000);
  std::unique_ptr<Document> doc;
  Status s = OpenBytes(png, &doc);
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_NE(s.message().find("MP"), std::string::npos) << s.message();

  // The same for a JPEG's SOF marker.
  std::string jpg = Encode(Gradient(64, 64), ".jpg");
  size_t sof = jpg.find("\xFF\xC0");
  ASSERT_NE(sof, std::string::npos);
  jpg[sof + 5] = jpg[sof + 7] = static_cast<char>(0xFF);
  jpg[sof + 6] = jpg[sof + 8] = static_cast<char>(0xF0);
  ReadLimits limits;
  limits.max_pixels = 1'000'000;
  s = OpenBytes(jpg, &doc, limits);
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
}

TEST(Decode, ExifOrientationIsAppliedAndMappedBack) {
  cv::Mat img = Gradient(300, 200);
  cv::rectangle(img, {0, 0}, {20, 20}, cv::Scalar(0, 0, 255), -1);  // red mark top-left
  std::string jpg = Encode(img, ".jpg", 95);
  EXPECT_EQ(JpegExifOrientation(jpg), 1);
  for (bool le : {false, true}) {
    std::string rotated = testing::WithExifOrientation(jpg, 6, le);
    EXPECT_EQ(JpegExifOrientation(rotated), 6);
    std::unique_ptr<Document> doc;
    ASSERT_TRUE(OpenBytes(rotated, &doc).ok());
    PageImage page;
    ASSERT_TRUE(doc->Render(1, 0, &page).ok());
    // Orientation 6: shown turned 90 degrees clockwise, so 200 wide, 300 high,
    // with the raw top-left corner now at the top-right.
    EXPECT_EQ(page.bgr.cols, 200);
    EXPECT_EQ(page.bgr.rows, 300);
    cv::Vec3b top_right = page.bgr.at<cv::Vec3b>(5, 194);
    EXPECT_GT(top_right[2], 200);
    EXPECT_LT(top_right[0], 60);
    // A point of the shown image maps back to the raw pixel grid.
    cv::Vec2d p = page.to_submitted * cv::Vec3d(194, 5, 1);
    EXPECT_NEAR(p[0], 5, 1.0);
    EXPECT_NEAR(p[1], 6, 1.0);
    EXPECT_EQ(page.exif_orientation, 6);
  }
}

TEST(Decode, LargeJpegIsDecodedReducedWithExactMapping) {
  std::string jpg = Encode(Gradient(2400, 1600), ".jpg");
  std::unique_ptr<Document> doc;
  ASSERT_TRUE(OpenBytes(jpg, &doc).ok());
  PageImage page;
  ASSERT_TRUE(doc->Render(1, 1000, &page).ok());
  EXPECT_LE(std::max(page.bgr.cols, page.bgr.rows), 1000);
  cv::Vec2d p = page.to_submitted * cv::Vec3d(page.bgr.cols, page.bgr.rows, 1);
  EXPECT_NEAR(p[0], 2400, 1);
  EXPECT_NEAR(p[1], 1600, 1);
}

TEST(Decode, RefusesCorruptPdf) {
  std::unique_ptr<Document> doc;
  Status s = OpenBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage garbage\n", &doc);
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(s.field(), "image");
  std::string pdf = testing::MakePdf({Gradient(170, 120)});
  s = OpenBytes(pdf.substr(0, pdf.size() / 3), &doc);
  if (s.ok()) {
    PageImage page;
    s = doc->Render(1, 0, &page);
  }
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
}

TEST(Decode, RefusesEncryptedPdf) {
  // A standard security handler whose user password is not empty: it cannot be
  // opened without the password (hand-written, since no encrypting tool is installed).
  std::string pdf =
      "%PDF-1.4\n"
      "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
      "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
      "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >> endobj\n"
      "4 0 obj << /Filter /Standard /V 1 /R 2 /P -44 "
      "/O <" +
      std::string(64, 'A') + "> /U <" + std::string(64, 'B') +
      "> >> endobj\n"
      "trailer << /Root 1 0 R /Size 5 /Encrypt 4 0 R /ID [<00112233445566778899AABBCCDDEEFF> "
      "<00112233445566778899AABBCCDDEEFF>] >>\n%%EOF\n";
  std::unique_ptr<Document> doc;
  Status s = OpenBytes(pdf, &doc);
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_NE(s.message().find("encrypted"), std::string::npos) << s.message();
}

TEST(Decode, RefusesPdfWithTooManyPages) {
  std::vector<cv::Mat> pages(4, Gradient(170, 120));
  std::string pdf = testing::MakePdf(pages);
  ReadLimits limits;
  limits.max_pdf_pages = 3;
  std::unique_ptr<Document> doc;
  Status s = OpenBytes(pdf, &doc, limits);
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_NE(s.message().find("limit is 3"), std::string::npos) << s.message();
  limits.max_pdf_pages = 4;
  ASSERT_TRUE(OpenBytes(pdf, &doc, limits).ok());
  EXPECT_EQ(doc->page_count(), 4);
}

TEST(Decode, RendersPdfPagesAtTheRequestedDpi) {
  cv::Mat a(120, 170, CV_8UC3, cv::Scalar(255, 255, 255));
  cv::Mat b(120, 170, CV_8UC3, cv::Scalar(0, 0, 0));
  std::string pdf = testing::MakePdf({a, b});
  std::unique_ptr<Document> doc;
  ReadLimits limits;
  limits.pdf_dpi = 100;
  ASSERT_TRUE(OpenBytes(pdf, &doc, limits).ok());
  PageImage page;
  ASSERT_TRUE(doc->Render(2, 0, &page).ok());
  // 1700 x 1200 px at 200 dpi = 8.5 x 6 in; at 100 dpi 850 x 600.
  EXPECT_NEAR(page.bgr.cols, 850, 2);
  EXPECT_NEAR(page.bgr.rows, 600, 2);
  EXPECT_LT(cv::mean(page.bgr)[0], 30);  // the black page
  ASSERT_TRUE(doc->Render(1, 0, &page).ok());
  EXPECT_GT(cv::mean(page.bgr)[0], 225);
  EXPECT_EQ(doc->Render(3, 0, &page).code(), StatusCode::kInvalidInput);
}

}  // namespace
}  // namespace bpkb::decode
