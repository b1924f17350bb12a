// Two dashboards (as two servers of a scale-out deployment) over one real
// PostgreSQL database, which this test starts itself (store/pg_test_server.h):
// an administrator signs in on one server and the session works on the other,
// signing out on either ends it on both, units used stay right after a result
// is deleted, and failed sign-ins on both count against one limit. Skipped only
// when PostgreSQL is not installed.
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <nlohmann/json.hpp>
#include <thread>

#include "dashboard/admin_db.h"
#include "dashboard/credentials.h"
#include "dashboard/dashboard.h"
#include "store/keys.h"
#include "store/pg_store.h"
#include "store/pg_test_server.h"
#include "store/test_result.h"

namespace bpkb::dashboard {
namespace {

using json = nlohmann::json;
constexpr const char* kEmail = "ops@example.test";
constexpr const char* kPassword = "a long test password";

// One server: its own store (connection pool), dashboard and HTTP listener.
struct DashboardServer {
  std::unique_ptr<store::Store> store;
  std::unique_ptr<Dashboard> dash;
  httplib::Server http;
  std::thread thread;
  std::unique_ptr<httplib::Client> client;

  bool Start(const std::string& url, const DashboardOptions& options = {}) {
    if (!store::OpenPgStore(url, &store).ok()) return false;
    if (!Dashboard::Open(options, store.get(), &dash).ok()) return false;
    dash->Mount(http);
    const int port = http.bind_to_any_port("127.0.0.1");
    if (port <= 0) return false;
    thread = std::thread([this] { http.listen_after_bind(); });
    client = std::make_unique<httplib::Client>("127.0.0.1", port);
    return true;
  }
  ~DashboardServer() {
    http.stop();
    if (thread.joinable()) thread.join();
  }
};

std::string CookieFrom(const httplib::Result& r, const std::string& name) {
  for (const auto& [k, v] : r->headers) {
    if (k == "Set-Cookie" && v.rfind(name + "=", 0) == 0) return v.substr(0, v.find(';'));
  }
  return "";
}

TEST(SharedSessionsTest, ServersSharingPostgresShareAdministratorsAndSessions) {
  if (!store::PgTestServer::Available()) GTEST_SKIP() << "PostgreSQL server binaries not installed";
  ASSERT_TRUE(store::InitCrypto().ok());
  ASSERT_TRUE(store::SharedPgTestServer()->running()) << store::SharedPgTestServer()->error();
  store::SharedPgTestServer()->CreateDatabase("dash_shared");
  const std::string url = store::SharedPgTestServer()->Url("dash_shared");
  DashboardServer a, b;
  ASSERT_TRUE(a.Start(url));
  ASSERT_TRUE(b.Start(url));
  // The administrator is written once, through a third connection (the CLI's).
  {
    std::unique_ptr<store::Store> cli;
    ASSERT_TRUE(store::OpenPgStore(url, &cli).ok());
    std::string hash;
    ASSERT_TRUE(HashPassword(kPassword, &hash).ok());
    ASSERT_TRUE(AdminDb(cli.get()).PutAdmin(kEmail, hash, false).ok());
  }

  // Sign in on server A.
  auto pre = a.client->Get("/dashboard/api/session");
  ASSERT_TRUE(pre);
  auto signed_in =
      a.client->Post("/dashboard/api/sign-in",
                     {{"Cookie", CookieFrom(pre, "bpkb_signin")},
                      {"X-CSRF-Token", json::parse(pre->body)["csrf"]}},
                     json{{"email", kEmail}, {"password", kPassword}}.dump(), "application/json");
  ASSERT_EQ(signed_in->status, 200) << signed_in->body;
  const std::string cookie = CookieFrom(signed_in, "bpkb_session");
  const std::string csrf = json::parse(signed_in->body)["csrf"];
  const httplib::Headers h = {{"Cookie", cookie}, {"X-CSRF-Token", csrf}};

  // The session works on server B, state changes included.
  auto created =
      b.client->Post("/dashboard/api/apps", h, R"({"name":"shared","mode":"testing","quota":4})",
                     "application/json");
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string id = json::parse(created->body)["app"]["app_id"];

  // Units used over PostgreSQL: two charged extractions, one deleted on A,
  // both still counted on B.
  for (const char* ref : {"one", "two"}) {
    store::SaveOutcome out;
    const int64_t now = static_cast<int64_t>(std::time(nullptr));
    ASSERT_TRUE(a.store->SaveResult(store::MakeTestResult(id, ref, "ip", now), &out).ok());
  }
  ASSERT_EQ(a.client->Delete("/dashboard/api/apps/" + id + "/results/one", h)->status, 200);
  auto usage = b.client->Get("/dashboard/api/apps/" + id + "/usage", {{"Cookie", cookie}});
  ASSERT_EQ(usage->status, 200);
  const json body = json::parse(usage->body);
  EXPECT_EQ(body["days"].back()["units"], 2);
  EXPECT_EQ(body["app"]["quota"], 2);

  // Signing out on B ends the session on A.
  ASSERT_EQ(b.client->Post("/dashboard/api/sign-out", h, "", "text/plain")->status, 200);
  EXPECT_EQ(a.client->Get("/dashboard/api/apps", {{"Cookie", cookie}})->status, 401);
  EXPECT_EQ(b.client->Get("/dashboard/api/apps", {{"Cookie", cookie}})->status, 401);
}

// Guesses spread over the servers meet one limit: with 3 allowed per account,
// two wrong passwords on A and one on B leave none, on either server, even for
// the right password; another account from the same client may still try.
TEST(SharedSessionsTest, FailedSignInsOnAllServersCountTogether) {
  if (!store::PgTestServer::Available()) GTEST_SKIP() << "PostgreSQL server binaries not installed";
  ASSERT_TRUE(store::InitCrypto().ok());
  ASSERT_TRUE(store::SharedPgTestServer()->running()) << store::SharedPgTestServer()->error();
  store::SharedPgTestServer()->CreateDatabase("dash_limit");
  const std::string url = store::SharedPgTestServer()->Url("dash_limit");
  DashboardOptions options;
  options.max_failures_per_account = 3;
  DashboardServer a, b;
  ASSERT_TRUE(a.Start(url, options));
  ASSERT_TRUE(b.Start(url, options));
  std::string hash;
  ASSERT_TRUE(HashPassword(kPassword, &hash).ok());
  ASSERT_TRUE(AdminDb(a.store.get()).PutAdmin(kEmail, hash, false).ok());
  ASSERT_TRUE(AdminDb(a.store.get()).PutAdmin("other@example.test", hash, false).ok());

  auto attempt = [](DashboardServer& s, const std::string& email, const std::string& password) {
    auto pre = s.client->Get("/dashboard/api/session");
    return s.client->Post("/dashboard/api/sign-in",
                          {{"Cookie", CookieFrom(pre, "bpkb_signin")},
                           {"X-CSRF-Token", json::parse(pre->body)["csrf"]}},
                          json{{"email", email}, {"password", password}}.dump(),
                          "application/json");
  };
  EXPECT_EQ(attempt(a, kEmail, "wrong password 1")->status, 401);
  EXPECT_EQ(attempt(a, kEmail, "wrong password 2")->status, 401);
  EXPECT_EQ(attempt(b, kEmail, "wrong password 3")->status, 401);
  for (DashboardServer* s : {&a, &b}) {
    auto refused = attempt(*s, kEmail, kPassword);
    EXPECT_EQ(refused->status, 429) << refused->body;
    const int wait = std::atoi(refused->get_header_value("Retry-After").c_str());
    EXPECT_GT(wait, 0);
    EXPECT_LE(wait, 15 * 60);
  }
  EXPECT_EQ(attempt(b, "other@example.test", kPassword)->status, 200);
}

}  // namespace
}  // namespace bpkb::dashboard
