// The dashboard's HTTP routes (dashboard/dashboard.h) mounted on a real
// httplib server on loopback, over a real SQLite store: sessions, CSRF, sign-in
// rate limit, cookies and bad input. The browser flow is in e2e.mjs.
#include "dashboard/dashboard.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "dashboard/credentials.h"
#include "dashboard/dashboard_on_loopback.h"
#include "store/keys.h"
#include "store/test_result.h"

namespace bpkb::dashboard {
namespace {

using json = nlohmann::json;

class RoutesTest : public DashboardOnLoopback {
 protected:
  void SetUp() override {
    DashboardOptions o;
    o.max_failures_per_account = 3;
    StartDashboard(o);
  }

  static std::string CookieFrom(const httplib::Result& r, const std::string& name) {
    for (const auto& [k, v] : r->headers) {
      if (k == "Set-Cookie" && v.rfind(name + "=", 0) == 0) return v.substr(0, v.find(';'));
    }
    return "";
  }
  static std::string SetCookieLine(const httplib::Result& r, const std::string& name) {
    for (const auto& [k, v] : r->headers) {
      if (k == "Set-Cookie" && v.rfind(name + "=", 0) == 0) return v;
    }
    return "";
  }

  // Signs in; returns the session cookie and sets csrf_.
  std::string SignIn() {
    auto pre = client_->Get("/dashboard/api/session");
    const std::string pre_cookie = CookieFrom(pre, "bpkb_signin");
    const std::string token = json::parse(pre->body)["csrf"];
    auto r =
        client_->Post("/dashboard/api/sign-in", {{"Cookie", pre_cookie}, {"X-CSRF-Token", token}},
                      json{{"email", kEmail}, {"password", kPassword}}.dump(), "application/json");
    EXPECT_EQ(r->status, 200) << r->body;
    csrf_ = json::parse(r->body)["csrf"];
    return CookieFrom(r, "bpkb_session");
  }

  httplib::Result CreateApp(const std::string& cookie, const std::string& csrf,
                            const std::string& body) {
    return client_->Post("/dashboard/api/apps", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}}, body,
                         "application/json");
  }

  std::string csrf_;
};

TEST_F(RoutesTest, PagesCarryAStrictPolicyAndTheApiNeedsASession) {
  auto r = client_->Get("/dashboard/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->get_header_value("Content-Security-Policy").find("script-src 'self'"),
            std::string::npos);
  EXPECT_EQ(r->get_header_value("X-Frame-Options"), "DENY");
  EXPECT_EQ(client_->Get("/dashboard/app.js")->status, 200);
  EXPECT_EQ(client_->Get("/dashboard/nope.js")->status, 404);
  EXPECT_EQ(client_->Get("/dashboard/../CMakeLists.txt")->status, 404);
  EXPECT_EQ(client_->Get("/dashboard/api/apps")->status, 401);
  EXPECT_EQ(client_->Get("/dashboard/api/unknown")->status, 404);
}

TEST_F(RoutesTest, SignInSetsAStrictHttpOnlyCookieAndSignOutEndsIt) {
  auto pre = client_->Get("/dashboard/api/session");
  const std::string token = json::parse(pre->body)["csrf"];
  auto r = client_->Post("/dashboard/api/sign-in",
                         {{"Cookie", CookieFrom(pre, "bpkb_signin")}, {"X-CSRF-Token", token}},
                         json{{"email", "OPS@example.test"}, {"password", kPassword}}.dump(),
                         "application/json");
  ASSERT_EQ(r->status, 200);
  const std::string line = SetCookieLine(r, "bpkb_session");
  EXPECT_NE(line.find("HttpOnly"), std::string::npos);
  EXPECT_NE(line.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(line.find("Path=/dashboard"), std::string::npos);
  EXPECT_EQ(line.find("Secure"), std::string::npos);  // plain HTTP
  const std::string cookie = CookieFrom(r, "bpkb_session");
  EXPECT_EQ(client_->Get("/dashboard/api/apps", {{"Cookie", cookie}})->status, 200);
  const std::string csrf = json::parse(r->body)["csrf"];
  EXPECT_EQ(
      client_->Post("/dashboard/api/sign-out", {{"Cookie", cookie}}, "", "text/plain")->status,
      403);
  EXPECT_EQ(client_
                ->Post("/dashboard/api/sign-out", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}}, "",
                       "text/plain")
                ->status,
            200);
  EXPECT_EQ(client_->Get("/dashboard/api/apps", {{"Cookie", cookie}})->status, 401);
}

TEST_F(RoutesTest, CookieIsSecureBehindTls) {
  auto pre = client_->Get("/dashboard/api/session", {{"X-Forwarded-Proto", "https"}});
  EXPECT_NE(SetCookieLine(pre, "bpkb_signin").find("; Secure"), std::string::npos);
}

TEST_F(RoutesTest, SignInNeedsItsFormToken) {
  auto r =
      client_->Post("/dashboard/api/sign-in",
                    json{{"email", kEmail}, {"password", kPassword}}.dump(), "application/json");
  EXPECT_EQ(r->status, 403);
}

