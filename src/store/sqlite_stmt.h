// Small helpers over the SQLite C API for SqliteStore: a prepared statement that
// finalizes itself, running plain SQL, and opening a file the way every
// connection of ours must be opened (WAL, 10 s busy timeout, foreign keys).
// Errors are kUnavailable Statuses that name the operation and SQLite's reason,
// never row data.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>

#include "bpkb/status.h"

namespace bpkb::store {

class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) : db_(db) {
    rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr);
  }
  Stmt(sqlite3* db, const std::string& sql) : Stmt(db, sql.c_str()) {}
  ~Stmt() { sqlite3_finalize(stmt_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  // Binding to a statement that failed to prepare does nothing; Step() then
  // returns the preparation's error.
  Stmt& Bind(int i, const std::string& v) {
    if (rc_ == SQLITE_OK)
      sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& Bind(int i, int64_t v) {
    if (rc_ == SQLITE_OK) sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  Stmt& Bind(int i, double v) {
    if (rc_ == SQLITE_OK) sqlite3_bind_double(stmt_, i, v);
    return *this;
  }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int Step() { return rc_ == SQLITE_OK ? sqlite3_step(stmt_) : rc_; }
  std::string Text(int col) const {
    const unsigned char* p = sqlite3_column_text(stmt_, col);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<size_t>(sqlite3_column_bytes(stmt_, col)))
             : std::string();
  }
  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Real(int col) const { return sqlite3_column_double(stmt_, col); }
  // Rows changed by the last INSERT/UPDATE/DELETE on this connection.
  int64_t Changes() const { return sqlite3_changes(db_); }
  Status Error(const char* what) const {
    return Status::Unavailable(std::string("database: ") + what + ": " + sqlite3_errmsg(db_));
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  int rc_;
};

// Runs one or more statements without results.
inline Status ExecSql(sqlite3* db, const char* sql, const char* what) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = std::string("database: ") + what + ": " + (err ? err : "?");
    sqlite3_free(err);
    return Status::Unavailable(msg);
  }
  return Status::Ok();
}

// Opens (creating when missing) `path` and configures the connection; on
// success the caller owns *db (sqlite3_close_v2).
inline Status OpenSqliteFile(const std::string& path, sqlite3** db) {
  *db = nullptr;
  sqlite3* h = nullptr;
  int rc =
      sqlite3_open_v2(path.c_str(), &h,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = h ? sqlite3_errmsg(h) : "out of memory";
    sqlite3_close_v2(h);
    return Status::Unavailable("cannot open database " + path + ": " + msg);
  }
  // Several processes may share the file: wait for each other's locks.
  sqlite3_busy_timeout(h, 10'000);
  for (const char* pragma :
       {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON"}) {
    Status s = ExecSql(h, pragma, "configure");
    if (!s.ok()) {
      sqlite3_close_v2(h);
      return Status::Unavailable("cannot configure database " + path + ": " + s.message());
    }
  }
  *db = h;
  return Status::Ok();
}

}  // namespace bpkb::store
