#include "dashboard/dashboard.h"

#include <httplib.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <nlohmann/json.hpp>
#include <optional>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "bpkb/decode/document.h"
#include "dashboard/assets.h"
#include "dashboard/credentials.h"
#include "dashboard/usage.h"
#include "store/app_json.h"
#include "store/keys.h"

namespace bpkb::dashboard {
namespace {

using json = nlohmann::ordered_json;

constexpr const char* kSessionCookie = "bpkb_session";
constexpr const char* kSignInCookie = "bpkb_signin";  // pre-session CSRF token
constexpr int kUsageDays = 30;
constexpr int kRecentResults = 100;
constexpr int64_t kMaxQuota = 1'000'000'000;
constexpr size_t kMaxPreviewBytes = 10 * 1024 * 1024;  // the API's limit of a file

// No inline script or style, no source but this server; blob: for the image the
// operator drops on the try-it page.
constexpr const char* kCsp =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'";

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

std::string Cookie(const httplib::Request& req, const std::string& name) {
  const std::string header = req.get_header_value("Cookie");
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(pos, end - pos);
    size_t b = part.find_first_not_of(' ');
    if (b != std::string::npos) part = part.substr(b);
    if (part.size() > name.size() && part.compare(0, name.size(), name) == 0 &&
        part[name.size()] == '=') {
      return part.substr(name.size() + 1);
    }
    pos = end + 1;
  }
  return "";
}

void SendJson(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

void SendError(httplib::Response& res, int status, const std::string& message,
               const std::string& field = "") {
  json body{{"error", message}};
  if (!field.empty()) body["field"] = field;
  SendJson(res, status, body);
}

// Safe accessors: a wrong type is a 400, never an exception.
std::optional<std::string> StringField(const json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}
std::optional<int64_t> IntField(const json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<int64_t>();
}

// A stored result's state for the list: never its field values.
json ResultSummary(const store::StoredResult& r) {
  json summary{{"reference_id", r.reference_id},
               {"page_kind", r.page_kind},
               {"created_at", r.created_at},
               {"total_ms", std::round(r.total_ms)}};
  int invalid = 0, fields = 0;
  json warnings = json::array();
  json data = json::parse(r.data_json, nullptr, false);
  if (data.is_object() && data.contains("result_detail") && data["result_detail"].is_object()) {
    for (const auto& [name, v] : data["result_detail"].items()) {
      if (v.is_object() && v.contains("valid")) {
        ++fields;
        if (v["valid"] != true) ++invalid;
      }
    }
    const json& w = data["result_detail"]["warnings"];
    if (w.is_array()) warnings = w;
  }
  summary["fields"] = fields;
  summary["invalid_fields"] = invalid;
  summary["warnings"] = warnings;
  summary["status"] = (invalid == 0 && warnings.empty()) ? "ok" : "check";
  return summary;
}

}  // namespace

class Dashboard::Routes {
 public:
  explicit Routes(Dashboard* d) : d_(d) {}

