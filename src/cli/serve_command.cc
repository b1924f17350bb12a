// `bpkb-ocr serve`: the HTTP API (service/server.h) until SIGTERM or SIGINT,
// which drain: requests in flight are answered before the process exits.
#include <pthread.h>
#include <signal.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "dashboard/dashboard.h"
#include "service/server.h"
#include "store/keys.h"
#include "store/store.h"

namespace bpkb::cli {
namespace {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string db = "data/bpkb.sqlite";
  std::string database_url;
  int workers = 0;
  int queue = -1;
  int request_timeout_ms = 60'000;
  int retention_days = 30;
  std::string root;
  bool demo_app = false;
  std::string log_level = "info";
  std::vector<std::string> trusted_proxies;
};

// On first start (no application yet) makes a testing app and prints its key.
Status EnsureDemoApp(store::Store& st) {
  std::vector<store::App> apps;
  Status s = st.ListApps(&apps);
  if (!s.ok()) return s;
  for (const store::App& a : apps) {
    if (a.name == "demo") {
      std::cout << "demo application: App-ID " << a.id
                << " (its API-Key was shown when it was created; `bpkb-ocr app rotate-key " << a.id
                << "` issues a new one)" << std::endl;
      return Status::Ok();
    }
  }
  store::NewCredentials cred;
  s = store::CreateApp(st, "demo", store::AppMode::kTesting, 1000, 600, &cred);
  if (!s.ok()) return s;
  std::cout << "demo application created (testing mode, quota 1000); keep the key, it is shown "
               "only now:\n"
            << nlohmann::ordered_json{{"app_id", cred.app_id}, {"api_key", cred.api_key}}.dump()
            << std::endl;
  return Status::Ok();
}

// The thread that waits for the stop signals (Serve's).
pthread_t g_waiter;

// Threads that libraries start before main (OpenBLAS's pool, loaded with
// OpenCV) do not block the stop signals, and the kernel may hand SIGTERM to
// one of them: its default action would end the process without draining.
// This handler passes such a signal on to the waiting thread instead.
void PassStopSignal(int sig) { pthread_kill(g_waiter, sig); }

int Serve(const ServeOptions& o) {
  // Block the stop signals in every thread made from here on; this one waits
  // for them below.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  g_waiter = pthread_self();
  struct sigaction pass = {};
  pass.sa_handler = PassStopSignal;
  sigemptyset(&pass.sa_mask);
  sigaction(SIGTERM, &pass, nullptr);
  sigaction(SIGINT, &pass, nullptr);
  signal(SIGPIPE, SIG_IGN);

  Status s = store::InitCrypto();
  if (s.ok() && o.database_url.empty()) {
    std::filesystem::path parent = std::filesystem::path(o.db).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  }
  std::unique_ptr<store::Store> st;
  if (s.ok()) s = store::OpenStore(o.db, o.database_url, &st);
  if (s.ok() && o.demo_app) s = EnsureDemoApp(*st);
  // The dashboard (issue 7) keeps its administrators in the same store.
  std::unique_ptr<dashboard::Dashboard> dash;
  dashboard::DashboardOptions dash_options;
  dash_options.retention_days = o.retention_days;
  dash_options.trusted_proxies = o.trusted_proxies;
  if (s.ok()) s = dashboard::Dashboard::Open(dash_options, st.get(), &dash);
  if (!s.ok()) {
    std::cerr << "error: " << s.message() << "\n";
    return 1;
  }

  service::ServerConfig config;
  config.host = o.host;
  config.port = o.port;
  config.workers = o.workers;
  config.queue = o.queue;
  config.request_timeout = std::chrono::milliseconds(o.request_timeout_ms);
  config.retention_days = o.retention_days;
  config.root = o.root;
  config.log_level = o.log_level;
  config.mount = [&dash](httplib::Server& http) { dash->Mount(http); };
  config.mounted = dashboard::Dashboard::Owns;
  service::Server server(config, st.get());
  s = server.Start();
  if (!s.ok()) {
    std::cerr << "error: " << s.message() << "\n";
    return 1;
  }
  std::cout << "serving on http://" << o.host << ":" << server.port() << std::endl;

  int sig = 0;
  sigwait(&stop_signals, &sig);
  server.Shutdown();
  return 0;
}

}  // namespace

void AddServeCommand(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<ServeOptions>();
  CLI::App* cmd = app.add_subcommand("serve", "Serve the HTTP API (API.md)");
  cmd->add_option("--host", o->host, "Address to listen on")->capture_default_str();
  cmd->add_option("--port", o->port, "Port (0: any free port)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  auto* db = cmd->add_option("--db", o->db, "SQLite database file")->capture_default_str();
  cmd->add_option("--database-url", o->database_url, "PostgreSQL URL instead of --db")
      ->excludes(db);
  cmd->add_option("--workers", o->workers, "OCR workers (0: one per core)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--queue", o->queue, "Requests that may wait for a worker (default: workers)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--request-timeout-ms", o->request_timeout_ms, "Time limit of one request")
      ->check(CLI::Range(100, 600'000))
      ->capture_default_str();
  cmd->add_option("--retention-days", o->retention_days, "Days a stored result is kept")
      ->check(CLI::Range(0, 36500))
      ->capture_default_str();
  cmd->add_option("--root", o->root, "Folder of models and reference data");
  cmd->add_flag("--demo-app", o->demo_app,
                "Create a demo testing application on first start and print its key");
  cmd->add_option("--log-level", o->log_level, "trace, debug, info, warn, error, off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}))
      ->capture_default_str();
  cmd->add_option("--trusted-proxy", o->trusted_proxies,
                  "Address of a reverse proxy whose X-Forwarded-For names the client (for the "
                  "dashboard's sign-in limit); repeatable");
  cmd->callback([o, exit_code] { *exit_code = Serve(*o); });
}

}  // namespace bpkb::cli
