// Integration: quota, results, limits, metrics and shutdown of the real server
// over HTTP. The reader here is scripted (test_server.h): these tests are about
// the service's mechanics (timing, concurrency), not about what is read.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "service/test_server.h"

namespace bpkb::service::testing {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;

int Status(const httplib::Result& r) { return r ? r->status : -1; }
std::string Code(const httplib::Result& r) {
  if (!r) return "no answer";
  json j = json::parse(r->body, nullptr, false);
  return j.is_object() && j.contains("error_code") ? j["error_code"].get<std::string>() : "";
}

TEST(Flow, ConcurrentRequestsRaceForTheLastUnitsOfQuota) {
  constexpr int kQuota = 3, kClients = 10;
  TestServer server(ScriptedConfig(4, milliseconds(20), 16));
  ASSERT_TRUE(server.Start().ok());
  Credentials creds = server.NewApp(store::AppMode::kTesting, kQuota);
  std::string png = PngBytes();
  std::atomic<int> ok{0}, no_quota{0}, other{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&] {
      auto c = server.Client();
      auto r = c->Post("/v2/ocr/bpkb_ik", creds.headers(), ImageForm(png));
      if (Status(r) == 200)
        ok++;
      else if (Status(r) == 400 && Code(r) == "OCR_40004")
        no_quota++;
      else
        other++;
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(ok.load(), kQuota);
  EXPECT_EQ(no_quota.load(), kClients - kQuota);
  EXPECT_EQ(other.load(), 0);
  store::App app;
  ASSERT_TRUE(server.store().FindApp(creds.app_id, &app).ok());
  EXPECT_EQ(app.quota, 0);

  // The refusals show in /metrics.
  auto m = server.Client()->Get("/metrics");
  ASSERT_EQ(Status(m), 200);
  EXPECT_NE(m->body.find("bpkb_quota_refusals_total " + std::to_string(kClients - kQuota)),
            std::string::npos)
      << m->body;
}

TEST(Flow, LiveAppsAreNotMetered) {
  TestServer server(ScriptedConfig(1, {}));
  ASSERT_TRUE(server.Start().ok());
  Credentials creds = server.NewApp(store::AppMode::kLive, 0);
  auto r = server.Client()->Post("/v2/ocr/bpkb_ip", creds.headers(), ImageForm(PngBytes()));
  EXPECT_EQ(Status(r), 200);
}

TEST(Flow, ResultsArePulledAndDeletedOnlyByTheirApp) {
  TestServer server(ScriptedConfig(1, {}));
  ASSERT_TRUE(server.Start().ok());
  Credentials a = server.NewApp(), b = server.NewApp();
  auto c = server.Client();
  auto r = c->Post("/v2/ocr/bpkb_ik", a.headers(), ImageForm(PngBytes(), "p.png", "order-42"));
  ASSERT_EQ(Status(r), 200);
  json made = json::parse(r->body);

  r = c->Get("/v2/ocr/bpkb_ik/result?reference_id=order-42", a.headers());
  ASSERT_EQ(Status(r), 200) << r->body;
  json pulled = json::parse(r->body);
  EXPECT_EQ(pulled["message"], "Success Extract Data");
  EXPECT_EQ(pulled["data"], made["data"]);

  // Another app, another page kind, an unknown id: the same 404.
  r = c->Get("/v2/ocr/bpkb_ik/result?reference_id=order-42", b.headers());
  EXPECT_EQ(Status(r), 404);
  EXPECT_EQ(Code(r), "OCR_40400");
  std::string foreign = r->body;
  r = c->Get("/v2/ocr/bpkb_ik/result?reference_id=never-made", a.headers());
  EXPECT_EQ(Status(r), 404);
  EXPECT_EQ(r->body, foreign);
  EXPECT_EQ(Status(c->Get("/v2/ocr/bpkb_ip/result?reference_id=order-42", a.headers())), 404);
  EXPECT_EQ(Status(c->Delete("/v2/ocr/result?reference_id=order-42", b.headers())), 404);

  // Bad or missing reference_id.
  r = c->Get("/v2/ocr/bpkb_ik/result", a.headers());
  EXPECT_EQ(Status(r), 422);
  r = c->Get("/v2/ocr/bpkb_ik/result?reference_id=a%20b", a.headers());
  EXPECT_EQ(Status(r), 422);

  r = c->Delete("/v2/ocr/result?reference_id=order-42", a.headers());
  EXPECT_EQ(Status(r), 200) << (r ? r->body : "");
  EXPECT_EQ(Status(c->Get("/v2/ocr/bpkb_ik/result?reference_id=order-42", a.headers())), 404);
  EXPECT_EQ(Status(c->Delete("/v2/ocr/result?reference_id=order-42", a.headers())), 404);
}

TEST(Flow, ExpiredResultsAreGoneAfterTheRetention) {
  ServerConfig config = ScriptedConfig(1, {});
  config.retention_days = 1;
  TestServer server(config);
  ASSERT_TRUE(server.Start().ok());
  Credentials a = server.NewApp();
  // Two days old (written straight to the store: the clock is not the test's).
  store::StoredResult old;
  old.id = store::NewUuid();
  old.reference_id = "old-one";
  old.app_id = a.app_id;
  old.page_kind = "ik";
  old.data_json = R"({"id":"x"})";
  old.created_at = static_cast<int64_t>(std::time(nullptr)) - 2 * 86400;
  store::SaveOutcome outcome;
  ASSERT_TRUE(server.store().SaveResult(old, &outcome).ok());
  ASSERT_EQ(outcome, store::SaveOutcome::kSaved);
  auto c = server.Client();
  EXPECT_EQ(Status(c->Get("/v2/ocr/bpkb_ik/result?reference_id=old-one", a.headers())), 404);
  // A fresh one is there.
  ASSERT_EQ(Status(c->Post("/v2/ocr/bpkb_ik", a.headers(), ImageForm(PngBytes(), "p.png", "new"))),
            200);
  EXPECT_EQ(Status(c->Get("/v2/ocr/bpkb_ik/result?reference_id=new", a.headers())), 200);
}

TEST(Flow, PurgeRemovesExpiredResultsFromTheDatabase) {
  ServerConfig config = ScriptedConfig(1, {});
  config.retention_days = 1;
  config.purge_interval = std::chrono::seconds(1);
  TestServer server(config);
  Credentials a = server.NewApp();
  store::StoredResult old;
  old.id = store::NewUuid();
  old.reference_id = "old-one";
  old.app_id = a.app_id;
  old.page_kind = "ik";
  old.data_json = "{}";
  old.created_at = static_cast<int64_t>(std::time(nullptr)) - 2 * 86400;
  store::SaveOutcome outcome;
  ASSERT_TRUE(server.store().SaveResult(old, &outcome).ok());
  ASSERT_TRUE(server.Start().ok());  // purges at start, on the purger thread
  store::StoredResult found;
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (server.store().FindResult(a.app_id, "old-one", "ik", 0, &found).ok() &&
         std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(milliseconds(20));
  }
  EXPECT_EQ(server.store().FindResult(a.app_id, "old-one", "ik", 0, &found).code(),
            StatusCode::kNotFound);
}

TEST(Flow, SaturatedServerAnswers503AtOnce) {
  // One worker, no queue, a slow reader: the second concurrent request is refused.
  TestServer server(ScriptedConfig(1, milliseconds(3000), 0));
  ASSERT_TRUE(server.Start().ok());
  Credentials a = server.NewApp();
  std::string png = PngBytes();
  const int started = ScriptedReader::ReadsStarted();
  std::thread slow([&] {
    auto r = server.Client()->Post("/v2/ocr/bpkb_ik", a.headers(), ImageForm(png));
    EXPECT_EQ(Status(r), 200);
  });
  EXPECT_TRUE(WaitForReadsStarted(started + 1, milliseconds(10'000)));
  auto start = std::chrono::steady_clock::now();
  auto r = server.Client()->Post("/v2/ocr/bpkb_ik", a.headers(), ImageForm(png));
  auto took = std::chrono::steady_clock::now() - start;
  slow.join();
  EXPECT_EQ(Status(r), 503);
  EXPECT_EQ(Code(r), "OCR_50300");
  EXPECT_FALSE(r->get_header_value("Retry-After").empty());
  EXPECT_LT(took, milliseconds(1500));  // not queued behind the slow one (3 s)
  store::App app;
  ASSERT_TRUE(server.store().FindApp(a.app_id, &app).ok());
  EXPECT_EQ(app.quota, 99);  // only the successful one was charged
  auto m = server.Client()->Get("/metrics");
  EXPECT_NE(m->body.find("bpkb_saturated_total 1"), std::string::npos);
}

TEST(Flow, RequestsOverTheTimeLimitAnswer503) {
  ServerConfig config = ScriptedConfig(1, milliseconds(1500));
  config.request_timeout = milliseconds(300);
  TestServer server(config);
  ASSERT_TRUE(server.Start().ok());
  Credentials a = server.NewApp();
  auto r = server.Client()->Post("/v2/ocr/bpkb_ik", a.headers(), ImageForm(PngBytes()));
  EXPECT_EQ(Status(r), 503);
  EXPECT_EQ(Code(r), "OCR_50300");
  store::App app;
  ASSERT_TRUE(server.store().FindApp(a.app_id, &app).ok());
  EXPECT_EQ(app.quota, 100);
}

TEST(Flow, PerAppRateLimitAnswers429) {
  TestServer server(ScriptedConfig(1, {}));
  ASSERT_TRUE(server.Start().ok());
  Credentials limited = server.NewApp(store::AppMode::kTesting, 100, 3);
  Credentials other = server.NewApp(store::AppMode::kTesting, 100, 3);
  auto c = server.Client();
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(Status(c->Get("/v2/ocr/bpkb_ik/result?reference_id=x", limited.headers())), 404);
  }
  auto r = c->Get("/v2/ocr/bpkb_ik/result?reference_id=x", limited.headers());
  EXPECT_EQ(Status(r), 429);
  EXPECT_EQ(Code(r), "OCR_42900");
  EXPECT_FALSE(r->get_header_value("Retry-After").empty());
  // Other apps are not affected.
  EXPECT_EQ(Status(c->Get("/v2/ocr/bpkb_ik/result?reference_id=x", other.headers())), 404);
}

TEST(Flow, ShutdownFinishesRequestsInFlight) {
  TestServer server(ScriptedConfig(1, milliseconds(700)));
  ASSERT_TRUE(server.Start().ok());
  Credentials a = server.NewApp();
  int status = 0;
  const int started = ScriptedReader::ReadsStarted();
  std::thread client([&] {
    auto r = server.Client()->Post("/v2/ocr/bpkb_ik", a.headers(), ImageForm(PngBytes()));
    status = Status(r);
  });
  EXPECT_TRUE(WaitForReadsStarted(started + 1, milliseconds(10'000)));
  server.Shutdown();  // as on SIGTERM
  client.join();
  EXPECT_EQ(status, 200);
  EXPECT_FALSE(server.Client()->Get("/healthz"));
}

TEST(Flow, MetricsCountRequestsByEndpointAndStatus) {
  TestServer server(ScriptedConfig(1, {}));
  ASSERT_TRUE(server.Start().ok());
  Credentials a = server.NewApp();
  auto c = server.Client();
  ASSERT_EQ(Status(c->Post("/v2/ocr/bpkb_ik", a.headers(), ImageForm(PngBytes()))), 200);
  ASSERT_EQ(Status(c->Post("/v2/ocr/bpkb_ik", a.headers(), "{}", "application/json")), 422);
  ASSERT_EQ(Status(c->Post("/v2/ocr/bpkb_ip", ImageForm(PngBytes()))), 401);
  const std::vector<std::string> expected = {
      "bpkb_http_requests_total{endpoint=\"bpkb_ik\",status=\"200\"} 1",
      "bpkb_http_requests_total{endpoint=\"bpkb_ik\",status=\"422\"} 1",
      "bpkb_http_requests_total{endpoint=\"bpkb_ip\",status=\"401\"} 1",
      "bpkb_http_request_duration_seconds_count{endpoint=\"bpkb_ik\"} 2",
      "bpkb_http_request_duration_seconds_bucket{endpoint=\"bpkb_ik\",le=\"+Inf\"} 2",
      "# TYPE bpkb_http_request_duration_seconds histogram",
      "bpkb_ocr_in_flight 0",
  };
  // A request is counted by the access log, which httplib runs just after the
  // answer is written: a request that follows at once may find the last one not
  // counted yet. Wait for the counts, within a deadline.
  int status = 0;
  std::string body, content_type;
  for (int tries = 0; tries < 100; ++tries) {
    auto m = c->Get("/metrics");
    status = Status(m);
    body = m ? m->body : "";
    content_type = m ? m->get_header_value("Content-Type") : "";
    const bool all = std::all_of(expected.begin(), expected.end(), [&](const std::string& l) {
      return body.find(l) != std::string::npos;
    });
    if (all) break;
    std::this_thread::sleep_for(milliseconds(20));
  }
  ASSERT_EQ(status, 200);
  EXPECT_EQ(content_type.rfind("text/plain", 0), 0u);
  for (const std::string& line : expected) {
    EXPECT_NE(body.find(line), std::string::npos) << line << "\n" << body;
  }
  // Usage is counted per app, day and status in the store.
  int64_t n = 0;
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char day[16];
  std::strftime(day, sizeof day, "%Y-%m-%d", &tm);
  for (int tries = 0; tries < 100 && n == 0; ++tries) {
    ASSERT_TRUE(server.store().UsageCount(a.app_id, day, 422, &n).ok());
    if (n == 0) std::this_thread::sleep_for(milliseconds(20));
  }
  EXPECT_EQ(n, 1);
}

}  // namespace
}  // namespace bpkb::service::testing
