#include "dashboard/admin_db.h"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <filesystem>

#include "dashboard/credentials.h"

namespace bpkb::dashboard {
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS dashboard_admins (
  email TEXT PRIMARY KEY,
  password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS dashboard_sessions (
  token_hash TEXT PRIMARY KEY,
  email TEXT NOT NULL,
  csrf TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS dashboard_sessions_expires ON dashboard_sessions (expires_at);
)sql";

// A prepared statement that finalizes itself.
class Query {
 public:
  Query(sqlite3* db, const char* sql) : db_(db) {
    rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr);
  }
  ~Query() { sqlite3_finalize(stmt_); }
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  Query& Bind(int i, const std::string& v) {
    if (rc_ == SQLITE_OK)
      sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Query& Bind(int i, int64_t v) {
    if (rc_ == SQLITE_OK) sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  int Step() { return rc_ == SQLITE_OK ? sqlite3_step(stmt_) : rc_; }
  std::string Text(int col) const {
    const unsigned char* p = sqlite3_column_text(stmt_, col);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<size_t>(sqlite3_column_bytes(stmt_, col)))
             : std::string();
  }
  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  Status Error(const char* what) const {
    return Status::Unavailable(std::string("dashboard database: ") + what + ": " +
                               sqlite3_errmsg(db_));
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  int rc_;
};

}  // namespace

Status NormaliseEmail(const std::string& in, std::string* out) {
  size_t b = 0, e = in.size();
  while (b < e && std::isspace(static_cast<unsigned char>(in[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(in[e - 1]))) --e;
  std::string s = in.substr(b, e - b);
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const size_t at = s.find('@');
  const bool ok = s.size() >= 3 && s.size() <= 254 && at != std::string::npos && at > 0 &&
                  at + 1 < s.size() && s.find('@', at + 1) == std::string::npos &&
                  std::none_of(s.begin(), s.end(),
                               [](unsigned char c) { return std::isspace(c) || std::iscntrl(c); });
  if (!ok) return Status::InvalidInput("email", "not an e-mail address");
  *out = s;
  return Status::Ok();
}

Status AdminDb::Open(const std::string& path, std::unique_ptr<AdminDb>* out) {
  // With a PostgreSQL store the SQLite file may be the only thing under its
  // folder: make the folder, as `serve` does for its own SQLite store.
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  std::error_code ec;
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  sqlite3* db = nullptr;
  int rc =
      sqlite3_open_v2(path.c_str(), &db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return Status::Unavailable("cannot open database " + path + ": " + msg);
  }
  sqlite3_busy_timeout(db, 10'000);
  std::unique_ptr<AdminDb> a(new AdminDb(db));
  Status s = a->Exec("PRAGMA journal_mode=WAL");
  if (s.ok()) s = a->Exec(kSchema);
  if (!s.ok()) return s;
  *out = std::move(a);
  return Status::Ok();
}

AdminDb::~AdminDb() { sqlite3_close_v2(db_); }

Status AdminDb::Exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = std::string("dashboard database: ") + (err ? err : "?");
    sqlite3_free(err);
    return Status::Unavailable(msg);
  }
  return Status::Ok();
}

Status AdminDb::PutAdmin(const std::string& email, const std::string& password_hash, bool replace) {
  std::lock_guard<std::mutex> lock(mu_);
  Query q(db_, replace ? "INSERT INTO dashboard_admins (email, password_hash, created_at) "
                         "VALUES (?, ?, ?) ON CONFLICT (email) DO UPDATE SET "
                         "password_hash = excluded.password_hash"
                       : "INSERT INTO dashboard_admins (email, password_hash, created_at) "
                         "VALUES (?, ?, ?)");
  q.Bind(1, email).Bind(2, password_hash).Bind(3, static_cast<int64_t>(std::time(nullptr)));
  int rc = q.Step();
  if (rc == SQLITE_CONSTRAINT) {
    return Status::InvalidInput("email",
                                "an administrator with this e-mail exists "
                                "(use --reset to set a new password)");
  }
  if (rc != SQLITE_DONE) return q.Error("put admin");
  return Status::Ok();
}

Status AdminDb::FindAdmin(const std::string& email, std::string* password_hash) {
  std::lock_guard<std::mutex> lock(mu_);
  Query q(db_, "SELECT password_hash FROM dashboard_admins WHERE email = ?");
  q.Bind(1, email);
  int rc = q.Step();
  if (rc == SQLITE_DONE) return Status::NotFound("no such administrator");
  if (rc != SQLITE_ROW) return q.Error("find admin");
  *password_hash = q.Text(0);
  return Status::Ok();
}

Status AdminDb::CreateSession(const std::string& token, const Session& session, int64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  {
    // Old sessions go when new ones come: the table never grows without bound.
    Query purge(db_, "DELETE FROM dashboard_sessions WHERE expires_at <= ?");
    purge.Bind(1, now);
    if (purge.Step() != SQLITE_DONE) return purge.Error("purge sessions");
  }
  Query q(db_,
          "INSERT INTO dashboard_sessions (token_hash, email, csrf, created_at, expires_at) "
          "VALUES (?, ?, ?, ?, ?)");
  q.Bind(1, TokenHash(token)).Bind(2, session.email).Bind(3, session.csrf).Bind(4, now);
  q.Bind(5, session.expires_at);
  if (q.Step() != SQLITE_DONE) return q.Error("create session");
  return Status::Ok();
}

Status AdminDb::FindSession(const std::string& token, int64_t now, Session* session) {
  if (token.empty() || token.size() > 128) return Status::NotFound("no session");
  std::lock_guard<std::mutex> lock(mu_);
  Query q(db_,
          "SELECT s.email, s.csrf, s.expires_at FROM dashboard_sessions s "
          "JOIN dashboard_admins a ON a.email = s.email "
          "WHERE s.token_hash = ? AND s.expires_at > ?");
  q.Bind(1, TokenHash(token)).Bind(2, now);
  int rc = q.Step();
  if (rc == SQLITE_DONE) return Status::NotFound("no session");
  if (rc != SQLITE_ROW) return q.Error("find session");
  session->email = q.Text(0);
  session->csrf = q.Text(1);
  session->expires_at = q.Int(2);
  return Status::Ok();
}

Status AdminDb::DeleteSession(const std::string& token) {
  std::lock_guard<std::mutex> lock(mu_);
  Query q(db_, "DELETE FROM dashboard_sessions WHERE token_hash = ?");
  q.Bind(1, TokenHash(token));
  if (q.Step() != SQLITE_DONE) return q.Error("delete session");
  return Status::Ok();
}

Status AdminDb::DeleteSessionsOf(const std::string& email) {
  std::lock_guard<std::mutex> lock(mu_);
  Query q(db_, "DELETE FROM dashboard_sessions WHERE email = ?");
  q.Bind(1, email);
  if (q.Step() != SQLITE_DONE) return q.Error("delete sessions");
  return Status::Ok();
}

}  // namespace bpkb::dashboard