TEST_F(RoutesTest, FailedSignInsAreRateLimited) {
  auto pre = client_->Get("/dashboard/api/session");
  const httplib::Headers h = {{"Cookie", CookieFrom(pre, "bpkb_signin")},
                              {"X-CSRF-Token", json::parse(pre->body)["csrf"]}};
  auto attempt = [&](const std::string& pw) {
    return client_->Post("/dashboard/api/sign-in", h,
                         json{{"email", kEmail}, {"password", pw}}.dump(), "application/json");
  };
  for (int i = 0; i < 3; ++i) EXPECT_EQ(attempt("wrong password")->status, 401);
  auto r = attempt(kPassword);  // even the right password waits now
  EXPECT_EQ(r->status, 429);
  EXPECT_FALSE(r->get_header_value("Retry-After").empty());
}

// Guesses sent at once cannot pass the limit while their passwords are being
// checked: each admitted attempt counts before its check.
TEST_F(RoutesTest, ConcurrentFailedSignInsNeverPassTheLimit) {
  auto pre = client_->Get("/dashboard/api/session");
  const httplib::Headers h = {{"Cookie", CookieFrom(pre, "bpkb_signin")},
                              {"X-CSRF-Token", json::parse(pre->body)["csrf"]}};
  constexpr int kClients = 10;
  std::vector<int> status(kClients, 0);
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&, i] {
      httplib::Client c("127.0.0.1", port_);
      auto r = c.Post("/dashboard/api/sign-in", h,
                      json{{"email", kEmail}, {"password", "wrong password"}}.dump(),
                      "application/json");
      status[i] = r ? r->status : -1;
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(std::count(status.begin(), status.end(), 401), 3);
  EXPECT_EQ(std::count(status.begin(), status.end(), 429), kClients - 3);
}

TEST_F(RoutesTest, StateChangesNeedTheSessionsCsrfTokenAndThisOrigin) {
  const std::string cookie = SignIn();
  const std::string body = json{{"name", "a"}, {"mode", "testing"}, {"quota", 3}}.dump();
  EXPECT_EQ(CreateApp(cookie, "", body)->status, 403);
  EXPECT_EQ(CreateApp(cookie, std::string(csrf_.size(), 'x'), body)->status, 403);
  auto foreign = client_->Post(
      "/dashboard/api/apps",
      {{"Cookie", cookie}, {"X-CSRF-Token", csrf_}, {"Origin", "http://evil.example"}}, body,
      "application/json");
  EXPECT_EQ(foreign->status, 403);
  auto r = CreateApp(cookie, csrf_, body);
  ASSERT_EQ(r->status, 201) << r->body;
  json created = json::parse(r->body);
  const std::string id = created["app"]["app_id"];
  store::App app;
  ASSERT_TRUE(store_->FindApp(id, &app).ok());
  EXPECT_TRUE(store::KeyMatches(app, created["api_key"]));
  EXPECT_EQ(app.quota, 3);
  // The list never shows a key.
  auto list = client_->Get("/dashboard/api/apps", {{"Cookie", cookie}});
  EXPECT_EQ(list->body.find(created["api_key"].get<std::string>()), std::string::npos);
}

TEST_F(RoutesTest, ChangesReachTheStore) {
  const std::string cookie = SignIn();
  auto r = CreateApp(cookie, csrf_, json{{"name", "a"}, {"mode", "live"}, {"quota", 0}}.dump());
  const json created = json::parse(r->body);
  const std::string id = created["app"]["app_id"];
  const httplib::Headers h = {{"Cookie", cookie}, {"X-CSRF-Token", csrf_}};
  auto rot = client_->Post("/dashboard/api/apps/" + id + "/rotate-key", h, "", "text/plain");
  ASSERT_EQ(rot->status, 200);
  store::App app;
  ASSERT_TRUE(store_->FindApp(id, &app).ok());
  EXPECT_FALSE(store::KeyMatches(app, created["api_key"]));
  EXPECT_TRUE(store::KeyMatches(app, json::parse(rot->body)["api_key"]));
  EXPECT_EQ(client_
                ->Post("/dashboard/api/apps/" + id + "/enabled", h, R"({"enabled":false})",
                       "application/json")
                ->status,
            200);
  EXPECT_EQ(
      client_
          ->Post("/dashboard/api/apps/" + id + "/quota", h, R"({"quota":77})", "application/json")
          ->status,
      200);
  ASSERT_TRUE(store_->FindApp(id, &app).ok());
  EXPECT_FALSE(app.enabled);
  EXPECT_EQ(app.quota, 77);
  EXPECT_EQ(
      client_->Post("/dashboard/api/apps/nosuchapp/quota", h, R"({"quota":1})", "application/json")
          ->status,
      404);
  auto usage = client_->Get("/dashboard/api/apps/" + id + "/usage", {{"Cookie", cookie}});
  ASSERT_EQ(usage->status, 200);
  EXPECT_EQ(json::parse(usage->body)["days"].size(), 30u);
  auto results = client_->Get("/dashboard/api/apps/" + id + "/results", {{"Cookie", cookie}});
  ASSERT_EQ(results->status, 200);
  EXPECT_TRUE(json::parse(results->body)["results"].empty());
}

