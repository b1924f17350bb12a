#include "store/sqlite_store.h"

#include <sqlite3.h>

#include <mutex>

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
)sql";

// A prepared statement that finalizes itself.
class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) : db_(db) {
    rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr);
  }
  ~Stmt() { sqlite3_finalize(stmt_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  bool ok() const { return rc_ == SQLITE_OK; }
  Stmt& Bind(int i, const std::string& v) {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& Bind(int i, int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  Stmt& Bind(int i, double v) {
    sqlite3_bind_double(stmt_, i, v);
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
  Status Error(const char* what) const {
    return Status::Unavailable(std::string("database: ") + what + ": " + sqlite3_errmsg(db_));
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  int rc_;
};

constexpr const char* kAppColumns =
    "id, name, mode, quota, enabled, rate_limit_per_minute, key_salt, key_hash, created_at";

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
    return Exec(kSchema, "migrate");
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
    if (sqlite3_changes(db_) == 0) return Status::NotFound("no such application");
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
    if (sqlite3_changes(db_) == 0) return Status::NotFound("no such result");
    return Status::Ok();
  }

  Status PurgeResultsBefore(int64_t cutoff, int64_t* purged) override {
    std::lock_guard<std::mutex> lock(mu_);
    Stmt q(db_, "DELETE FROM results WHERE created_at < ?");
    q.Bind(1, cutoff);
    if (q.Step() != SQLITE_DONE) return q.Error("purge results");
    *purged = sqlite3_changes(db_);
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
  Status Exec(const char* sql, const char* what) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = std::string("database: ") + what + ": " + (err ? err : "?");
      sqlite3_free(err);
      return Status::Unavailable(msg);
    }
    return Status::Ok();
  }

  Status SaveInTransaction(const StoredResult& r, SaveOutcome* outcome) {
    Stmt charge(
        db_, "UPDATE apps SET quota = quota - 1 WHERE id = ? AND mode = 'testing' AND quota > 0");
    charge.Bind(1, r.app_id);
    if (charge.Step() != SQLITE_DONE) return charge.Error("charge quota");
    if (sqlite3_changes(db_) == 0) {
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
    *outcome = SaveOutcome::kSaved;
    return Status::Ok();
  }

  template <typename V>
  Status UpdateApp(const char* sql, V value, const std::string& app_id) {
    std::lock_guard<std::mutex> lock(mu_);
    Stmt q(db_, sql);
    q.Bind(1, value).Bind(2, app_id);
    if (q.Step() != SQLITE_DONE) return q.Error("update app");
    if (sqlite3_changes(db_) == 0) return Status::NotFound("no such application");
    return Status::Ok();
  }

  std::mutex mu_;
  sqlite3* db_;
};

}  // namespace

Status OpenSqliteStore(const std::string& path, std::unique_ptr<Store>* store) {
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
  auto s = std::make_unique<SqliteStore>(db);
  for (const char* pragma :
       {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON"}) {
    char* err = nullptr;
    if (sqlite3_exec(db, pragma, nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "?";
      sqlite3_free(err);
      return Status::Unavailable("cannot configure database " + path + ": " + msg);
    }
  }
  Status st = s->Migrate();
  if (!st.ok()) return st;
  *store = std::move(s);
  return Status::Ok();
}

}  // namespace bpkb::store