  void Mount(httplib::Server& http) {
    using Req = const httplib::Request&;
    using Res = httplib::Response&;
    http.Get("/dashboard/api/session",
             [this](Req q, Res r) { Guard(q, r, [&] { GetSession(q, r); }); });
    http.Post("/dashboard/api/sign-in",
              [this](Req q, Res r) { Guard(q, r, [&] { SignIn(q, r); }); });
    http.Post("/dashboard/api/sign-out", [this](Req q, Res r) {
      WithSession(q, r, true, [&](const Session&) { SignOut(q, r); });
    });
    http.Get("/dashboard/api/apps", [this](Req q, Res r) {
      WithSession(q, r, false, [&](const Session&) { ListApps(r); });
    });
    http.Post("/dashboard/api/apps", [this](Req q, Res r) {
      WithSession(q, r, true, [&](const Session&) { CreateApp(q, r); });
    });
    http.Post(R"(/dashboard/api/apps/([0-9A-Za-z_-]{1,128})/(rotate-key|enabled|quota))",
              [this](Req q, Res r) {
                WithSession(q, r, true, [&](const Session&) { ChangeApp(q, r); });
              });
    http.Get(R"(/dashboard/api/apps/([0-9A-Za-z_-]{1,128})/usage)", [this](Req q, Res r) {
      WithSession(q, r, false, [&](const Session&) { Usage(q, r); });
    });
    http.Get(R"(/dashboard/api/apps/([0-9A-Za-z_-]{1,128})/results)", [this](Req q, Res r) {
      WithSession(q, r, false, [&](const Session&) { ListResults(q, r); });
    });
    http.Get(R"(/dashboard/api/apps/([0-9A-Za-z_-]{1,128})/results/(ik|ip)/([A-Za-z0-9_-]{1,64}))",
             [this](Req q, Res r) {
               WithSession(q, r, false, [&](const Session&) { OpenResult(q, r); });
             });
    http.Delete(R"(/dashboard/api/apps/([0-9A-Za-z_-]{1,128})/results/([A-Za-z0-9_-]{1,64}))",
                [this](Req q, Res r) {
                  WithSession(q, r, true, [&](const Session&) { DeleteResult(q, r); });
                });
    http.Post("/dashboard/api/preview", [this](Req q, Res r) {
      WithSession(q, r, true, [&](const Session&) { Preview(q, r); });
    });
    // Anything else under /dashboard/api is an unknown call; other paths are
    // the application's files, or its page (the views live in the URL's hash).
    auto unknown = [this](Req q, Res r) {
      Guard(q, r, [&] {
        if (q.path == "/dashboard/api" || q.path.rfind("/dashboard/api/", 0) == 0) {
          return SendError(r, 404, "no such call");
        }
        if (q.method != "GET" && q.method != "HEAD") return SendError(r, 405, "method not allowed");
        ServeAsset(q, r);
      });
    };
    http.Get(R"(/dashboard(/.*)?)", unknown);
    http.Post(R"(/dashboard(/.*)?)", unknown);
    http.Put(R"(/dashboard(/.*)?)", unknown);
    http.Delete(R"(/dashboard(/.*)?)", unknown);
    http.Patch(R"(/dashboard(/.*)?)", unknown);
  }

 private:
  // Headers of every dashboard answer.
  template <typename Fn>
  void Guard(const httplib::Request&, httplib::Response& res, Fn fn) {
    res.set_header("Content-Security-Policy", kCsp);
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("Cache-Control", "no-store");
    res.set_header("Cross-Origin-Opener-Policy", "same-origin");
    fn();
  }

  // The client the sign-in limit counts: the TCP peer or, when the peer is a
  // trusted proxy, the last address of X-Forwarded-For (the one that proxy saw;
  // those before it are the client's own claims). A proxy that sends no usable
  // address is counted as itself.
  std::string ClientAddress(const httplib::Request& req) const {
    const auto& trusted = d_->options_.trusted_proxies;
    if (std::find(trusted.begin(), trusted.end(), req.remote_addr) == trusted.end()) {
      return req.remote_addr;
    }
    const size_t headers = req.get_header_value_count("X-Forwarded-For");
    if (headers == 0) return req.remote_addr;
    const std::string list = req.get_header_value("X-Forwarded-For", headers - 1);
    const size_t comma = list.find_last_of(',');
    std::string last = comma == std::string::npos ? list : list.substr(comma + 1);
    const size_t b = last.find_first_not_of(" \t");
    const size_t e = last.find_last_not_of(" \t");
    last = b == std::string::npos ? "" : last.substr(b, e - b + 1);
    const bool address = !last.empty() && last.size() <= 45 &&
                         last.find_first_not_of("0123456789abcdefABCDEF.:") == std::string::npos;
    return address ? last : req.remote_addr;
  }

  bool Secure(const httplib::Request& req) const {
    return d_->options_.tls || req.get_header_value("X-Forwarded-Proto") == "https";
  }

  std::string SetCookie(const httplib::Request& req, const std::string& name,
                        const std::string& value, int64_t max_age) const {
    std::string c = name + "=" + value + "; Path=/dashboard; HttpOnly; SameSite=Strict; Max-Age=" +
                    std::to_string(max_age);
    if (Secure(req)) c += "; Secure";
    return c;
  }

