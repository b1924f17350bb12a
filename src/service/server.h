// Server: the HTTP API of API.md around an OcrPool and a Store.
//
// Start() binds (port 0: any free port, see port()), opens one reader per OCR
// worker and serves on a background thread. Shutdown() stops accepting, lets
// every request in flight finish (SIGTERM drain), then stops the workers.
// Request flow for POST /v2/ocr/bpkb_ik|ip: auth (401) -> rate limit (429) ->
// body read with a size cap (422) -> checks (422) -> quota left (400) -> OCR slot
// (503 at once when full) -> read -> store + charge quota in one transaction.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "bpkb/status.h"
#include "service/ocr_pool.h"
#include "store/store.h"

namespace httplib {
class Server;
}

namespace bpkb::service {

struct ServerConfig {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: pick a free port
  int workers = 0;  // OCR workers; 0: one per core
  int queue = -1;   // requests waiting for a worker; -1: as many as workers
  std::chrono::milliseconds request_timeout{60'000};
  // How long a client may pause while sending headers or body (and how long an
  // answer may take to write) before the connection is dropped.
  std::chrono::seconds socket_timeout{10};
  int retention_days = 30;
  std::chrono::seconds purge_interval{3600};
  // Makes one reader per worker; empty: bpkb::Reader::Open with `root`.
  ReaderFactory reader_factory;
  std::string root;
  std::string log_level = "info";  // spdlog level name; logs are JSON lines on stderr
  // More routes beside the API (the dashboard, issue 7): `mount` registers them
  // and pre-routing lets through the paths that `mounted` claims.
  std::function<void(httplib::Server&)> mount;
  std::function<bool(const std::string& path)> mounted;
};

class Server {
 public:
  Server(ServerConfig config, store::Store* store);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  Status Start();
  int port() const { return port_; }
  // Blocks until the server has stopped (Shutdown called from elsewhere).
  void Wait();
  void Shutdown();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
};

}  // namespace bpkb::service
