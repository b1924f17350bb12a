// AdminDb: the dashboard's own tables (administrators and sign-in sessions) in
// the service's SQLite file, beside the store's tables, on a connection of its
// own. Created when missing; safe to use from several threads and processes.
// With a PostgreSQL store (--database-url) this is still the SQLite file that
// `--db` names (default data/bpkb.sqlite): the accounts are per deployment
// folder, not in PostgreSQL.
//
// A session row keeps only the hash of its cookie token (credentials.h) and the
// CSRF token that every state-changing request of that session must echo.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "bpkb/status.h"

struct sqlite3;

namespace bpkb::dashboard {

struct Session {
  std::string email;
  std::string csrf;
  int64_t expires_at = 0;  // unix seconds
};

class AdminDb {
 public:
  static Status Open(const std::string& path, std::unique_ptr<AdminDb>* out);
  ~AdminDb();
  AdminDb(const AdminDb&) = delete;
  AdminDb& operator=(const AdminDb&) = delete;

  // Creates the administrator or, with `replace`, sets a new password for an
  // existing one (kInvalidInput when it exists and !replace).
  Status PutAdmin(const std::string& email, const std::string& password_hash, bool replace);
  // kNotFound when there is no such administrator.
  Status FindAdmin(const std::string& email, std::string* password_hash);

  // Stores a new session; `token` is the cookie value (only its hash is kept).
  Status CreateSession(const std::string& token, const Session& session, int64_t now);
  // kNotFound for an unknown or expired token.
  Status FindSession(const std::string& token, int64_t now, Session* session);
  Status DeleteSession(const std::string& token);
  // Signs out every session of `email` (after a password change).
  Status DeleteSessionsOf(const std::string& email);

 private:
  explicit AdminDb(sqlite3* db) : db_(db) {}
  Status Exec(const char* sql);

  std::mutex mu_;
  sqlite3* db_;
};

// Lower-cases and trims an e-mail; kInvalidInput when it does not look like one.
Status NormaliseEmail(const std::string& in, std::string* out);

}  // namespace bpkb::dashboard
