// Unit tests of the upload checks (service/upload.h) and error bodies.
#include "service/upload.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "service/api_error.h"

namespace bpkb::service {
namespace {

const std::string kPng("\x89PNG\r\n\x1A\n-rest", 13);
const std::string kJpeg("\xFF\xD8\xFF\xE0-rest", 8);
const std::string kPdf("%PDF-1.7\n...");

TEST(Upload, SniffsByMagicBytes) {
  EXPECT_EQ(SniffFileType(kPng), FileType::kPng);
  EXPECT_EQ(SniffFileType(kJpeg), FileType::kJpeg);
  EXPECT_EQ(SniffFileType(kPdf), FileType::kPdf);
  EXPECT_EQ(SniffFileType("GIF89a"), FileType::kUnknown);
  EXPECT_EQ(SniffFileType(""), FileType::kUnknown);
  EXPECT_EQ(SniffFileType("\xFF\xD8"), FileType::kUnknown);
}

TEST(Upload, ReferenceIds) {
  EXPECT_FALSE(CheckReferenceId("abc_DEF-123"));
  EXPECT_FALSE(CheckReferenceId(std::string(64, 'a')));
  EXPECT_TRUE(CheckReferenceId(std::string(65, 'a')));
  EXPECT_TRUE(CheckReferenceId(""));
  EXPECT_TRUE(CheckReferenceId("a/b"));
  EXPECT_TRUE(CheckReferenceId("caf\xC3\xA9"));
}

TEST(Upload, Pages) {
  std::optional<int> page;
  EXPECT_FALSE(ParsePage("3", &page));
  EXPECT_EQ(page, 3);
  for (const char* bad : {"0", "-1", "1.5", "x", "", "99999", " 1"}) {
    EXPECT_TRUE(ParsePage(bad, &page)) << bad;
  }
}

TEST(Upload, Base64Variants) {
  std::string out;
  EXPECT_TRUE(DecodeBase64("aGVsbG8=", &out));
  EXPECT_EQ(out, "hello");
  EXPECT_TRUE(DecodeBase64("aGVsbG8", &out));  // no padding
  EXPECT_EQ(out, "hello");
  EXPECT_TRUE(DecodeBase64("aGVs\r\nbG8=", &out));
  EXPECT_EQ(out, "hello");
  EXPECT_TRUE(DecodeBase64("-_-_", &out));  // URL-safe alphabet
  EXPECT_EQ(out, "\xFB\xFF\xBF");
  EXPECT_FALSE(DecodeBase64("aGVsbG8=garbage!", &out));
  EXPECT_FALSE(DecodeBase64("a", &out));
}

TEST(Upload, MultipartNamesMustAgreeWithContent) {
  Upload u;
  EXPECT_FALSE(ParseMultipart({{"image", "scan.JPEG", true, kJpeg, kJpeg.size()}}, &u));
  EXPECT_EQ(u.type, FileType::kJpeg);
  Upload v;
  auto e = ParseMultipart({{"image", "scan.png", true, kJpeg, kJpeg.size()}}, &v);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->status, 422);
  EXPECT_EQ(e->fields[0].field, "image");
  Upload w;
  e = ParseMultipart({{"image", "scan.bmp", true, kPng, kPng.size()}}, &w);
  ASSERT_TRUE(e);
  EXPECT_NE(e->fields[0].reason.find(".bmp"), std::string::npos);
  Upload x;
  e = ParseMultipart({{"image", "big.png", true, kPng, kMaxFileBytes + 1}}, &x);
  ASSERT_TRUE(e);
  EXPECT_NE(e->fields[0].reason.find("10 MB"), std::string::npos);
}

TEST(Upload, JsonBodies) {
  Upload u;
  nlohmann::json j = {{"image", "data:application/pdf;base64,JVBERi0xLjcKLi4u"},
                      {"reference_id", "r1"},
                      {"page", "2"}};
  EXPECT_FALSE(ParseJsonBody(j.dump(), &u));
  EXPECT_EQ(u.type, FileType::kPdf);
  EXPECT_EQ(u.reference_id, "r1");
  EXPECT_EQ(u.page, 2);
  Upload v;
  auto e = ParseJsonBody(R"({"image": "JVBERi0xLjcKLi4u", "page": true})", &v);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->fields[0].field, "page");
}

TEST(ApiErrors, BodiesFollowApiMd) {
  // Key order too: message, error_code, error_fields.
  EXPECT_EQ(PayloadError("image", "the file is empty").Body(),
            R"({"message":"There's a problem with your JSON payload","error_code":"OCR_40001",)"
            R"("error_fields":[{"field":"image","reason":"the file is empty"}]})");
  EXPECT_EQ(nlohmann::json::parse(QuotaError().Body())["message"],
            "You don't have enough quota, please contact our admin");
  EXPECT_EQ(nlohmann::json::parse(InternalError().Body())["message"],
            "There's a problem from our system.");
  EXPECT_EQ(FromStatus(Status::Internal("secret detail")).Body().find("secret"), std::string::npos);
  EXPECT_EQ(FromStatus(Status::Timeout("slow")).status, 503);
  EXPECT_EQ(FromStatus(Status::WrongPage("this is an IP page")).status, 422);
}

}  // namespace
}  // namespace bpkb::service
