#include "service/server.h"

#include <httplib.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <ctime>
#include <nlohmann/json.hpp>
#include <optional>

#include "bpkb/reader.h"
#include "bpkb/result_json.h"
#include "service/api_error.h"
#include "service/metrics.h"
#include "service/openapi.h"
#include "service/rate_limiter.h"
#include "service/upload.h"
#include "store/keys.h"

namespace bpkb::service {
namespace {

using Clock = std::chrono::steady_clock;
using json = nlohmann::ordered_json;

// The routes and their methods; everything else is 404, a wrong method 405.
struct Route {
  const char* path;
  const char* method;
  const char* endpoint;  // metrics label
};
constexpr Route kRoutes[] = {
    {"/v2/ocr/bpkb_ik", "POST", "bpkb_ik"},
    {"/v2/ocr/bpkb_ip", "POST", "bpkb_ip"},
    {"/v2/ocr/bpkb_ik/result", "GET", "bpkb_ik_result"},
    {"/v2/ocr/bpkb_ip/result", "GET", "bpkb_ip_result"},
    {"/v2/ocr/result", "DELETE", "result_delete"},
    {"/healthz", "GET", "healthz"},
    {"/readyz", "GET", "readyz"},
    {"/metrics", "GET", "metrics"},
    {"/openapi.json", "GET", "openapi"},
};

const Route* FindRoute(const std::string& path) {
  for (const Route& r : kRoutes) {
    if (path == r.path) return &r;
  }
  return nullptr;
}

// Per-request facts for the access log and metrics. httplib runs a request from
// pre-routing to the logger on one thread, so thread-local state is enough.
struct RequestScope {
  Clock::time_point start;
  std::string request_id;
  std::string app_id;
  bool active = false;
};
thread_local RequestScope t_request;

std::string NewRequestId(const httplib::Request& req) {
  std::string given = req.get_header_value("X-Request-ID");
  bool ok = !given.empty() && given.size() <= 64 &&
            std::all_of(given.begin(), given.end(),
                        [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_'; });
  return ok ? given : store::NewUuid();
}

std::string Today() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

void Send(httplib::Response& res, const ApiError& e) {
  res.status = e.status;
  if (e.retry_after_s > 0) res.set_header("Retry-After", std::to_string(e.retry_after_s));
  res.set_content(e.Body(), "application/json");
}

void SendJson(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

bool HasBody(const httplib::Request& req) {
  return req.has_header("Content-Length") ||
         req.get_header_value("Transfer-Encoding").find("chunked") != std::string::npos;
}

// Reads and drops a body we will not use, so the connection stays in step.
void DiscardBody(const httplib::Request& req, httplib::Response& res,
                 const httplib::ContentReader& reader) {
  if (!HasBody(req)) return;
  size_t total = 0;
  auto keep_going = [&total](const char*, size_t n) {
    total += n;
    return total <= kMaxJsonBodyBytes;
  };
  bool ok = req.is_multipart_form_data()
                ? reader([](const httplib::MultipartFormData&) { return true; }, keep_going)
                : reader(keep_going);
  if (!ok) res.set_header("Connection", "close");
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// The Content-Length header's value; nullopt when absent or not a plain
// decimal number (strtoull would read "-5" as 2^64 - 5).
std::optional<size_t> ContentLength(const httplib::Request& req) {
  const std::string v = req.get_header_value("Content-Length");
  if (v.empty() || v.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  if (v.size() > 19) return SIZE_MAX;  // past 10^19: only "very large" matters
  return static_cast<size_t>(std::stoull(v));
}

// Reads the body of an extract request into *upload, never keeping more than
// the limits of upload.h, and checks it.
std::optional<ApiError> ReadUpload(const httplib::Request& req, httplib::Response& res,
                                   const httplib::ContentReader& reader, Upload* upload) {
  if (!HasBody(req) || (req.has_header("Content-Length") && ContentLength(req) == 0u)) {
    if (!HasBody(req)) res.set_header("Connection", "close");
    return PayloadError("payload", "the request has no body");
  }
  const std::string type = Lower(req.get_header_value("Content-Type"));
  const bool multipart = type.rfind("multipart/form-data", 0) == 0;
  const bool is_json = type.rfind("application/json", 0) == 0;
  if (!multipart && !is_json) {
    DiscardBody(req, res, reader);
    return PayloadError("payload", "Content-Type must be multipart/form-data or application/json");
  }

  size_t total = 0;
  bool overflow = false, too_many = false;
  std::vector<FormPart> parts;
  std::string body;
  bool ok;
  if (multipart) {
    ok = reader(
        [&](const httplib::MultipartFormData& f) {
          if (parts.size() >= kMaxParts) {
            too_many = true;
            return false;
          }
          parts.push_back({f.name, f.filename, !f.filename.empty(), "", 0});
          return true;
        },
        [&](const char* data, size_t n) {
          total += n;
          if (total > kMaxJsonBodyBytes) {
            overflow = true;
            return false;
          }
          if (parts.empty()) return false;
          FormPart& p = parts.back();
          p.size += n;
          const size_t cap = p.name == "image" ? kMaxFileBytes : kMaxSmallPartBytes;
          if (p.content.size() < cap) p.content.append(data, std::min(n, cap - p.content.size()));
          return true;
        });
  } else {
    ok = reader([&](const char* data, size_t n) {
      if (body.size() + n > kMaxJsonBodyBytes) {
        overflow = true;
        return false;
      }
      body.append(data, n);
      return true;
    });
  }
  if (!ok) {
    res.set_header("Connection", "close");
    if (res.status == 413 || overflow) {
      if (!req.has_header("Content-Length")) {
        return PayloadError("image", "file is over 10 MB; the limit is 10 MB");
      }
      const std::optional<size_t> sent = ContentLength(req);
      if (!sent) return PayloadError("payload", "the Content-Length header is not a size");
      return PayloadError("image", TooLargeReason(multipart ? *sent : *sent / 4 * 3));
    }
    if (too_many) return PayloadError("payload", "the form has too many parts");
    return PayloadError("payload", multipart ? "the multipart body is malformed or incomplete"
                                             : "the body is incomplete");
  }
  if (multipart) return ParseMultipart(parts, upload);
  if (body.empty()) return PayloadError("payload", "the request has no body");
  return ParseJsonBody(body, upload);
}

}  // namespace

class Server::Impl {
 public:
  Impl(ServerConfig config, store::Store* store)
      : config_(std::move(config)),
        store_(store),
        workers_(config_.workers > 0
                     ? config_.workers
                     : std::max(1, static_cast<int>(std::thread::hardware_concurrency()))),
        queue_(config_.queue >= 0 ? config_.queue : workers_),
        pool_(workers_, queue_, MakeFactory(config_)) {
    auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    log_ = std::make_shared<spdlog::logger>("bpkb-http", sink);
    log_->set_pattern(R"({"ts":"%Y-%m-%dT%H:%M:%S.%fZ","level":"%l",%v})",
                      spdlog::pattern_time_type::utc);
    log_->set_level(spdlog::level::from_str(config_.log_level));
  }

  static ReaderFactory MakeFactory(const ServerConfig& c) {
    if (c.reader_factory) return c.reader_factory;
    ReaderConfig rc;
    rc.root = c.root;
    return [rc](std::unique_ptr<Reader>* r) { return Reader::Open(rc, r); };
  }

  Status Start(int* port) {
    Status s = store::InitCrypto();
    if (!s.ok()) return s;
    s = pool_.Start();
    if (!s.ok()) return Status::Internal("cannot open the reader: " + s.message());
    Routes();
    const int threads = std::max(8, workers_ + queue_ + 8);
    http_.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    http_.set_payload_max_length(kMaxJsonBodyBytes);
    // Headers and body go out in separate writes: without TCP_NODELAY, Nagle
    // holds the body until the client's delayed ACK (40 ms per answer).
    http_.set_tcp_nodelay(true);
    http_.set_keep_alive_timeout(5);
    http_.set_read_timeout(config_.socket_timeout);
    http_.set_write_timeout(config_.socket_timeout);
    if (config_.port == 0) {
      *port = http_.bind_to_any_port(config_.host);
      if (*port < 0) return Status::Unavailable("cannot bind " + config_.host);
    } else {
      if (!http_.bind_to_port(config_.host, config_.port)) {
        return Status::Unavailable("cannot bind " + config_.host + ":" +
                                   std::to_string(config_.port));
      }
      *port = config_.port;
    }
    listener_ = std::thread([this] { http_.listen_after_bind(); });
    // stop() is a no-op until the accept loop runs: wait for it, so that a
    // Shutdown right after Start cannot leave the listener running.
    while (!http_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    purger_ = std::thread([this] { PurgeLoop(); });
    started_ = true;
    Log(spdlog::level::info, json{{"msg", "listening"},
                                  {"host", config_.host},
                                  {"port", *port},
                                  {"workers", workers_},
                                  {"queue", queue_}});
    return Status::Ok();
  }

  void Wait() {
    std::unique_lock<std::mutex> lock(mu_);
    stopped_cv_.wait(lock, [this] { return stopped_; });
  }

  void Shutdown() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stopped_ || !started_) {
        stopped_ = true;
        stopped_cv_.notify_all();
        return;
      }
      draining_ = true;
    }
    Log(spdlog::level::info, json{{"msg", "draining"}});
    // stop() closes the listening socket; listen returns once every accepted
    // connection's request has been answered (the task queue is drained).
    http_.stop();
    if (listener_.joinable()) listener_.join();
    pool_.Stop();
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopped_ = true;
    }
    stopped_cv_.notify_all();
    purge_cv_.notify_all();
    if (purger_.joinable()) purger_.join();
    Log(spdlog::level::info, json{{"msg", "stopped"}});
  }

 private:
  void Log(spdlog::level::level_enum level, const json& fields) {
    if (!log_->should_log(level)) return;
    std::string s = fields.dump();
    log_->log(level, "{}", s.substr(1, s.size() - 2));  // the pattern adds the braces
  }

  void Routes() {
    if (config_.mount) config_.mount(http_);
    http_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      t_request = {Clock::now(), NewRequestId(req), "", true};
      res.set_header("X-Request-ID", t_request.request_id);
      if (config_.mounted && config_.mounted(req.path)) {
        return httplib::Server::HandlerResponse::Unhandled;
      }
      const Route* route = FindRoute(req.path);
      if (!route) {
        res.set_header("Connection", "close");
        Send(res, NotFoundError());
        return httplib::Server::HandlerResponse::Handled;
      }
      const bool head_of_get = req.method == "HEAD" && std::string(route->method) == "GET";
      if (req.method != route->method && !head_of_get) {
        res.set_header("Allow", route->method);
        res.set_header("Connection", "close");
        Send(res, MethodError());
        return httplib::Server::HandlerResponse::Handled;
      }
      return httplib::Server::HandlerResponse::Unhandled;
    });
    http_.Post("/v2/ocr/bpkb_ik", [this](const httplib::Request& req, httplib::Response& res,
                                         const httplib::ContentReader& reader) {
      Extract(PageKind::kIk, req, res, reader);
    });
    http_.Post("/v2/ocr/bpkb_ip", [this](const httplib::Request& req, httplib::Response& res,
                                         const httplib::ContentReader& reader) {
      Extract(PageKind::kIp, req, res, reader);
    });
    http_.Get("/v2/ocr/bpkb_ik/result",
              [this](const httplib::Request& req, httplib::Response& res) {
                PullResult(PageKind::kIk, req, res);
              });
    http_.Get("/v2/ocr/bpkb_ip/result",
              [this](const httplib::Request& req, httplib::Response& res) {
                PullResult(PageKind::kIp, req, res);
              });
    http_.Delete("/v2/ocr/result", [this](const httplib::Request& req, httplib::Response& res,
                                          const httplib::ContentReader& reader) {
      DiscardBody(req, res, reader);
      DeleteResult(req, res);
    });
    http_.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
      SendJson(res, 200, json{{"status", "ok"}});
    });
    http_.Get("/readyz", [this](const httplib::Request&, httplib::Response& res) {
      std::lock_guard<std::mutex> lock(mu_);
      if (draining_) return SendJson(res, 503, json{{"status", "draining"}});
      store::App probe;
      Status s = store_->FindApp("", &probe);
      if (!s.ok() && s.code() != StatusCode::kNotFound) {
        return SendJson(res, 503, json{{"status", "database unavailable"}});
      }
      SendJson(res, 200, json{{"status", "ready"}});
    });
    http_.Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content(metrics_.Render(pool_.running(), pool_.queued()),
                      "text/plain; version=0.0.4");
    });
    http_.Get("/openapi.json", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(OpenApiDocument(), "application/json");
    });

    // Answers httplib makes itself (malformed requests) get the API's body too.
    http_.set_error_handler(
        httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
          if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
          if (res.status == 413) {
            Send(res, PayloadError("image", "the request is over the size limit of 10 MB of file"));
          } else if (res.status == 404) {
            Send(res, NotFoundError());
          } else if (res.status >= 500) {
            Send(res, InternalError());
          } else {
            Send(res, PayloadError("payload", "the request is malformed"));
          }
          res.set_header("Connection", "close");
          return httplib::Server::HandlerResponse::Handled;
        }));
    http_.set_exception_handler(
        [this](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
          Log(spdlog::level::err,
              json{{"msg", "unexpected exception"}, {"request_id", t_request.request_id}});
          Send(res, InternalError());
        });
    http_.set_logger(
        [this](const httplib::Request& req, const httplib::Response& res) { AccessLog(req, res); });
  }

  void AccessLog(const httplib::Request& req, const httplib::Response& res) {
    const Route* route = FindRoute(req.path);
    const std::string endpoint = route ? route->endpoint : "other";
    double seconds = 0;
    if (t_request.active) {
      seconds = std::chrono::duration<double>(Clock::now() - t_request.start).count();
    }
    metrics_.ObserveRequest(endpoint, res.status, seconds);
    if (!t_request.app_id.empty()) {
      Status s = store_->CountRequest(t_request.app_id, Today(), res.status);
      if (!s.ok()) Log(spdlog::level::warn, json{{"msg", "usage not counted"}});
    }
    // Never the body, the query (ids of clients' documents) or the keys.
    Log(spdlog::level::info, json{{"msg", "request"},
                                  {"request_id", t_request.request_id},
                                  {"method", req.method},
                                  {"endpoint", endpoint},
                                  {"status", res.status},
                                  {"ms", std::round(seconds * 1e4) / 10},
                                  {"app_id", t_request.app_id}});
    t_request = RequestScope{};
  }

  // Checks App-ID and API-Key and the app's rate limit.
  std::optional<ApiError> Admit(const httplib::Request& req, store::App* app) {
    const std::string id = req.get_header_value("App-ID");
    const std::string key = req.get_header_value("API-Key");
    if (id.empty() || key.empty() || id.size() > 128 || key.size() > 256) return AuthError();
    // App-IDs are printable ASCII (ours are hex): anything else is unknown
    // without asking the store (PostgreSQL refuses text that is not UTF-8).
    if (!std::all_of(id.begin(), id.end(), [](unsigned char c) { return c > ' ' && c < 0x7f; })) {
      return AuthError();
    }
    Status s = store_->FindApp(id, app);
    if (s.code() == StatusCode::kNotFound) return AuthError();
    if (!s.ok()) return StoreFailure(s);
    if (!app->enabled || !store::KeyMatches(*app, key)) return AuthError();
    t_request.app_id = app->id;
    int retry = 0;
    if (!limiter_.Allow(app->id, app->rate_limit_per_minute, &retry)) {
      metrics_.CountRateLimited();
      return RateLimitError(retry);
    }
    return std::nullopt;
  }

  ApiError StoreFailure(const Status& s) {
    Log(spdlog::level::err, json{{"msg", "database error"},
                                 {"request_id", t_request.request_id},
                                 {"error", s.message()}});
    return s.code() == StatusCode::kUnavailable ? BusyError(1) : InternalError();
  }

  void Extract(PageKind kind, const httplib::Request& req, httplib::Response& res,
               const httplib::ContentReader& reader) {
    const auto start = Clock::now();
    const auto deadline = start + config_.request_timeout;
    store::App app;
    if (auto e = Admit(req, &app)) {
      DiscardBody(req, res, reader);
      return Send(res, *e);
    }
    Upload upload;
    if (auto e = ReadUpload(req, res, reader, &upload)) return Send(res, *e);
    if (app.mode == store::AppMode::kTesting && app.quota <= 0) {
      metrics_.CountQuotaRefusal();
      return Send(res, QuotaError());
    }

    ReadRequest request;
    request.expected = kind;
    request.pdf_page = upload.page;
    request.limits.time_limit =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    PageReading reading;
    auto bytes = std::make_shared<const std::string>(std::move(upload.image));
    Status s = pool_.Read(bytes, request, deadline, &reading);
    if (!s.ok()) {
      if (s.code() == StatusCode::kUnavailable) metrics_.CountSaturated();
      if (s.code() == StatusCode::kInternal) {
        Log(spdlog::level::err, json{{"msg", "reader failed"},
                                     {"request_id", t_request.request_id},
                                     {"error", s.message()}});
      }
      return Send(res, FromStatus(s));
    }

    store::StoredResult stored;
    stored.id = store::NewUuid();
    stored.reference_id = upload.reference_id.empty() ? store::NewUuid() : upload.reference_id;
    stored.app_id = app.id;
    stored.page_kind = std::string(PageKindName(kind));
    json data;
    data["id"] = stored.id;
    data["reference_id"] = stored.reference_id;
    data["result_data"] = ResultData(reading, kind);
    data["result_detail"] = ResultDetail(reading, kind);
    stored.data_json = data.dump();
    stored.created_at = static_cast<int64_t>(std::time(nullptr));
    stored.processing_ms = reading.processing_ms;
    stored.total_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    store::SaveOutcome outcome;
    s = store_->SaveResult(stored, &outcome);
    if (!s.ok()) return Send(res, StoreFailure(s));
    if (outcome == store::SaveOutcome::kQuotaExhausted) {
      metrics_.CountQuotaRefusal();
      return Send(res, QuotaError());
    }
    SendJson(res, 200, json{{"message", "Success Extract Data"}, {"data", data}});
  }

  std::optional<ApiError> QueryReferenceId(const httplib::Request& req, std::string* id) {
    if (!req.has_param("reference_id")) {
      return PayloadError("reference_id", "reference_id is required");
    }
    *id = req.get_param_value("reference_id");
    return CheckReferenceId(*id);
  }

  int64_t RetentionCutoff() const {
    return static_cast<int64_t>(std::time(nullptr)) -
           static_cast<int64_t>(config_.retention_days) * 86400;
  }

  void PullResult(PageKind kind, const httplib::Request& req, httplib::Response& res) {
    store::App app;
    if (auto e = Admit(req, &app)) return Send(res, *e);
    std::string ref;
    if (auto e = QueryReferenceId(req, &ref)) return Send(res, *e);
    store::StoredResult r;
    Status s =
        store_->FindResult(app.id, ref, std::string(PageKindName(kind)), RetentionCutoff(), &r);
    if (s.code() == StatusCode::kNotFound) return Send(res, NotFoundError());
    if (!s.ok()) return Send(res, StoreFailure(s));
    json data = json::parse(r.data_json, nullptr, false);
    if (data.is_discarded()) return Send(res, InternalError());
    SendJson(res, 200, json{{"message", "Success Extract Data"}, {"data", data}});
  }

  void DeleteResult(const httplib::Request& req, httplib::Response& res) {
    store::App app;
    if (auto e = Admit(req, &app)) return Send(res, *e);
    std::string ref;
    if (auto e = QueryReferenceId(req, &ref)) return Send(res, *e);
    Status s = store_->DeleteResult(app.id, ref);
    if (s.code() == StatusCode::kNotFound) return Send(res, NotFoundError());
    if (!s.ok()) return Send(res, StoreFailure(s));
    SendJson(res, 200, json{{"message", "Success Delete Data"}, {"data", {{"reference_id", ref}}}});
  }

  void PurgeLoop() {
    std::unique_lock<std::mutex> lock(mu_);
    while (!stopped_) {
      lock.unlock();
      int64_t purged = 0;
      Status s = store_->PurgeResultsBefore(RetentionCutoff(), &purged);
      if (!s.ok())
        Log(spdlog::level::warn, json{{"msg", "purge failed"}});
      else if (purged > 0)
        Log(spdlog::level::info, json{{"msg", "purged"}, {"results", purged}});
      lock.lock();
      purge_cv_.wait_for(lock, config_.purge_interval, [this] { return stopped_; });
    }
  }

  ServerConfig config_;
  store::Store* store_;
  const int workers_;
  const int queue_;
  OcrPool pool_;
  httplib::Server http_;
  Metrics metrics_;
  RateLimiter limiter_;
  std::shared_ptr<spdlog::logger> log_;
  std::thread listener_;
  std::thread purger_;

  std::mutex mu_;
  std::condition_variable stopped_cv_;
  std::condition_variable purge_cv_;
  bool started_ = false;
  bool draining_ = false;
  bool stopped_ = false;
};

Server::Server(ServerConfig config, store::Store* store)
    : impl_(std::make_unique<Impl>(std::move(config), store)) {}

Server::~Server() { Shutdown(); }

Status Server::Start() { return impl_->Start(&port_); }
void Server::Wait() { impl_->Wait(); }
void Server::Shutdown() { impl_->Shutdown(); }

}  // namespace bpkb::service
