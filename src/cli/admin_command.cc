// `bpkb-ocr admin ...`: the dashboard's administrators (issue 7), stored in the
// same database as the applications (the one `serve` is given: --db PATH or
// --database-url URL).
//  - `create --email E [--reset]`: the password is read from stdin: at a terminal
//    it is prompted for twice without echo; otherwise the first line of stdin is
//    taken (for scripts: `printf '%s\n' "$PW" | bpkb-ocr admin create --email E`).
//    Only an Argon2id hash of it is stored (dashboard/credentials.h). --reset sets
//    a new password and ends the sessions made with the old one.
//  - `list`: one JSON object per administrator on stdout (e-mail, created_at,
//    active_sessions); never a hash.
//  - `delete EMAIL`: deletes the administrator and ends their sessions on every
//    server at once (the servers read sessions from the store per request).
//  - `sign-out EMAIL`: ends the administrator's sessions, keeps the account.
// Exit codes: 0 done, 1 no such administrator or a database error, 2 bad usage.
#include <termios.h>
#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "dashboard/admin_db.h"
#include "dashboard/credentials.h"
#include "store/keys.h"
#include "store/store.h"

namespace bpkb::cli {
namespace {

struct AdminOptions {
  std::string db = "data/bpkb.sqlite";
  std::string database_url;
  std::string email;
  bool reset = false;
};

// Reads one line with the terminal's echo off.
std::string ReadHidden(const char* prompt) {
  std::cerr << prompt << std::flush;
  termios old{};
  const bool tty = tcgetattr(STDIN_FILENO, &old) == 0;
  if (tty) {
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::cerr << "\n";
  }
  return line;
}

int Fail(const Status& s) {
  std::cerr << "error: " << s.message() << "\n";
  return s.code() == StatusCode::kInvalidInput ? 2 : 1;
}

// Opens the store the options name; as `serve` does, a SQLite file may be the
// first thing in its folder.
Status Open(const AdminOptions& o, std::unique_ptr<store::Store>* st) {
  if (o.database_url.empty()) {
    const std::filesystem::path parent = std::filesystem::path(o.db).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  }
  return store::OpenStore(o.db, o.database_url, st);
}

int ListAdmins(const AdminOptions& o) {
  std::unique_ptr<store::Store> st;
  Status s = Open(o, &st);
  std::vector<store::Store::AdminInfo> admins;
  if (s.ok()) s = st->ListAdmins(static_cast<int64_t>(std::time(nullptr)), &admins);
  if (!s.ok()) return Fail(s);
  for (const auto& a : admins) {
    nlohmann::ordered_json line = {
        {"email", a.email}, {"created_at", a.created_at}, {"active_sessions", a.active_sessions}};
    std::cout << line.dump() << "\n";
  }
  return 0;
}

// `delete` (the account and its sessions) or `sign-out` (its sessions only).
int RemoveAdmin(const AdminOptions& o, bool keep_account) {
  std::string email;
  Status s = dashboard::NormaliseEmail(o.email, &email);
  if (!s.ok()) {
    std::cerr << "error: EMAIL: " << s.message() << "\n";
    return 2;
  }
  std::unique_ptr<store::Store> st;
  s = Open(o, &st);
  if (s.ok() && keep_account) {
    std::string hash;
    s = st->FindAdmin(email, &hash);
    if (s.ok()) s = st->DeleteSessionsOf(email);
  } else if (s.ok()) {
    s = st->DeleteAdmin(email);
  }
  if (s.code() == StatusCode::kNotFound) {
    std::cerr << "error: no administrator " << email << "\n";
    return 1;
  }
  if (!s.ok()) return Fail(s);
  std::cout << (keep_account ? "sessions of administrator " + email + " ended"
                             : "administrator " + email + " deleted; their sessions ended")
            << "\n";
  if (!keep_account) {
    std::vector<store::Store::AdminInfo> left;
    if (st->ListAdmins(0, &left).ok() && left.empty()) {
      std::cerr << "note: no administrator is left; `bpkb-ocr admin create` makes one\n";
    }
  }
  return 0;
}

int CreateAdmin(const AdminOptions& o) {
  std::string email;
  Status s = dashboard::NormaliseEmail(o.email, &email);
  if (!s.ok()) {
    std::cerr << "error: --email: " << s.message() << "\n";
    return 2;
  }
  std::string password;
  if (isatty(STDIN_FILENO)) {
    password = ReadHidden("Password: ");
    if (ReadHidden("Password again: ") != password) {
      std::cerr << "error: the passwords differ\n";
      return 2;
    }
  } else if (!std::getline(std::cin, password)) {
    std::cerr << "error: no password on stdin\n";
    return 2;
  }
  if (!password.empty() && password.back() == '\r') password.pop_back();
  s = store::InitCrypto();
  std::string hash;
  if (s.ok()) s = dashboard::HashPassword(password, &hash);
  std::unique_ptr<store::Store> st;
  if (s.ok()) s = Open(o, &st);
  if (s.ok()) {
    dashboard::AdminDb admins(st.get());
    s = admins.PutAdmin(email, hash, o.reset);
    // A new password signs out the sessions made with the old one.
    if (s.ok() && o.reset) s = admins.DeleteSessionsOf(email);
  }
  if (!s.ok()) return Fail(s);
  std::cout << "administrator " << email << (o.reset ? " updated" : " created") << "\n";
  return 0;
}

}  // namespace

void AddAdminCommand(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<AdminOptions>();
  CLI::App* cmd = app.add_subcommand("admin", "Manage the dashboard's administrators");
  cmd->require_subcommand(1);
  auto add_db_options = [&](CLI::App* sub) {
    sub->add_option("--db", o->db, "SQLite database file (the one `serve --db` uses)")
        ->capture_default_str();
    sub->add_option("--database-url", o->database_url,
                    "PostgreSQL URL (the one `serve --database-url` uses; instead of --db)");
  };

  CLI::App* create = cmd->add_subcommand(
      "create", "Create an administrator; the password is read from stdin or prompted for");
  create->add_option("--email", o->email, "The administrator's e-mail (the sign-in name)")
      ->required();
  create->add_flag("--reset", o->reset, "Set a new password for an existing administrator");
  add_db_options(create);
  create->callback([o, exit_code] { *exit_code = CreateAdmin(*o); });

  CLI::App* list =
      cmd->add_subcommand("list",
                          "List the administrators (one JSON object per line: email, created_at, "
                          "active_sessions)");
  add_db_options(list);
  list->callback([o, exit_code] { *exit_code = ListAdmins(*o); });

  CLI::App* del = cmd->add_subcommand(
      "delete", "Delete an administrator and end their sessions on every server");
  del->add_option("EMAIL", o->email, "The administrator's e-mail")->required();
  add_db_options(del);
  del->callback([o, exit_code] { *exit_code = RemoveAdmin(*o, false); });

  CLI::App* sign_out =
      cmd->add_subcommand("sign-out", "End an administrator's sessions; keep the account");
  sign_out->add_option("EMAIL", o->email, "The administrator's e-mail")->required();
  add_db_options(sign_out);
  sign_out->callback([o, exit_code] { *exit_code = RemoveAdmin(*o, true); });
}

}  // namespace bpkb::cli
