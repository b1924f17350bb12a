#include "store/sqlite_store.h"

#include <algorithm>
#include <ctime>
#include <mutex>

#include "store/sqlite_stmt.h"

namespace bpkb::store {
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS apps (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  mode TEXT NOT NULL,
  quota INTEGER NOT NULL DEFAULT 0,
  enabled INTEGER NOT NULL DEFAULT 1,
  rate_limit_per_minute INTEGER NOT NULL DEFAULT 600,
  key_salt TEXT NOT NULL,
  key_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS results (
  id TEXT PRIMARY KEY,
  app_id TEXT NOT NULL,
  reference_id TEXT NOT NULL,
  page_kind TEXT NOT NULL,
  data_json TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  processing_ms REAL NOT NULL DEFAULT 0,
  total_ms REAL NOT NULL DEFAULT 0,
  UNIQUE (app_id, reference_id)
);
CREATE INDEX IF NOT EXISTS results_created_at ON results (created_at);
CREATE TABLE IF NOT EXISTS usage (
  app_id TEXT NOT NULL,
  day TEXT NOT NULL,
  status INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (app_id, day, status)
);
CREATE TABLE IF NOT EXISTS quota_charges (
  app_id TEXT NOT NULL,
  day TEXT NOT NULL,
  units INTEGER NOT NULL,
  PRIMARY KEY (app_id, day)
);
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
CREATE TABLE IF NOT EXISTS dashboard_sign_in_attempts (
  key_hash TEXT NOT NULL,
  attempt TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (attempt, key_hash)
);
CREATE INDEX IF NOT EXISTS dashboard_sign_in_attempts_key
  ON dashboard_sign_in_attempts (key_hash, at);
CREATE INDEX IF NOT EXISTS dashboard_sign_in_attempts_at ON dashboard_sign_in_attempts (at);
)sql";

// PRAGMA user_version of a file whose schema is kSchema. Files made before
// version 1 (no quota_charges; the dashboard tables, when present, were made by
// the dashboard itself with the same columns) get the missing tables, and their
// units used are rebuilt from the results they still hold: charges of results
// deleted or purged before the upgrade were never recorded and stay lost.
// Version 2 adds the sign-in attempts (the rate limit, shared by processes).
constexpr int64_t kSchemaVersion = 2;
constexpr const char* kBackfillCharges = R"sql(
INSERT OR IGNORE INTO quota_charges (app_id, day, units)
SELECT app_id, strftime('%Y-%m-%d', created_at, 'unixepoch'), COUNT(*) FROM results
GROUP BY app_id, strftime('%Y-%m-%d', created_at, 'unixepoch');
)sql";

constexpr const char* kAppColumns =
    "id, name, mode, quota, enabled, rate_limit_per_minute, key_salt, key_hash, created_at";

Status AdminExists() {
  return Status::InvalidInput("email",
                              "an administrator with this e-mail exists "
                              "(use --reset to set a new password)");
}

void ReadApp(const Stmt& q, App* app) {
  app->id = q.Text(0);
  app->name = q.Text(1);
  ParseAppMode(q.Text(2), &app->mode);
  app->quota = q.Int(3);
  app->enabled = q.Int(4) != 0;
  app->rate_limit_per_minute = static_cast<int>(q.Int(5));
  app->key_salt = q.Text(6);
  app->key_hash = q.Text(7);
  app->created_at = q.Int(8);
}

class SqliteStore : public Store {
 public:
  explicit SqliteStore(sqlite3* db) : db_(db) {}
  ~SqliteStore() override { sqlite3_close_v2(db_); }

  Status Migrate() override {
    std::lock_guard<std::mutex> lock(mu_);
    int64_t version = 0;
    Status s = SchemaVersion(&version);
    if (!s.ok() || version >= kSchemaVersion) return s;
    // IMMEDIATE: processes opening an old file together upgrade it once; the
    // second one finds the new version inside its own transaction.
    s = Exec("BEGIN IMMEDIATE", "migrate");
    if (!s.ok()) return s;
    s = SchemaVersion(&version);
    if (s.ok() && version < kSchemaVersion) {
      s = Exec(kSchema, "migrate");
      if (s.ok() && version < 1) s = Exec(kBackfillCharges, "migrate: units used");
      if (s.ok()) {
        s = Exec(("PRAGMA user_version = " + std::to_string(kSchemaVersion)).c_str(), "migrate");
      }
    }
    if (s.ok()) s = Exec("COMMIT", "migrate");
    if (!s.ok()) Exec("ROLLBACK", "rollback");
    return s;
  }

