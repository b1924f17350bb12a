// `bpkb-ocr admin create --email E [--reset] [--db PATH | --database-url URL]`: an
// administrator of the dashboard (issue 7), stored in the same database as the
// applications (the one `serve` is given). The password is read from stdin: at a
// terminal it is prompted for twice without echo; otherwise the first line of
// stdin is taken (for scripts: `printf '%s\n' "$PW" | bpkb-ocr admin create --email E`).
// Only an Argon2id hash of it is stored (dashboard/credentials.h).
#include <termios.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

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
  if (s.ok() && o.database_url.empty()) {
    // As `serve` does: the SQLite file may be the first thing in its folder.
    const std::filesystem::path parent = std::filesystem::path(o.db).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  }
  if (s.ok()) s = store::OpenStore(o.db, o.database_url, &st);
  if (s.ok()) {
    dashboard::AdminDb admins(st.get());
    s = admins.PutAdmin(email, hash, o.reset);
    // A new password signs out the sessions made with the old one.
    if (s.ok() && o.reset) s = admins.DeleteSessionsOf(email);
  }
  if (!s.ok()) {
    std::cerr << "error: " << s.message() << "\n";
    return s.code() == StatusCode::kInvalidInput ? 2 : 1;
  }
  std::cout << "administrator " << email << (o.reset ? " updated" : " created") << "\n";
  return 0;
}

}  // namespace

void AddAdminCommand(CLI::App& app, int* exit_code) {
  auto o = std::make_shared<AdminOptions>();
  CLI::App* cmd = app.add_subcommand("admin", "Manage the dashboard's administrators");
  cmd->require_subcommand(1);
  CLI::App* create = cmd->add_subcommand(
      "create", "Create an administrator; the password is read from stdin or prompted for");
  create->add_option("--email", o->email, "The administrator's e-mail (the sign-in name)")
      ->required();
  create->add_flag("--reset", o->reset, "Set a new password for an existing administrator");
  create->add_option("--db", o->db, "SQLite database file (the one `serve --db` uses)")
      ->capture_default_str();
  create->add_option("--database-url", o->database_url,
                     "PostgreSQL URL (the one `serve --database-url` uses; instead of --db)");
  create->callback([o, exit_code] { *exit_code = CreateAdmin(*o); });
}

}  // namespace bpkb::cli
