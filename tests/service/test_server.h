// A real server for integration tests: SQLite file in a temp dir, bpkb-ocr's
// Server on a free loopback port, and an httplib client talking HTTP to it.
// The reader is injected: the real bpkb::Reader by default, or a small reader
// defined by a test that needs control over timing (saturation, drain).
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "service/server.h"
#include "store/keys.h"
#include "store/store.h"

namespace bpkb::service::testing {

struct Credentials {
  std::string app_id;
  std::string api_key;
  httplib::Headers headers() const { return {{"App-ID", app_id}, {"API-Key", api_key}}; }
};

class TestServer {
 public:
  // config.port is forced to 0 and config.host to 127.0.0.1.
  explicit TestServer(ServerConfig config = {});
  ~TestServer();

  Status Start();
  void Shutdown() { server_->Shutdown(); }
  int port() const { return server_->port(); }
  store::Store& store() { return *store_; }
  const std::string& dir() const { return dir_; }
  std::unique_ptr<httplib::Client> Client() const;

  Credentials NewApp(store::AppMode mode = store::AppMode::kTesting, int64_t quota = 100,
                     int rate_limit_per_minute = 0);

 private:
  std::string dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Server> server_;
};

// Reader for HTTP-mechanics tests: returns a fixed reading after `delay`, or
// blocks until released. Never used to claim OCR results.
class ScriptedReader : public Reader {
 public:
  explicit ScriptedReader(std::chrono::milliseconds delay) : delay_(delay) {}
  Status Read(const ReadRequest& request, PageReading* out) override;
  // Reads begun by any scripted reader in this process: tests wait for a read
  // to be under way instead of sleeping and hoping (slow sanitizer builds).
  static int ReadsStarted();

 private:
  std::chrono::milliseconds delay_;
};
ReaderFactory ScriptedReaders(std::chrono::milliseconds delay);
// Waits up to `deadline` until ScriptedReader::ReadsStarted() reaches `count`.
bool WaitForReadsStarted(int count, std::chrono::milliseconds deadline);
// A config with `workers` scripted readers of `delay` and a queue of `queue`.
ServerConfig ScriptedConfig(int workers, std::chrono::milliseconds delay, int queue = -1);

// Small real images made with OpenCV, and the body helpers.
std::string PngBytes(int width = 64, int height = 48);
std::string JpegBytes(int width = 64, int height = 48);
std::string Base64(const std::string& bytes);
httplib::MultipartFormDataItems ImageForm(const std::string& bytes,
                                          const std::string& filename = "page.png",
                                          const std::string& reference_id = "",
                                          const std::string& page = "");

// Why the real reader cannot be used yet ("" when it can): the placeholder
// reader answers "not built yet"; such tests GTEST_SKIP with that reason.
std::string RealReaderPending();

}  // namespace bpkb::service::testing
