// The helpers of test_server.h (service_tests is built from *_test.cc files
// only), and smoke tests of the server's operational endpoints.
#include "service/test_server.h"

#include <sodium.h>
#include <atomic>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <random>

#include "bpkb/reader.h"
#include "store/sqlite_store.h"

namespace bpkb::service::testing {

TestServer::TestServer(ServerConfig config) {
  std::random_device rd;
  dir_ = (std::filesystem::temp_directory_path() /
          ("bpkb-service-" + std::to_string(rd()) + std::to_string(rd())))
             .string();
  std::filesystem::create_directories(dir_);
  Status s = store::InitCrypto();
  if (s.ok()) s = store::OpenSqliteStore(dir_ + "/bpkb.sqlite", &store_);
  EXPECT_TRUE(s.ok()) << s.ToString();
  config.host = "127.0.0.1";
  config.port = 0;
  if (config.log_level == "info") config.log_level = "warn";
  server_ = std::make_unique<Server>(config, store_.get());
}

TestServer::~TestServer() {
  server_.reset();
  store_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

Status TestServer::Start() { return server_->Start(); }

std::unique_ptr<httplib::Client> TestServer::Client() const {
  auto c = std::make_unique<httplib::Client>("127.0.0.1", port());
  c->set_read_timeout(60, 0);
  c->set_write_timeout(60, 0);
  return c;
}

Credentials TestServer::NewApp(store::AppMode mode, int64_t quota, int rate_limit_per_minute) {
  store::NewCredentials cred;
  Status s = store::CreateApp(*store_, "test", mode, quota, rate_limit_per_minute, &cred);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return {cred.app_id, cred.api_key};
}

namespace {
std::atomic<int> reads_started{0};
}  // namespace

int ScriptedReader::ReadsStarted() { return reads_started.load(); }

bool WaitForReadsStarted(int count, std::chrono::milliseconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (ScriptedReader::ReadsStarted() < count) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

Status ScriptedReader::Read(const ReadRequest& request, PageReading* out) {
  ++reads_started;
  std::this_thread::sleep_for(delay_);
  out->page_type = request.expected;
  out->page_type_confidence = 1.0;
  for (const std::string& f : RequiredFields(request.expected)) {
    out->fields[f].value = "SCRIPTED";
    out->fields[f].found = true;
  }
  out->processing_ms = static_cast<double>(delay_.count());
  return Status::Ok();
}

ReaderFactory ScriptedReaders(std::chrono::milliseconds delay) {
  return [delay](std::unique_ptr<Reader>* r) {
    *r = std::make_unique<ScriptedReader>(delay);
    return Status::Ok();
  };
}

ServerConfig ScriptedConfig(int workers, std::chrono::milliseconds delay, int queue) {
  ServerConfig c;
  c.workers = workers;
  c.queue = queue;
  c.reader_factory = ScriptedReaders(delay);
  return c;
}

namespace {
std::string Encode(const char* ext, int width, int height) {
  cv::Mat img(height, width, CV_8UC3, cv::Scalar(230, 230, 230));
  cv::rectangle(img, {4, 4}, {width - 5, height - 5}, cv::Scalar(20, 20, 20), 2);
  std::vector<uchar> buf;
  cv::imencode(ext, img, buf);
  return std::string(buf.begin(), buf.end());
}
}  // namespace

std::string PngBytes(int width, int height) { return Encode(".png", width, height); }
std::string JpegBytes(int width, int height) { return Encode(".jpg", width, height); }

std::string Base64(const std::string& bytes) {
  const int variant = sodium_base64_VARIANT_ORIGINAL;
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), variant);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

httplib::MultipartFormDataItems ImageForm(const std::string& bytes, const std::string& filename,
                                          const std::string& reference_id,
                                          const std::string& page) {
  httplib::MultipartFormDataItems items = {{"image", bytes, filename, "application/octet-stream"}};
  if (!reference_id.empty()) items.push_back({"reference_id", reference_id, "", ""});
  if (!page.empty()) items.push_back({"page", page, "", ""});
  return items;
}

std::string RealReaderPending() {
  std::unique_ptr<Reader> reader;
  Status s = Reader::Open(ReaderConfig{}, &reader);
  if (!s.ok()) return s.message();
  std::string png = PngBytes();
  ReadRequest request;
  request.bytes = png;
  request.expected = PageKind::kIk;
  PageReading reading;
  s = reader->Read(request, &reading);
  if (s.code() == StatusCode::kInternal && s.message().find("not built yet") != std::string::npos) {
    return s.message();
  }
  return "";
}

namespace {

TEST(ServiceOps, HealthReadyOpenApiAndUnknownPaths) {
  TestServer server(ScriptedConfig(1, {}));
  ASSERT_TRUE(server.Start().ok());
  auto c = server.Client();

  auto r = c->Get("/healthz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  r = c->Get("/readyz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_FALSE(r->get_header_value("X-Request-ID").empty());

  r = c->Get("/openapi.json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  auto doc = nlohmann::json::parse(r->body);
  EXPECT_EQ(doc["openapi"], "3.0.3");
  for (const char* path : {"/v2/ocr/bpkb_ik", "/v2/ocr/bpkb_ip", "/v2/ocr/bpkb_ik/result",
                           "/v2/ocr/bpkb_ip/result", "/v2/ocr/result", "/healthz", "/metrics"}) {
    EXPECT_TRUE(doc["paths"].contains(path)) << path;
  }
  EXPECT_TRUE(doc["paths"]["/v2/ocr/bpkb_ik"]["post"]["responses"].contains("422"));

  r = c->Get("/v2/ocr/nothing");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(nlohmann::json::parse(r->body)["error_code"], "OCR_40400");

  r = c->Get("/v2/ocr/bpkb_ik");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 405);
  EXPECT_EQ(r->get_header_value("Allow"), "POST");
  r = c->Post("/healthz", "", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 405);
}

TEST(ServiceOps, ShutdownRightAfterStartIsClean) {
  TestServer server(ScriptedConfig(1, {}));
  ASSERT_TRUE(server.Start().ok());
  server.Shutdown();
  auto c = server.Client();
  auto r = c->Get("/healthz");
  EXPECT_FALSE(r);  // no longer listening
}

TEST(ServiceOps, StartFailsWhenTheReaderCannotOpen) {
  ServerConfig config;
  config.workers = 2;
  config.reader_factory = [](std::unique_ptr<Reader>*) {
    return Status::Internal("model file missing");
  };
  TestServer server(config);
  Status s = server.Start();
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("model file missing"), std::string::npos);
}

}  // namespace
}  // namespace bpkb::service::testing
