// Dashboard: the operators' web application at /dashboard (issue 7), served by
// the same HTTP server as the API.
//
// Mount() adds its routes to the server: the embedded single-page application
// (assets.h) and a JSON API under /dashboard/api/ over the same Store as the
// `app` CLI, so that the two always agree. Security contract:
//  - sign-in with an administrator account (AdminDb, Argon2id, kept by the
//    store: shared by every server of a PostgreSQL deployment), rate-limited
//    by attempts counted in the store (so also across those servers);
//  - the session cookie is HttpOnly, SameSite=Strict, Path=/dashboard, and
//    Secure when served over TLS (or behind a proxy that says X-Forwarded-Proto:
//    https); only its hash is stored; sign-out deletes it;
//  - every state-changing request (POST, DELETE) must carry the session's CSRF
//    token in X-CSRF-Token (sign-in: the token of its pre-session cookie), and a
//    cross-origin Origin header is refused;
//  - every answer carries a strict Content-Security-Policy (no inline script, no
//    external source) and is never cached;
//  - API keys are shown once (create, rotate); stored results are listed without
//    field values, which are sent only when the operator opens one.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "bpkb/status.h"
#include "dashboard/admin_db.h"
#include "dashboard/sign_in_limiter.h"
#include "store/store.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace bpkb::dashboard {

struct DashboardOptions {
  bool tls = false;  // served over HTTPS: cookies get Secure
  std::chrono::seconds session_ttl{8 * 3600};
  int max_failures_per_account = 5;  // failed sign-ins per window, per address+e-mail
  int max_failures_per_address = 20;
  std::chrono::seconds failure_window{15 * 60};
  // Peers (exact addresses, e.g. "127.0.0.1") whose X-Forwarded-For is believed:
  // behind such a proxy the sign-in limit counts the client it names (the last
  // address of the header), not the proxy, which all clients would share.
  // Anyone else's X-Forwarded-For is ignored, so a client cannot pick its address.
  std::vector<std::string> trusted_proxies;
  int retention_days = 30;  // results older than this are not listed
};

class Dashboard {
 public:
  // `store` (applications, results, administrators and sessions) must outlive
  // the dashboard.
  static Status Open(DashboardOptions options, store::Store* store,
                     std::unique_ptr<Dashboard>* out);
  ~Dashboard();

  // True for the paths the dashboard serves ("/dashboard" and below).
  static bool Owns(const std::string& path);
  // Registers the routes. The dashboard must outlive `http`'s serving.
  void Mount(httplib::Server& http);

 private:
  class Routes;
  Dashboard(DashboardOptions options, store::Store* store);

  DashboardOptions options_;
  store::Store* store_;
  AdminDb admins_;
  SignInLimiter limiter_;
  std::unique_ptr<Routes> routes_;
};

}  // namespace bpkb::dashboard
