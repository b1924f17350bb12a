// Which client the sign-in limit counts (DashboardOptions::trusted_proxies):
// behind a trusted proxy, the address its X-Forwarded-For names, so that one
// client's failures do not lock everyone out; from anyone else the header is
// ignored, so a client cannot escape the limit by naming another address.
// A real dashboard on loopback over a real SQLite store.
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "dashboard/admin_db.h"
#include "dashboard/credentials.h"
#include "dashboard/dashboard.h"
#include "dashboard/dashboard_on_loopback.h"
#include "store/keys.h"

namespace bpkb::dashboard {
namespace {

using json = nlohmann::json;

class ClientAddressTest : public DashboardOnLoopback {
 protected:
  void Start(std::vector<std::string> trusted) {
    DashboardOptions o;
    o.max_failures_per_account = 2;
    o.max_failures_per_address = 3;
    o.trusted_proxies = std::move(trusted);
    StartDashboard(o);
  }

  // One sign-in with X-Forwarded-For `forwarded` ("" for none); the status.
  int SignIn(const std::string& forwarded, const std::string& email, const std::string& password) {
    auto pre = client_->Get("/dashboard/api/session");
    std::string cookie;
    for (const auto& [k, v] : pre->headers) {
      if (k == "Set-Cookie" && v.rfind("bpkb_signin=", 0) == 0) cookie = v.substr(0, v.find(';'));
    }
    httplib::Headers h = {{"Cookie", cookie}, {"X-CSRF-Token", json::parse(pre->body)["csrf"]}};
    if (!forwarded.empty()) h.emplace("X-Forwarded-For", forwarded);
    auto r =
        client_->Post("/dashboard/api/sign-in", h,
                      json{{"email", email}, {"password", password}}.dump(), "application/json");
    return r ? r->status : -1;
  }
};

TEST_F(ClientAddressTest, BehindATrustedProxyEachClientIsCountedApart) {
  Start({"127.0.0.1"});
  EXPECT_EQ(SignIn("203.0.113.1", kEmail, "wrong password"), 401);
  EXPECT_EQ(SignIn("203.0.113.1", kEmail, "wrong password"), 401);
  EXPECT_EQ(SignIn("203.0.113.1", kEmail, kPassword), 429);
  // Another client behind the same proxy still signs in.
  EXPECT_EQ(SignIn("203.0.113.2", kEmail, kPassword), 200);
  // The last address is the one the proxy saw; earlier ones are the client's claims.
  EXPECT_EQ(SignIn("198.51.100.9, 203.0.113.1", kEmail, kPassword), 429);
  EXPECT_EQ(SignIn("203.0.113.1, 2001:db8::7", kEmail, kPassword), 200);
  // A proxy that names no usable address: counted as the proxy itself.
  EXPECT_EQ(SignIn("", "x@example.test", "wrong password"), 401);
  EXPECT_EQ(SignIn("not an address", "y@example.test", "wrong password"), 401);
  EXPECT_EQ(SignIn("", "z@example.test", "wrong password"), 401);
  EXPECT_EQ(SignIn("<script>", kEmail, kPassword), 429);  // 127.0.0.1's three failures
}

TEST_F(ClientAddressTest, AnUntrustedPeersForwardedForIsIgnored) {
  Start({});
  EXPECT_EQ(SignIn("203.0.113.1", kEmail, "wrong password"), 401);
  EXPECT_EQ(SignIn("203.0.113.2", kEmail, "wrong password"), 401);
  // Naming a third address does not help: the peer (127.0.0.1) is counted.
  EXPECT_EQ(SignIn("203.0.113.3", kEmail, kPassword), 429);
}

}  // namespace
}  // namespace bpkb::dashboard