  // A browser sends Origin on cross-origin requests (and on same-origin POSTs):
  // when present it must be this server.
  bool SameOrigin(const httplib::Request& req) const {
    if (!req.has_header("Origin")) return true;
    const std::string origin = req.get_header_value("Origin");
    const std::string host = req.get_header_value("Host");
    return !host.empty() && (origin == "http://" + host || origin == "https://" + host);
  }

  bool CsrfOk(const httplib::Request& req, const std::string& expected) const {
    return SameOrigin(req) && SameSecret(req.get_header_value("X-CSRF-Token"), expected);
  }

  template <typename Fn>
  void WithSession(const httplib::Request& req, httplib::Response& res, bool changes, Fn fn) {
    Guard(req, res, [&] {
      Session session;
      Status s = d_->admins_.FindSession(Cookie(req, kSessionCookie), Now(), &session);
      if (s.code() == StatusCode::kNotFound) return SendError(res, 401, "please sign in");
      if (!s.ok()) return SendError(res, 503, "the database is busy; try again");
      if (changes && !CsrfOk(req, session.csrf)) {
        return SendError(res, 403, "the request's CSRF token is missing or wrong; reload the page");
      }
      fn(session);
    });
  }

  std::optional<json> Body(const httplib::Request& req, httplib::Response& res) {
    json body = json::parse(req.body, nullptr, false);
    if (!body.is_object()) {
      SendError(res, 400, "the body must be a JSON object");
      return std::nullopt;
    }
    return body;
  }

  void GetSession(const httplib::Request& req, httplib::Response& res) {
    Session session;
    if (d_->admins_.FindSession(Cookie(req, kSessionCookie), Now(), &session).ok()) {
      return SendJson(res, 200,
                      json{{"signed_in", true}, {"email", session.email}, {"csrf", session.csrf}});
    }
    // Not signed in: a fresh token for the sign-in form, also kept in a cookie
    // (a cross-site page can neither read the answer nor set the cookie).
    const std::string token = NewToken();
    res.set_header("Set-Cookie", SetCookie(req, kSignInCookie, token, 3600));
    SendJson(res, 200, json{{"signed_in", false}, {"csrf", token}});
  }

  void SignIn(const httplib::Request& req, httplib::Response& res) {
    if (!CsrfOk(req, Cookie(req, kSignInCookie))) {
      return SendError(res, 403, "the sign-in form has expired; reload the page");
    }
    auto body = Body(req, res);
    if (!body) return;
    auto email_in = StringField(*body, "email");
    auto password = StringField(*body, "password");
    std::string email;
    if (!email_in || !NormaliseEmail(*email_in, &email).ok()) {
      return SendError(res, 400, "enter your e-mail address", "email");
    }
    if (!password || password->empty())
      return SendError(res, 400, "enter your password", "password");

    SignInLimiter::Attempt attempt;
    int64_t wait = 0;
    if (!d_->limiter_.Admit(ClientAddress(req), email, Now(), &attempt, &wait).ok()) {
      return SendError(res, 503, "the database is busy; try again");
    }
    if (wait > 0) {
      res.set_header("Retry-After", std::to_string(wait));
      return SendError(res, 429,
                       "too many failed sign-ins; try again in " +
                           std::to_string((wait + 59) / 60) + " minute(s)");
    }
    // From here the attempt counts as failed unless the password is right.
    std::string hash;
    Status s = d_->admins_.FindAdmin(email, &hash);
    if (!s.ok() && s.code() != StatusCode::kNotFound) {
      return SendError(res, 503, "the database is busy; try again");
    }
    bool ok;
    if (s.ok()) {
      ok = VerifyPassword(hash, *password);
    } else {
      VerifyDummyPassword(*password);  // same time as a wrong password
      ok = false;
    }
    if (!ok) return SendError(res, 401, "wrong e-mail or password");
    if (!d_->limiter_.Succeeded(attempt).ok()) {
      return SendError(res, 503, "the database is busy; try again");
    }

    Session session{email, NewToken(), Now() + d_->options_.session_ttl.count()};
    const std::string token = NewToken();
    s = d_->admins_.CreateSession(token, session, Now());
    // Not found: the administrator was deleted while signing in.
    if (s.code() == StatusCode::kNotFound) return SendError(res, 401, "wrong e-mail or password");
    if (!s.ok()) return SendError(res, 503, "the database is busy; try again");
    res.set_header("Set-Cookie",
                   SetCookie(req, kSessionCookie, token, d_->options_.session_ttl.count()));
    res.headers.emplace("Set-Cookie", SetCookie(req, kSignInCookie, "", 0));
    SendJson(res, 200, json{{"signed_in", true}, {"email", email}, {"csrf", session.csrf}});
  }

