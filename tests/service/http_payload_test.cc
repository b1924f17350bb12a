// Integration: bad requests against the real server over HTTP (API.md, Errors).
// These checks are the service's own (envelope, sizes, names, base64, ids) and
// use a scripted reader; decode errors decided by the real reader are in
// http_real_reader_test.cc.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "service/test_server.h"

namespace bpkb::service::testing {
namespace {

using nlohmann::json;

class Payload : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<TestServer>(ScriptedConfig(1, {}));
    ASSERT_TRUE(server_->Start().ok());
    creds_ = server_->NewApp();
    client_ = server_->Client();
  }

  httplib::Result PostForm(const httplib::MultipartFormDataItems& items,
                           const std::string& path = "/v2/ocr/bpkb_ik") {
    return client_->Post(path.c_str(), creds_.headers(), items);
  }
  httplib::Result PostJson(const std::string& body, const std::string& path = "/v2/ocr/bpkb_ik") {
    return client_->Post(path.c_str(), creds_.headers(), body, "application/json");
  }

  // Checks an error answer: status, API.md's code and message, and the field.
  static void ExpectError(const httplib::Result& r, int status, const std::string& code,
                          const std::string& field = "") {
    ASSERT_TRUE(r) << httplib::to_string(r.error());
    EXPECT_EQ(r->status, status) << r->body;
    json body = json::parse(r->body, nullptr, false);
    ASSERT_FALSE(body.is_discarded()) << r->body;
    EXPECT_EQ(body["error_code"], code) << r->body;
    if (status == 422) {
      EXPECT_EQ(body["message"], "There's a problem with your JSON payload");
      ASSERT_EQ(body["error_fields"].size(), 1u) << r->body;
      EXPECT_EQ(body["error_fields"][0]["field"], field) << r->body;
      EXPECT_FALSE(body["error_fields"][0]["reason"].get<std::string>().empty());
    }
  }

  std::unique_ptr<TestServer> server_;
  Credentials creds_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(Payload, AcceptsAGoodPngAndJpegAsMultipartAndJson) {
  auto r = PostForm(ImageForm(PngBytes(), "page.PNG", "ref_1-a"));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  json body = json::parse(r->body);
  EXPECT_EQ(body["message"], "Success Extract Data");
  EXPECT_EQ(body["data"]["reference_id"], "ref_1-a");
  EXPECT_EQ(body["data"]["result_data"].size(), 13u);

  r = PostJson(json{{"image", "data:image/jpeg;base64," + Base64(JpegBytes())}}.dump(),
               "/v2/ocr/bpkb_ip");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  body = json::parse(r->body);
  EXPECT_EQ(body["data"]["reference_id"].get<std::string>().size(), 36u);  // a UUID
  EXPECT_TRUE(body["data"]["result_data"].contains("nama_pemilik"));
}

TEST_F(Payload, AuthFailuresAre401) {
  auto form = ImageForm(PngBytes());
  auto r = client_->Post("/v2/ocr/bpkb_ik", form);
  ExpectError(r, 401, "UNAUTHORIZED");
  EXPECT_EQ(json::parse(r->body)["message"], "Authorization Failed");
  ExpectError(client_->Post("/v2/ocr/bpkb_ik", {{"App-ID", creds_.app_id}}, form), 401,
              "UNAUTHORIZED");
  ExpectError(client_->Post("/v2/ocr/bpkb_ik",
                            {{"App-ID", creds_.app_id}, {"API-Key", creds_.api_key + "x"}}, form),
              401, "UNAUTHORIZED");
  ExpectError(
      client_->Post("/v2/ocr/bpkb_ik", {{"App-ID", "unknown"}, {"API-Key", creds_.api_key}}, form),
      401, "UNAUTHORIZED");
  ExpectError(client_->Get("/v2/ocr/bpkb_ik/result?reference_id=x"), 401, "UNAUTHORIZED");
}

TEST_F(Payload, DisableAndRotateTakeEffectOnTheNextRequest) {
  auto form = ImageForm(PngBytes());
  ASSERT_TRUE(server_->store().SetEnabled(creds_.app_id, false).ok());
  ExpectError(PostForm(form), 401, "UNAUTHORIZED");
  ASSERT_TRUE(server_->store().SetEnabled(creds_.app_id, true).ok());
  auto r = PostForm(form);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);

