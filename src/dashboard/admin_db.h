// AdminDb: the dashboard's administrators and sign-in sessions, kept by the
// Store (store.h) in the same database as the applications: the SQLite file of
// `--db`, or PostgreSQL with `--database-url`, so that every server sharing the
// database shares the accounts and a session made on one server is valid on
// all. This adapter hashes session tokens before they reach the store (only
// the hash is kept, credentials.h) and refuses implausible tokens early.
//
// A session keeps the CSRF token that every state-changing request of that
// session must echo.
#pragma once

#include <cstdint>
#include <string>

#include "bpkb/status.h"
#include "store/store.h"

namespace bpkb::dashboard {

using Session = store::Store::AdminSession;

class AdminDb {
 public:
  // `store` must outlive the AdminDb.
  explicit AdminDb(store::Store* store) : store_(store) {}

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
  store::Store* store_;
};

// Lower-cases and trims an e-mail; kInvalidInput when it does not look like one.
Status NormaliseEmail(const std::string& in, std::string* out);

}  // namespace bpkb::dashboard