  void SignOut(const httplib::Request& req, httplib::Response& res) {
    Status s = d_->admins_.DeleteSession(Cookie(req, kSessionCookie));
    if (!s.ok()) return SendError(res, 503, "the database is busy; try again");
    res.set_header("Set-Cookie", SetCookie(req, kSessionCookie, "", 0));
    SendJson(res, 200, json{{"signed_in", false}});
  }

  void ListApps(httplib::Response& res) {
    std::vector<store::App> apps;
    Status s = d_->store_->ListApps(&apps);
    if (!s.ok()) return SendError(res, 503, "the database is busy; try again");
    json list = json::array();
    for (const auto& a : apps) list.push_back(store::AppJson(a));
    SendJson(res, 200, json{{"apps", list}});
  }

  void CreateApp(const httplib::Request& req, httplib::Response& res) {
    auto body = Body(req, res);
    if (!body) return;
    auto name = StringField(*body, "name");
    if (!name) return SendError(res, 400, "the name must be a string", "name");
    if (Status bad = store::CheckAppName(*name); !bad.ok()) {
      return SendError(res, 400, bad.message(), "name");
    }
    store::AppMode mode;
    auto mode_name = StringField(*body, "mode");
    if (!mode_name || !store::ParseAppMode(*mode_name, &mode)) {
      return SendError(res, 400, "the mode must be testing or live", "mode");
    }
    auto quota = IntField(*body, "quota");
    if (!quota || *quota < 0 || *quota > kMaxQuota) {
      return SendError(res, 400, "the quota must be a whole number from 0 to 1000000000", "quota");
    }
    int64_t rate = 600;
    if (body->contains("rate_limit_per_minute")) {
      auto r = IntField(*body, "rate_limit_per_minute");
      if (!r || *r < 0 || *r > 1'000'000) {
        return SendError(res, 400, "the rate limit must be 0 (none) to 1000000 per minute",
                         "rate_limit_per_minute");
      }
      rate = *r;
    }
    store::NewCredentials cred;
    Status s = store::CreateApp(*d_->store_, *name, mode, *quota, static_cast<int>(rate), &cred);
    if (!s.ok()) return SendError(res, 503, "the application could not be created; try again");
    store::App app;
    s = d_->store_->FindApp(cred.app_id, &app);
    if (!s.ok()) return SendError(res, 503, "the database is busy; try again");
    SendJson(res, 201, json{{"app", store::AppJson(app)}, {"api_key", cred.api_key}});
  }

  void ChangeApp(const httplib::Request& req, httplib::Response& res) {
    const std::string id = req.matches[1];
    const std::string what = req.matches[2];
    Status s;
    json out;
    if (what == "rotate-key") {
      std::string key;
      s = store::RotateKey(*d_->store_, id, &key);
      out["api_key"] = key;
    } else {
      auto body = Body(req, res);
      if (!body) return;
      if (what == "enabled") {
        auto it = body->find("enabled");
        if (it == body->end() || !it->is_boolean()) {
          return SendError(res, 400, "enabled must be true or false", "enabled");
        }
        s = d_->store_->SetEnabled(id, it->get<bool>());
      } else {
        auto quota = IntField(*body, "quota");
        if (!quota || *quota < 0 || *quota > kMaxQuota) {
          return SendError(res, 400, "the quota must be a whole number from 0 to 1000000000",
                           "quota");
        }
        s = d_->store_->SetQuota(id, *quota);
      }
    }
    if (s.code() == StatusCode::kNotFound) return SendError(res, 404, "no such application");
    if (!s.ok()) return SendError(res, 503, "the database is busy; try again");
    store::App app;
    s = d_->store_->FindApp(id, &app);
    if (!s.ok()) return SendError(res, 503, "the database is busy; try again");
    out["app"] = store::AppJson(app);
    SendJson(res, 200, out);
  }