// Units used are the charges the store recorded when results were saved: a
// deleted result still counts (it was charged), for testing and live apps.
TEST_F(RoutesTest, UnitsUsedStayRightAfterAResultIsDeleted) {
  const std::string cookie = SignIn();
  const httplib::Headers h = {{"Cookie", cookie}, {"X-CSRF-Token", csrf_}};
  for (const char* mode : {"testing", "live"}) {
    auto r = CreateApp(cookie, csrf_, json{{"name", mode}, {"mode", mode}, {"quota", 5}}.dump());
    ASSERT_EQ(r->status, 201) << r->body;
    const std::string id = json::parse(r->body)["app"]["app_id"];
    // Two extractions saved and charged, as the service saves them.
    for (const char* ref : {"first", "second"}) {
      store::SaveOutcome out;
      ASSERT_TRUE(store_
                      ->SaveResult(store::MakeTestResult(id, ref, "ik",
                                                         static_cast<int64_t>(std::time(nullptr))),
                                   &out)
                      .ok());
      ASSERT_EQ(out, store::SaveOutcome::kSaved);
    }
    ASSERT_EQ(client_->Delete("/dashboard/api/apps/" + id + "/results/first", h)->status, 200);
    auto usage = client_->Get("/dashboard/api/apps/" + id + "/usage", {{"Cookie", cookie}});
    ASSERT_EQ(usage->status, 200);
    const json today = json::parse(usage->body)["days"].back();
    EXPECT_EQ(today["day"], store::UtcDay(std::time(nullptr))) << mode;
    EXPECT_EQ(today["units"], 2) << mode;
    EXPECT_EQ(today["extractions"], 1) << mode;  // latency from the result still stored
    EXPECT_EQ(json::parse(usage->body)["app"]["quota"], std::string(mode) == "live" ? 5 : 3);
  }
}

TEST_F(RoutesTest, BadInputIsA4xxNeverACrash) {
  const std::string cookie = SignIn();
  const httplib::Headers h = {{"Cookie", cookie}, {"X-CSRF-Token", csrf_}};
  for (const char* body :
       {"", "not json", "[]", "{}", R"({"name":5})", R"({"name":"a","mode":"x","quota":1})",
        R"({"name":"a","mode":"live","quota":-1})", R"({"name":"a","mode":"live","quota":1.5})",
        R"({"name":"a","mode":"live","quota":"1"})",
        R"({"name":"a","mode":"live","quota":10000000000})",
        R"({"name":"","mode":"live","quota":1})", R"({"name":"a\u0000b","mode":"live","quota":1})",
        R"({"name":"a\tb","mode":"live","quota":1})",
        R"({"name":"a\u0085","mode":"live","quota":1})",
        R"({"name":"a","mode":"live","quota":1,"rate_limit_per_minute":-1})"}) {
    auto r = client_->Post("/dashboard/api/apps", h, body, "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << body;
  }
  const std::string long_name(101, 'n');
  EXPECT_EQ(
      CreateApp(cookie, csrf_, json{{"name", long_name}, {"mode", "live"}, {"quota", 0}}.dump())
          ->status,
      400);
  // 100 bytes and any printable UTF-8 are fine.
  EXPECT_EQ(CreateApp(cookie, csrf_,
                      json{{"name", long_name.substr(1)}, {"mode", "live"}, {"quota", 0}}.dump())
                ->status,
            201);
  auto r = CreateApp(cookie, csrf_,
                     json{{"name", "Dealer \u00c9 \u4e2d"}, {"mode", "live"}, {"quota", 0}}.dump());
  ASSERT_EQ(r->status, 201) << r->body;
  const std::string id = json::parse(r->body)["app"]["app_id"];
  // The preview takes at most 10 MB of file, as the API does.
  auto big = client_->Post("/dashboard/api/preview", h, std::string(10 * 1024 * 1024 + 1, '%'),
                           "application/pdf");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413) << big->body;
  EXPECT_EQ(client_
                ->Post("/dashboard/api/apps/" + id + "/enabled", h, R"({"enabled":"no"})",
                       "application/json")
                ->status,
            400);
  EXPECT_EQ(client_->Post("/dashboard/api/preview", h, "not a pdf", "application/pdf")->status,
            400);
  EXPECT_EQ(client_->Delete("/dashboard/api/apps/" + id + "/results/nothing", h)->status, 404);
  EXPECT_EQ(client_->Get("/dashboard/api/apps/" + id + "/results/ik/nothing", {{"Cookie", cookie}})
                ->status,
            404);
}

}  // namespace
}  // namespace bpkb::dashboard