  Status InsertApp(const App& app) override {
    std::lock_guard<std::mutex> lock(mu_);
    Stmt q(db_,
           "INSERT INTO apps (id, name, mode, quota, enabled, rate_limit_per_minute, key_salt, "
           "key_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.Bind(1, app.id).Bind(2, app.name).Bind(3, std::string(AppModeName(app.mode)));
    q.Bind(4, app.quota).Bind(5, int64_t{app.enabled ? 1 : 0});
    q.Bind(6, int64_t{app.rate_limit_per_minute}).Bind(7, app.key_salt).Bind(8, app.key_hash);
    q.Bind(9, app.created_at);
    if (q.Step() != SQLITE_DONE) return q.Error("insert app");
    return Status::Ok();
  }

  Status FindApp(const std::string& app_id, App* app) override {
    std::lock_guard<std::mutex> lock(mu_);
    Stmt q(db_, (std::string("SELECT ") + kAppColumns + " FROM apps WHERE id = ?").c_str());
    q.Bind(1, app_id);
    int rc = q.Step();
    if (rc == SQLITE_DONE) return Status::NotFound("no such application");
    if (rc != SQLITE_ROW) return q.Error("find app");
    ReadApp(q, app);
    return Status::Ok();
  }

  Status ListApps(std::vector<App>* apps) override {
    std::lock_guard<std::mutex> lock(mu_);
    Stmt q(db_,
           (std::string("SELECT ") + kAppColumns + " FROM apps ORDER BY created_at, id").c_str());
    apps->clear();
    int rc;
    while ((rc = q.Step()) == SQLITE_ROW) {
      apps->emplace_back();
      ReadApp(q, &apps->back());
    }
    if (rc != SQLITE_DONE) return q.Error("list apps");
    return Status::Ok();
  }

  Status SetEnabled(const std::string& app_id, bool enabled) override {
    return UpdateApp("UPDATE apps SET enabled = ? WHERE id = ?", int64_t{enabled ? 1 : 0}, app_id);
  }

  Status SetQuota(const std::string& app_id, int64_t quota) override {
    return UpdateApp("UPDATE apps SET quota = ? WHERE id = ?", quota, app_id);
  }

  Status SetKey(const std::string& app_id, const std::string& salt_hex,
                const std::string& hash_hex) override {
    std::lock_guard<std::mutex> lock(mu_);
    Stmt q(db_, "UPDATE apps SET key_salt = ?, key_hash = ? WHERE id = ?");
    q.Bind(1, salt_hex).Bind(2, hash_hex).Bind(3, app_id);
    if (q.Step() != SQLITE_DONE) return q.Error("set key");
    if (q.Changes() == 0) return Status::NotFound("no such application");
    return Status::Ok();
  }

  Status SaveResult(const StoredResult& r, SaveOutcome* outcome) override {
    std::lock_guard<std::mutex> lock(mu_);
    // IMMEDIATE: take the write lock before reading the quota, so that another
    // process cannot spend the same unit between our check and our write.
    Status s = Exec("BEGIN IMMEDIATE", "begin");
    if (!s.ok()) return s;
    s = SaveInTransaction(r, outcome);
    if (s.ok() && *outcome == SaveOutcome::kSaved) {
      s = Exec("COMMIT", "commit");
      if (s.ok()) return s;
    }
    Exec("ROLLBACK", "rollback");
    return s;
  }

  Status FindResult(const std::string& app_id, const std::string& reference_id,
                    const std::string& page_kind, int64_t not_before, StoredResult* r) override {
    std::lock_guard<std::mutex> lock(mu_);
    Stmt q(db_,
           "SELECT id, reference_id, app_id, page_kind, data_json, created_at, processing_ms, "
           "total_ms FROM results WHERE app_id = ? AND reference_id = ? AND page_kind = ? "
           "AND created_at >= ?");
    q.Bind(1, app_id).Bind(2, reference_id).Bind(3, page_kind).Bind(4, not_before);
    int rc = q.Step();
    if (rc == SQLITE_DONE) return Status::NotFound("no such result");
    if (rc != SQLITE_ROW) return q.Error("find result");
    r->id = q.Text(0);
    r->reference_id = q.Text(1);
    r->app_id = q.Text(2);
    r->page_kind = q.Text(3);
    r->data_json = q.Text(4);
    r->created_at = q.Int(5);
    r->processing_ms = q.Real(6);
    r->total_ms = q.Real(7);
    return Status::Ok();
  }

  Status DeleteResult(const std::string& app_id, const std::string& reference_id) override {
    std::lock_guard<std::mutex> lock(mu_);
    Stmt q(db_, "DELETE FROM results WHERE app_id = ? AND reference_id = ?");
    q.Bind(1, app_id).Bind(2, reference_id);
    if (q.Step() != SQLITE_DONE) return q.Error("delete result");
    if (q.Changes() == 0) return Status::NotFound("no such result");
    return Status::Ok();
  }

  Status PurgeResultsBefore(int64_t cutoff, int64_t* purged) override {
    std::lock_guard<std::mutex> lock(mu_);
    Stmt q(db_, "DELETE FROM results WHERE created_at < ?");
    q.Bind(1, cutoff);
    if (q.Step() != SQLITE_DONE) return q.Error("purge results");
    *purged = q.Changes();
    return Status::Ok();
  }

  Status CountRequest(const std::string& app_id, const std::string& day, int http_status) override {
    std::lock_guard<std::mutex> lock(mu_);
    Stmt q(db_,
           "INSERT INTO usage (app_id, day, status, count) VALUES (?, ?, ?, 1) "
           "ON CONFLICT (app_id, day, status) DO UPDATE SET count = usage.count + 1");
    q.Bind(1, app_id).Bind(2, day).Bind(3, int64_t{http_status});
    if (q.Step() != SQLITE_DONE) return q.Error("count request");
    return Status::Ok();
  }

  Status UsageCount(const std::string& app_id, const std::string& day, int http_status,
                    int64_t* count) override {
    std::lock_guard<std::mutex> lock(mu_);
    Stmt q(db_, "SELECT count FROM usage WHERE app_id = ? AND day = ? AND status = ?");
    q.Bind(1, app_id).Bind(2, day).Bind(3, int64_t{http_status});
    int rc = q.Step();
    *count = 0;
    if (rc == SQLITE_ROW)
      *count = q.Int(0);
    else if (rc != SQLITE_DONE)
      return q.Error("usage count");
    return Status::Ok();
  }

  Status ListUsage(const std::string& app_id, const std::string& from_day,
                   std::vector<UsageRow>* rows) override {
    std::lock_guard<std::mutex> lock(mu_);
    Stmt q(db_,
           "SELECT day, status, count FROM usage WHERE app_id = ? AND day >= ? "
           "ORDER BY day, status");
    q.Bind(1, app_id).Bind(2, from_day);
    rows->clear();
    int rc;
    while ((rc = q.Step()) == SQLITE_ROW) {
      rows->push_back({q.Text(0), static_cast<int>(q.Int(1)), q.Int(2)});
    }
    if (rc != SQLITE_DONE) return q.Error("list usage");
    return Status::Ok();
  }

  Status ListUnitsUsed(const std::string& app_id, const std::string& from_day,
                       std::vector<UnitsRow>* rows) override {
    std::lock_guard<std::mutex> lock(mu_);
    Stmt q(db_, "SELECT day, units FROM quota_charges WHERE app_id = ? AND day >= ? ORDER BY day");
    q.Bind(1, app_id).Bind(2, from_day);
    rows->clear();
    int rc;
    while ((rc = q.Step()) == SQLITE_ROW) rows->push_back({q.Text(0), q.Int(1)});
    if (rc != SQLITE_DONE) return q.Error("list units used");
    return Status::Ok();
  }

  Status PutAdmin(const std::string& email, const std::string& password_hash,
                  bool replace) override {
    std::lock_guard<std::mutex> lock(mu_);
    Stmt q(db_, replace ? "INSERT INTO dashboard_admins (email, password_hash, created_at) "
                          "VALUES (?, ?, ?) ON CONFLICT (email) DO UPDATE SET "
                          "password_hash = excluded.password_hash"
                        : "INSERT INTO dashboard_admins (email, password_hash, created_at) "
                          "VALUES (?, ?, ?) ON CONFLICT (email) DO NOTHING");
    q.Bind(1, email).Bind(2, password_hash).Bind(3, static_cast<int64_t>(std::time(nullptr)));
    if (q.Step() != SQLITE_DONE) return q.Error("put admin");
    if (q.Changes() == 0) return AdminExists();
    return Status::Ok();
  }

  Status FindAdmin(const std::string& email, std::string* password_hash) override {
    std::lock_guard<std::mutex> lock(mu_);
    Stmt q(db_, "SELECT password_hash FROM dashboard_admins WHERE email = ?");
    q.Bind(1, email);
    int rc = q.Step();
    if (rc == SQLITE_DONE) return Status::NotFound("no such administrator");
    if (rc != SQLITE_ROW) return q.Error("find admin");
    *password_hash = q.Text(0);
    return Status::Ok();
  }

  Status CreateSession(const std::string& token_hash, const AdminSession& session,
                       int64_t now) override {
    std::lock_guard<std::mutex> lock(mu_);
    {
      // Old sessions go when new ones come: the table never grows without bound.
      Stmt purge(db_, "DELETE FROM dashboard_sessions WHERE expires_at <= ?");
      purge.Bind(1, now);
      if (purge.Step() != SQLITE_DONE) return purge.Error("purge sessions");
    }
    // Only for an administrator who still exists, checked in the same statement:
    // a session made while the administrator is deleted is never left behind.
    Stmt q(db_,
           "INSERT INTO dashboard_sessions (token_hash, email, csrf, created_at, expires_at) "
           "SELECT ?, email, ?, ?, ? FROM dashboard_admins WHERE email = ?");
    q.Bind(1, token_hash).Bind(2, session.csrf).Bind(3, now).Bind(4, session.expires_at);
    q.Bind(5, session.email);
    if (q.Step() != SQLITE_DONE) return q.Error("create session");
    if (q.Changes() == 0) return Status::NotFound("no such administrator");
    return Status::Ok();
  }

  Status FindSession(const std::string& token_hash, int64_t now, AdminSession* session) override {
    std::lock_guard<std::mutex> lock(mu_);
    Stmt q(db_,
           "SELECT s.email, s.csrf, s.expires_at FROM dashboard_sessions s "
           "JOIN dashboard_admins a ON a.email = s.email "
           "WHERE s.token_hash = ? AND s.expires_at > ?");
    q.Bind(1, token_hash).Bind(2, now);
    int rc = q.Step();
    if (rc == SQLITE_DONE) return Status::NotFound("no session");
    if (rc != SQLITE_ROW) return q.Error("find session");
    session->email = q.Text(0);
    session->csrf = q.Text(1);
    session->expires_at = q.Int(2);
    return Status::Ok();
  }

  Status DeleteSession(const std::string& token_hash) override {
    return DeleteSessionsWhere("DELETE FROM dashboard_sessions WHERE token_hash = ?", token_hash);
  }

  Status DeleteSessionsOf(const std::string& email) override {
    return DeleteSessionsWhere("DELETE FROM dashboard_sessions WHERE email = ?", email);
  }

  Status ListAdmins(int64_t now, std::vector<AdminInfo>* admins) override {
    std::lock_guard<std::mutex> lock(mu_);
    Stmt q(
        db_,
        "SELECT a.email, a.created_at, (SELECT COUNT(*) FROM dashboard_sessions s "
        "WHERE s.email = a.email AND s.expires_at > ?) FROM dashboard_admins a ORDER BY a.email");
    q.Bind(1, now);
    admins->clear();
    int rc;
    while ((rc = q.Step()) == SQLITE_ROW) admins->push_back({q.Text(0), q.Int(1), q.Int(2)});
    if (rc != SQLITE_DONE) return q.Error("list admins");
    return Status::Ok();
  }

  Status DeleteAdmin(const std::string& email) override {
    std::lock_guard<std::mutex> lock(mu_);
    Status s = Exec("BEGIN IMMEDIATE", "begin");
    if (!s.ok()) return s;
    bool found = false;
    {
      Stmt admin(db_, "DELETE FROM dashboard_admins WHERE email = ?");
      admin.Bind(1, email);
      if (admin.Step() != SQLITE_DONE) s = admin.Error("delete admin");
      found = s.ok() && admin.Changes() > 0;
    }
    if (found) {
      Stmt sessions(db_, "DELETE FROM dashboard_sessions WHERE email = ?");
      sessions.Bind(1, email);
      if (sessions.Step() != SQLITE_DONE) s = sessions.Error("delete admin's sessions");
    }
    if (s.ok() && found) s = Exec("COMMIT", "commit");
    if (!s.ok() || !found) Exec("ROLLBACK", "rollback");
    if (s.ok() && !found) return Status::NotFound("no such administrator");
    return s;
  }

  Status AdmitSignIn(const std::string& attempt_id, const std::vector<SignInKey>& keys, int64_t now,
                     int64_t window_s, int64_t* retry_after_s) override {
    std::lock_guard<std::mutex> lock(mu_);
    // IMMEDIATE: count and record under the write lock, so that processes
    // sharing the file cannot both admit the last attempt a key has left.
    Status s = Exec("BEGIN IMMEDIATE", "begin");
    if (!s.ok()) return s;
    s = AdmitInTransaction(attempt_id, keys, now, window_s, retry_after_s);
    if (s.ok()) s = Exec("COMMIT", "commit");
    if (!s.ok()) Exec("ROLLBACK", "rollback");
    return s;
  }

  Status SignInSucceeded(const std::string& attempt_id, const std::string& clear_key) override {
    std::lock_guard<std::mutex> lock(mu_);
    Stmt q(db_, "DELETE FROM dashboard_sign_in_attempts WHERE attempt = ? OR key_hash = ?");
    q.Bind(1, attempt_id).Bind(2, clear_key);
    if (q.Step() != SQLITE_DONE) return q.Error("clear sign-in attempts");
    return Status::Ok();
  }

  Status ListResults(const std::string& app_id, int64_t since, int limit, bool with_data,
                     std::vector<StoredResult>* results) override {
    std::lock_guard<std::mutex> lock(mu_);
    Stmt q(db_, with_data
                    ? "SELECT id, reference_id, page_kind, created_at, processing_ms, total_ms, "
                      "data_json FROM results WHERE app_id = ? AND created_at >= ? "
                      "ORDER BY created_at DESC, id LIMIT ?"
                    : "SELECT id, reference_id, page_kind, created_at, processing_ms, total_ms "
                      "FROM results WHERE app_id = ? AND created_at >= ? "
                      "ORDER BY created_at DESC, id LIMIT ?");
    q.Bind(1, app_id).Bind(2, since).Bind(3, int64_t{limit});
    results->clear();
    int rc;
    while ((rc = q.Step()) == SQLITE_ROW) {
      StoredResult& r = results->emplace_back();
      r.id = q.Text(0);
      r.reference_id = q.Text(1);
      r.app_id = app_id;
      r.page_kind = q.Text(2);
      r.created_at = q.Int(3);
      r.processing_ms = q.Real(4);
      r.total_ms = q.Real(5);
      if (with_data) r.data_json = q.Text(6);
    }
    if (rc != SQLITE_DONE) return q.Error("list results");
    return Status::Ok();
  }

 private:
  // Caller holds mu_.
  Status Exec(const char* sql, const char* what) { return ExecSql(db_, sql, what); }

  Status SchemaVersion(int64_t* version) {
    Stmt q(db_, "PRAGMA user_version");
    if (q.Step() != SQLITE_ROW) return q.Error("schema version");
    *version = q.Int(0);
    return Status::Ok();
  }

  Status DeleteSessionsWhere(const char* sql, const std::string& value) {
    std::lock_guard<std::mutex> lock(mu_);
    Stmt q(db_, sql);
    q.Bind(1, value);
    if (q.Step() != SQLITE_DONE) return q.Error("delete session");
    return Status::Ok();
  }

  Status AdmitInTransaction(const std::string& attempt_id, const std::vector<SignInKey>& keys,
                            int64_t now, int64_t window_s, int64_t* retry_after_s) {
    const int64_t window_start = now - window_s;  // attempts at or before it are gone
    Stmt forget(db_, "DELETE FROM dashboard_sign_in_attempts WHERE at <= ?");
    forget.Bind(1, window_start);
    if (forget.Step() != SQLITE_DONE) return forget.Error("forget sign-in attempts");
    *retry_after_s = 0;
    for (const SignInKey& key : keys) {
      // The limit-th newest attempt, when there are that many: the key may try
      // again once it leaves the window.
      Stmt q(db_,
             "SELECT at FROM dashboard_sign_in_attempts WHERE key_hash = ? AND at > ? "
             "ORDER BY at DESC LIMIT 1 OFFSET ?");
      q.Bind(1, key.hash).Bind(2, window_start).Bind(3, std::max<int64_t>(key.limit, 1) - 1);
      const int rc = q.Step();
      if (rc == SQLITE_ROW) {
        *retry_after_s = std::max(*retry_after_s, std::max<int64_t>(1, q.Int(0) + window_s - now));
      } else if (rc != SQLITE_DONE) {
        return q.Error("count sign-in attempts");
      }
    }
    if (*retry_after_s > 0) return Status::Ok();
    for (const SignInKey& key : keys) {
      Stmt put(db_,
               "INSERT OR IGNORE INTO dashboard_sign_in_attempts (key_hash, attempt, at) "
               "VALUES (?, ?, ?)");
      put.Bind(1, key.hash).Bind(2, attempt_id).Bind(3, now);
      if (put.Step() != SQLITE_DONE) return put.Error("record sign-in attempt");
    }
    return Status::Ok();
  }

  Status SaveInTransaction(const StoredResult& r, SaveOutcome* outcome) {
    Stmt charge(
        db_, "UPDATE apps SET quota = quota - 1 WHERE id = ? AND mode = 'testing' AND quota > 0");
    charge.Bind(1, r.app_id);
    if (charge.Step() != SQLITE_DONE) return charge.Error("charge quota");
    if (charge.Changes() == 0) {
      // Nothing charged: fine for a live app (not metered), a refusal otherwise.
      Stmt mode(db_, "SELECT mode FROM apps WHERE id = ?");
      mode.Bind(1, r.app_id);
      int rc = mode.Step();
      if (rc != SQLITE_ROW && rc != SQLITE_DONE) return mode.Error("charge quota");
      if (rc == SQLITE_DONE || mode.Text(0) != "live") {
        *outcome = SaveOutcome::kQuotaExhausted;
        return Status::Ok();
      }
    }

    Stmt drop(db_, "DELETE FROM results WHERE app_id = ? AND reference_id = ?");
    drop.Bind(1, r.app_id).Bind(2, r.reference_id);
    if (drop.Step() != SQLITE_DONE) return drop.Error("replace result");
    Stmt put(db_,
             "INSERT INTO results (id, reference_id, app_id, page_kind, data_json, created_at, "
             "processing_ms, total_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    put.Bind(1, r.id).Bind(2, r.reference_id).Bind(3, r.app_id).Bind(4, r.page_kind);
    put.Bind(5, r.data_json).Bind(6, r.created_at).Bind(7, r.processing_ms).Bind(8, r.total_ms);
    if (put.Step() != SQLITE_DONE) return put.Error("store result");
    Stmt used(db_,
              "INSERT INTO quota_charges (app_id, day, units) VALUES (?, ?, 1) "
              "ON CONFLICT (app_id, day) DO UPDATE SET units = quota_charges.units + 1");
    used.Bind(1, r.app_id).Bind(2, UtcDay(r.created_at));
    if (used.Step() != SQLITE_DONE) return used.Error("count unit used");
    *outcome = SaveOutcome::kSaved;
    return Status::Ok();
  }

  template <typename V>
  Status UpdateApp(const char* sql, V value, const std::string& app_id) {
    std::lock_guard<std::mutex> lock(mu_);
    Stmt q(db_, sql);
    q.Bind(1, value).Bind(2, app_id);
    if (q.Step() != SQLITE_DONE) return q.Error("update app");
    if (q.Changes() == 0) return Status::NotFound("no such application");
    return Status::Ok();
  }

  std::mutex mu_;
  sqlite3* db_;
};

}  // namespace

Status OpenSqliteStore(const std::string& path, std::unique_ptr<Store>* store) {
  sqlite3* db = nullptr;
  Status st = OpenSqliteFile(path, &db);
  if (!st.ok()) return st;
  auto s = std::make_unique<SqliteStore>(db);
  st = s->Migrate();
  if (!st.ok()) return st;
  *store = std::move(s);
  return Status::Ok();
}

}  // namespace bpkb::store