  std::string fresh;
  ASSERT_TRUE(store::RotateKey(server_->store(), creds_.app_id, &fresh).ok());
  ExpectError(PostForm(form), 401, "UNAUTHORIZED");
  r = client_->Post("/v2/ocr/bpkb_ik", {{"App-ID", creds_.app_id}, {"API-Key", fresh}}, form);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

TEST_F(Payload, NoBodyOrWrongContentType) {
  ExpectError(client_->Post("/v2/ocr/bpkb_ik", creds_.headers(), "", "application/json"), 422,
              "OCR_40001", "payload");
  ExpectError(client_->Post("/v2/ocr/bpkb_ik", creds_.headers(), "hello", "text/plain"), 422,
              "OCR_40001", "payload");
  ExpectError(client_->Post("/v2/ocr/bpkb_ik", creds_.headers(), PngBytes(), "image/png"), 422,
              "OCR_40001", "payload");
  ExpectError(PostJson("{not json"), 422, "OCR_40001", "payload");
  ExpectError(PostJson("[1,2]"), 422, "OCR_40001", "payload");
}

TEST_F(Payload, MissingOrEmptyImage) {
  ExpectError(PostForm({{"reference_id", "abc", "", ""}}), 422, "OCR_40001", "image");
  ExpectError(PostForm({{"picture", PngBytes(), "a.png", "image/png"}}), 422, "OCR_40001", "image");
  ExpectError(PostForm(ImageForm("", "empty.png")), 422, "OCR_40001", "image");
  ExpectError(PostJson(R"({"reference_id": "abc"})"), 422, "OCR_40001", "image");
  ExpectError(PostJson(R"({"image": ""})"), 422, "OCR_40001", "image");
  ExpectError(PostJson(R"({"image": 12})"), 422, "OCR_40001", "image");
}

TEST_F(Payload, FilesOverTenMegabytesAreRefused) {
  // Multipart: a file a little over the limit (counted while reading).
  std::string big = PngBytes();
  big.resize(10 * 1024 * 1024 + 1, 'x');
  auto r = PostForm(ImageForm(big, "big.png"));
  ExpectError(r, 422, "OCR_40001", "image");
  EXPECT_NE(r->body.find("the limit is 10 MB"), std::string::npos) << r->body;
  EXPECT_NE(r->body.find("file is 10.0 MB"), std::string::npos) << r->body;

  // Exactly the limit is accepted by the envelope.
  big.resize(10 * 1024 * 1024);
  r = PostForm(ImageForm(big, "limit.png"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;

  // JSON: decoded size over the limit.
  big.resize(10 * 1024 * 1024 + 3);
  ExpectError(PostJson(json{{"image", Base64(big)}}.dump()), 422, "OCR_40001", "image");

  // A body far over every limit (Content-Length says so): refused, not buffered.
  std::string huge(20 * 1024 * 1024, 'A');
  r = client_->Post("/v2/ocr/bpkb_ik", creds_.headers(), huge, "application/json");
  ExpectError(r, 422, "OCR_40001", "image");

  // Chunked, without a length: refused while reading once past the limit.
  size_t sent = 0;
  r = client_->Post(
      "/v2/ocr/bpkb_ik", creds_.headers(),
      [&](size_t, httplib::DataSink& sink) {
        static const std::string chunk(1 << 20, 'A');
        if (sent >= 30u * (1 << 20)) {
          sink.done();
          return true;
        }
        sent += chunk.size();
        return sink.write(chunk.data(), chunk.size());
      },
      "application/json");
  if (r) {  // the server may close before the client finishes sending
    ExpectError(r, 422, "OCR_40001", "image");
  }
  // Still serving afterwards.
  r = PostForm(ImageForm(PngBytes()));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

TEST_F(Payload, ContentDecidesTheTypeAndNamesMustAgree) {
  ExpectError(PostForm(ImageForm("just some text, not a picture", "page.jpg")), 422, "OCR_40001",
              "image");
  ExpectError(PostForm(ImageForm("GIF89a....", "page.gif")), 422, "OCR_40001", "image");
  auto r = PostForm(ImageForm(PngBytes(), "page.gif"));  // accepted content, refused name
  ExpectError(r, 422, "OCR_40001", "image");
  r = PostForm(ImageForm(JpegBytes(), "page.png"));  // JPEG content named .png
  ExpectError(r, 422, "OCR_40001", "image");
  EXPECT_NE(r->body.find("JPEG"), std::string::npos) << r->body;
  r = PostForm(ImageForm(PngBytes(), "page.pdf"));
  ExpectError(r, 422, "OCR_40001", "image");
  // No extension: the content decides.
  r = PostForm(ImageForm(JpegBytes(), "upload"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  // A data: URL's media type must agree with the content too.
  ExpectError(PostJson(json{{"image", "data:image/png;base64," + Base64(JpegBytes())}}.dump()), 422,
              "OCR_40001", "image");
  ExpectError(PostJson(json{{"image", "data:image/gif;base64," + Base64(JpegBytes())}}.dump()), 422,
              "OCR_40001", "image");
}

TEST_F(Payload, BadBase64) {
  ExpectError(PostJson(R"({"image": "!!!not base64!!!"})"), 422, "OCR_40001", "image");
  ExpectError(PostJson(R"({"image": "data:image/png,rawbytes"})"), 422, "OCR_40001", "image");
  std::string b64 = Base64(PngBytes());
  ExpectError(PostJson(json{{"image", b64.substr(0, b64.size() - 3) + "*=="}}.dump()), 422,
              "OCR_40001", "image");
  // Line breaks inside base64 are fine.
  std::string wrapped;
  for (size_t i = 0; i < b64.size(); i += 76) wrapped += b64.substr(i, 76) + "\n";
  auto r = PostJson(json{{"image", wrapped}}.dump());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
}

TEST_F(Payload, BadReferenceIdOrPage) {
  std::string png = PngBytes();
  ExpectError(PostForm(ImageForm(png, "a.png", std::string(65, 'a'))), 422, "OCR_40001",
              "reference_id");
  ExpectError(PostForm(ImageForm(png, "a.png", "has space")), 422, "OCR_40001", "reference_id");
  ExpectError(PostForm(ImageForm(png, "a.png", "semi;colon")), 422, "OCR_40001", "reference_id");
  ExpectError(PostForm(ImageForm(png, "a.png", "", "0")), 422, "OCR_40001", "page");
  ExpectError(PostForm(ImageForm(png, "a.png", "", "two")), 422, "OCR_40001", "page");
  ExpectError(PostForm(ImageForm(png, "a.png", "", "2")), 422, "OCR_40001", "page");  // not PDF
  ExpectError(PostJson(json{{"image", Base64(png)}, {"reference_id", 5}}.dump()), 422, "OCR_40001",
              "reference_id");
  ExpectError(PostJson(json{{"image", Base64(png)}, {"page", -1}}.dump()), 422, "OCR_40001",
              "page");
  ExpectError(PostJson(json{{"image", Base64(png)}, {"page", 1.5}}.dump()), 422, "OCR_40001",
              "page");
  auto r = PostForm(ImageForm(png, "a.png", std::string(64, 'Z'), "1"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
}

TEST_F(Payload, FailedRequestsAreNeverCharged) {
  ASSERT_TRUE(server_->store().SetQuota(creds_.app_id, 1).ok());
  ExpectError(PostForm(ImageForm("text", "a.jpg")), 422, "OCR_40001", "image");
  ExpectError(PostJson("{}"), 422, "OCR_40001", "image");
  store::App app;
  ASSERT_TRUE(server_->store().FindApp(creds_.app_id, &app).ok());
  EXPECT_EQ(app.quota, 1);
  auto r = PostForm(ImageForm(PngBytes()));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  r = PostForm(ImageForm(PngBytes()));
  ExpectError(r, 400, "OCR_40004");
  EXPECT_EQ(json::parse(r->body)["message"],
            "You don't have enough quota, please contact our admin");
}

}  // namespace
}  // namespace bpkb::service::testing