  // Finds the app of the path's first group; answers 404 itself when unknown.
  bool FindApp(const httplib::Request& req, httplib::Response& res, store::App* app) {
    Status s = d_->store_->FindApp(req.matches[1], app);
    if (s.code() == StatusCode::kNotFound) {
      SendError(res, 404, "no such application");
      return false;
    }
    if (!s.ok()) {
      SendError(res, 503, "the database is busy; try again");
      return false;
    }
    return true;
  }

  int64_t RetentionCutoff() const { return Now() - int64_t{d_->options_.retention_days} * 86400; }

  void Usage(const httplib::Request& req, httplib::Response& res) {
    store::App app;
    if (!FindApp(req, res, &app)) return;
    const int64_t now = Now();
    const int64_t since = now - int64_t{kUsageDays - 1} * 86400;
    std::vector<store::Store::UsageRow> rows;
    std::vector<store::Store::UnitsRow> units;
    std::vector<store::StoredResult> results;
    Status s = d_->store_->ListUsage(app.id, UtcDay(since), &rows);
    if (s.ok()) s = d_->store_->ListUnitsUsed(app.id, UtcDay(since), &units);
    if (s.ok()) {
      // Midnight of the first day, so that its results all count.
      s = d_->store_->ListResults(app.id, since - since % 86400, 1'000'000, false, &results);
    }
    if (!s.ok()) {
      return s.message() == "not supported"
                 ? SendError(res, 501, "this database does not report usage yet")
                 : SendError(res, 503, "the database is busy; try again");
    }
    json days = json::array();
    for (const DayUsage& d : SummariseUsage(rows, units, results, now, kUsageDays)) {
      days.push_back({{"day", d.day},
                      {"ok", d.ok},
                      {"client_errors", d.client_errors},
                      {"server_errors", d.server_errors},
                      {"units", d.units},
                      {"extractions", d.timed},
                      {"p50_ms", std::round(d.p50_ms)},
                      {"p95_ms", std::round(d.p95_ms)}});
    }
    SendJson(res, 200, json{{"app", store::AppJson(app)}, {"days", days}});
  }

  void ListResults(const httplib::Request& req, httplib::Response& res) {
    store::App app;
    if (!FindApp(req, res, &app)) return;
    std::vector<store::StoredResult> results;
    Status s = d_->store_->ListResults(app.id, RetentionCutoff(), kRecentResults, true, &results);
    if (!s.ok()) {
      return s.message() == "not supported"
                 ? SendError(res, 501, "this database does not list results yet")
                 : SendError(res, 503, "the database is busy; try again");
    }
    json list = json::array();
    for (const auto& r : results) list.push_back(ResultSummary(r));
    SendJson(res, 200, json{{"results", list}});
  }

  void OpenResult(const httplib::Request& req, httplib::Response& res) {
    store::StoredResult r;
    Status s = d_->store_->FindResult(req.matches[1], req.matches[3], req.matches[2],
                                      RetentionCutoff(), &r);
    if (s.code() == StatusCode::kNotFound) return SendError(res, 404, "no such result");
    if (!s.ok()) return SendError(res, 503, "the database is busy; try again");
    json data = json::parse(r.data_json, nullptr, false);
    if (data.is_discarded()) return SendError(res, 500, "the stored result is unreadable");
    SendJson(res, 200, json{{"data", data}});
  }

  void DeleteResult(const httplib::Request& req, httplib::Response& res) {
    Status s = d_->store_->DeleteResult(req.matches[1], req.matches[2]);
    if (s.code() == StatusCode::kNotFound) return SendError(res, 404, "no such result");
    if (!s.ok()) return SendError(res, 503, "the database is busy; try again");
    SendJson(res, 200, json{{"deleted", std::string(req.matches[2])}});
  }

