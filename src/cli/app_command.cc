// `bpkb-ocr app ...`: manage applications in the store (DESIGN.md, CLI contract).
// Changes take effect on the server's next request: it reads the app per request.
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/commands.h"
#include "store/app_json.h"
#include "store/keys.h"
#include "store/store.h"

namespace bpkb::cli {
namespace {

struct AppOptions {
  std::string db = "data/bpkb.sqlite";
  std::string database_url;
  std::string name;
  std::string mode = "testing";
  int64_t quota = 100;
  int rate_limit = 600;
  std::string app_id;
  int64_t new_quota = 0;
};

int Fail(const Status& s) {
  std::cerr << "error: " << s.message() << "\n";
  return s.code() == StatusCode::kInvalidInput ? 2 : 1;
}

// Opens the store and runs `body` on it; returns the exit code.
template <typename Body>
int WithStore(const AppOptions& o, Body body) {
  Status s = store::InitCrypto();
  std::unique_ptr<store::Store> st;
  if (s.ok()) s = store::OpenStore(o.db, o.database_url, &st);
  if (!s.ok()) return Fail(s);
  return body(*st);
}

void AddDbOptions(CLI::App* cmd, AppOptions* o) {
  cmd->add_option("--db", o->db, "SQLite database file")->capture_default_str();
  cmd->add_option("--database-url", o->database_url, "PostgreSQL URL (instead of --db)");
}

}  // namespace

void AddAppCommand(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<AppOptions>();
  CLI::App* cmd = app.add_subcommand("app", "Manage applications (App-ID, API-Key, quota)");
  cmd->require_subcommand(1);

  CLI::App* create = cmd->add_subcommand("create", "Create an application; prints its key once");
  create->add_option("--name", o->name, "Application name")->required();
  create->add_option("--mode", o->mode, "testing (metered by quota) or live")
      ->check(CLI::IsMember({"testing", "live"}))
      ->capture_default_str();
  create->add_option("--quota", o->quota, "Units of quota (testing mode)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  create->add_option("--rate-limit", o->rate_limit, "Requests per minute (0: unlimited)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  AddDbOptions(create, o.get());
  create->callback([o, exit_code] {
    *exit_code = WithStore(*o, [&](store::Store& st) {
      store::AppMode mode;
      store::ParseAppMode(o->mode, &mode);
      store::NewCredentials cred;
      Status s = store::CreateApp(st, o->name, mode, o->quota, o->rate_limit, &cred);
      if (!s.ok()) return Fail(s);
      nlohmann::ordered_json out = {{"app_id", cred.app_id}, {"api_key", cred.api_key}};
      std::cout << out.dump() << "\n";
      return 0;
    });
  });

  CLI::App* list = cmd->add_subcommand("list", "List applications (one JSON object per line)");
  AddDbOptions(list, o.get());
  list->callback([o, exit_code] {
    *exit_code = WithStore(*o, [&](store::Store& st) {
      std::vector<store::App> apps;
      Status s = st.ListApps(&apps);
      if (!s.ok()) return Fail(s);
      for (const store::App& a : apps) std::cout << store::AppJson(a).dump() << "\n";
      return 0;
    });
  });

  auto add_by_id = [&](const char* name, const char* help, auto action) {
    CLI::App* sub = cmd->add_subcommand(name, help);
    sub->add_option("APP_ID", o->app_id, "The App-ID")->required();
    AddDbOptions(sub, o.get());
    sub->callback([o, exit_code, action] {
      *exit_code = WithStore(*o, [&](store::Store& st) { return action(st, *o); });
    });
    return sub;
  };
  auto print_app = [](store::Store& st, const std::string& id) {
    store::App a;
    Status s = st.FindApp(id, &a);
    if (!s.ok()) return Fail(s);
    std::cout << store::AppJson(a).dump() << "\n";
    return 0;
  };

  add_by_id("disable", "Refuse the application's requests from the next one on",
            [print_app](store::Store& st, const AppOptions& opt) {
              Status s = st.SetEnabled(opt.app_id, false);
              return s.ok() ? print_app(st, opt.app_id) : Fail(s);
            });
  add_by_id("enable", "Accept the application's requests again",
            [print_app](store::Store& st, const AppOptions& opt) {
              Status s = st.SetEnabled(opt.app_id, true);
              return s.ok() ? print_app(st, opt.app_id) : Fail(s);
            });
  add_by_id("rotate-key", "Issue a new API-Key; the old one stops working at once",
            [](store::Store& st, const AppOptions& opt) {
              std::string key;
              Status s = store::RotateKey(st, opt.app_id, &key);
              if (!s.ok()) return Fail(s);
              nlohmann::ordered_json out = {{"app_id", opt.app_id}, {"api_key", key}};
              std::cout << out.dump() << "\n";
              return 0;
            });
  CLI::App* quota = add_by_id("set-quota", "Set the remaining quota units",
                              [print_app](store::Store& st, const AppOptions& opt) {
                                Status s = st.SetQuota(opt.app_id, opt.new_quota);
                                return s.ok() ? print_app(st, opt.app_id) : Fail(s);
                              });
  quota->add_option("N", o->new_quota, "Units")->required()->check(CLI::NonNegativeNumber);
}

}  // namespace bpkb::cli