  // A PDF page as PNG for the try-it page, which cannot draw a PDF itself: the
  // page the reader used, rendered as the reader renders it, so that the boxes
  // of the result (in the pixels of the page at the API's PDF resolution,
  // X-Submitted-Width/Height) fall where they belong. Nothing is stored.
  void Preview(const httplib::Request& req, httplib::Response& res) {
    int page = 1;
    if (req.has_param("page")) {
      const std::string p = req.get_param_value("page");
      page =
          (p.size() >= 1 && p.size() <= 3 && p.find_first_not_of("0123456789") == std::string::npos)
              ? std::stoi(p)
              : 0;
    }
    if (page < 1) return SendError(res, 400, "page must be a page number", "page");
    if (req.body.size() > kMaxPreviewBytes) {
      return SendError(res, 413, "the file is over 10 MB; the limit is 10 MB", "image");
    }
    std::unique_ptr<decode::Document> doc;
    Status s = decode::Document::Open(req.body, ReadLimits{}, &doc);
    if (!s.ok()) return SendError(res, 400, s.message(), "image");
    if (!doc->is_pdf()) return SendError(res, 400, "only a PDF needs a preview", "image");
    if (page > doc->page_count()) return SendError(res, 400, "the PDF has fewer pages", "page");
    decode::PageImage image;
    s = doc->Render(page, 0, &image);
    if (!s.ok()) return SendError(res, 400, s.message(), "image");
    const int width = static_cast<int>(std::lround(image.bgr.cols * image.to_submitted(0, 0)));
    const int height = static_cast<int>(std::lround(image.bgr.rows * image.to_submitted(1, 1)));
    cv::Mat shown = image.bgr;
    const int long_side = std::max(shown.cols, shown.rows);
    if (long_side > 1600) {
      const double f = 1600.0 / long_side;
      cv::resize(image.bgr, shown, cv::Size(), f, f, cv::INTER_AREA);
    }
    std::vector<unsigned char> png;
    if (!cv::imencode(".png", shown, png)) return SendError(res, 500, "cannot encode the page");
    res.set_header("X-Submitted-Width", std::to_string(width));
    res.set_header("X-Submitted-Height", std::to_string(height));
    res.set_content(reinterpret_cast<const char*>(png.data()), png.size(), "image/png");
  }

  void ServeAsset(const httplib::Request& req, httplib::Response& res) {
    std::string path =
        req.path == "/dashboard" ? "" : req.path.substr(std::string("/dashboard/").size());
    if (path.empty()) path = "index.html";
    const Asset* a = path.find("..") == std::string::npos ? FindAsset(path) : nullptr;
    if (!a) {
      res.status = 404;
      res.set_content("not found", "text/plain; charset=utf-8");
      return;
    }
    res.headers.erase("Cache-Control");  // files may be revalidated, API answers never kept
    res.set_header("Cache-Control", "no-cache");
    res.set_content(a->bytes.data(), a->bytes.size(), ContentTypeOf(a->path));
  }

  Dashboard* d_;
};

Dashboard::Dashboard(DashboardOptions options, store::Store* store)
    : options_(std::move(options)),
      store_(store),
      admins_(store),
      limiter_(store, options_.max_failures_per_account, options_.max_failures_per_address,
               options_.failure_window),
      routes_(std::make_unique<Routes>(this)) {}

Dashboard::~Dashboard() = default;

Status Dashboard::Open(DashboardOptions options, store::Store* store,
                       std::unique_ptr<Dashboard>* out) {
  Status s = store::InitCrypto();
  if (!s.ok()) return s;
  out->reset(new Dashboard(std::move(options), store));
  return Status::Ok();
}

bool Dashboard::Owns(const std::string& path) {
  return path == "/dashboard" || path.rfind("/dashboard/", 0) == 0;
}

void Dashboard::Mount(httplib::Server& http) { routes_->Mount(http); }

}  // namespace bpkb::dashboard
