#include "store/pg_store.h"

#include <algorithm>
#include <iterator>

#include <pqxx/pqxx>

#include "store/pg_pool.h"

namespace bpkb::store {
namespace {

// Migrations are append-only: a server applies those above the recorded version.
// The schema mirrors SqliteStore's so that both back-ends behave the same.
constexpr const char* kMigrations[] = {
    R"sql(
CREATE TABLE apps (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  mode TEXT NOT NULL,
  quota BIGINT NOT NULL DEFAULT 0,
  enabled BOOLEAN NOT NULL DEFAULT TRUE,
  rate_limit_per_minute INTEGER NOT NULL DEFAULT 600,
  key_salt TEXT NOT NULL,
  key_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE results (
  id TEXT PRIMARY KEY,
  app_id TEXT NOT NULL,
  reference_id TEXT NOT NULL,
  page_kind TEXT NOT NULL,
  data_json TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  processing_ms DOUBLE PRECISION NOT NULL DEFAULT 0,
  total_ms DOUBLE PRECISION NOT NULL DEFAULT 0,
  UNIQUE (app_id, reference_id)
);
CREATE INDEX results_created_at ON results (created_at);
CREATE TABLE usage (
  app_id TEXT NOT NULL,
  day TEXT NOT NULL,
  status INTEGER NOT NULL,
  count BIGINT NOT NULL,
  PRIMARY KEY (app_id, day, status)
);
)sql",
    // 2: units used, kept apart from the results so that deleting or purging a
    // result never lowers them (rebuilt here from the results still stored:
    // the charges of results deleted before this version were never recorded);
    // the dashboard's administrators and sessions, shared by every server.
    R"sql(
CREATE TABLE quota_charges (
  app_id TEXT NOT NULL,
  day TEXT NOT NULL,
  units BIGINT NOT NULL,
  PRIMARY KEY (app_id, day)
);
INSERT INTO quota_charges (app_id, day, units)
SELECT app_id, to_char(to_timestamp(created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
       COUNT(*)
FROM results GROUP BY app_id, day;
CREATE TABLE dashboard_admins (
  email TEXT PRIMARY KEY,
  password_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE dashboard_sessions (
  token_hash TEXT PRIMARY KEY,
  email TEXT NOT NULL,
  csrf TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX dashboard_sessions_expires ON dashboard_sessions (expires_at);
)sql",
    // 3: the dashboard's sign-in attempts, so that the rate limit counts the
    // guesses made on every server together.
    R"sql(
CREATE TABLE dashboard_sign_in_attempts (
  key_hash TEXT NOT NULL,
  attempt TEXT NOT NULL,
  at BIGINT NOT NULL,
  PRIMARY KEY (attempt, key_hash)
);
CREATE INDEX dashboard_sign_in_attempts_key ON dashboard_sign_in_attempts (key_hash, at);
CREATE INDEX dashboard_sign_in_attempts_at ON dashboard_sign_in_attempts (at);
)sql",
};

// Any constants shared by every bpkb-ocr server: "bpkb", "bpkbsign" in ASCII.
constexpr long long kMigrationLockKey = 0x62706b62;
constexpr long long kSignInLockKey = 0x62706b627369676e;

constexpr const char* kAppColumns =
    "id, name, mode, quota, enabled, rate_limit_per_minute, key_salt, key_hash, created_at";

Status AdminExists() {
  return Status::InvalidInput("email",
                              "an administrator with this e-mail exists "
                              "(use --reset to set a new password)");
}

void ReadApp(const pqxx::row& row, App* app) {
  app->id = row[0].as<std::string>();
  app->name = row[1].as<std::string>();
  ParseAppMode(row[2].as<std::string>(), &app->mode);
  app->quota = row[3].as<int64_t>();
  app->enabled = row[4].as<bool>();
  app->rate_limit_per_minute = row[5].as<int>();
  app->key_salt = row[6].as<std::string>();
  app->key_hash = row[7].as<std::string>();
  app->created_at = row[8].as<int64_t>();
}

class PgStore : public Store {
 public:
  PgStore(const std::string& conninfo, size_t max_connections) : pool_(conninfo, max_connections) {}

  Status Migrate() override {
    return pool_.Run("migrate", [](pqxx::connection& c) {
      {
        // Up to date (the usual start): nothing to write, so a read-only
        // database still opens and serves reads.
        pqxx::read_transaction r(c);
        if (!r.exec1("SELECT to_regclass('bpkb_schema') IS NULL")[0].as<bool>() &&
            r.exec1("SELECT COALESCE(MAX(version), 0) FROM bpkb_schema")[0].as<int>() >=
                static_cast<int>(std::size(kMigrations))) {
          return Status::Ok();
        }
      }
      pqxx::work w(c);
      // Held until commit: a second server starting now waits here, then sees
      // the version this one recorded and applies nothing.
      w.exec_params("SELECT pg_advisory_xact_lock($1)", kMigrationLockKey);
      w.exec0(
          "CREATE TABLE IF NOT EXISTS bpkb_schema (version INTEGER PRIMARY KEY, "
          "applied_at BIGINT NOT NULL)");
      int current = w.exec1("SELECT COALESCE(MAX(version), 0) FROM bpkb_schema")[0].as<int>();
      int version = 0;
      for (const char* sql : kMigrations) {
        ++version;
        if (version <= current) continue;
        w.exec(sql);
        w.exec_params(
            "INSERT INTO bpkb_schema (version, applied_at) "
            "VALUES ($1, EXTRACT(EPOCH FROM now())::BIGINT)",
            version);
      }
      w.commit();
      return Status::Ok();
    });
  }

  Status InsertApp(const App& app) override {
    return pool_.Run("insert app", [&](pqxx::connection& c) {
      pqxx::work w(c);
      w.exec_params(
          "INSERT INTO apps (id, name, mode, quota, enabled, rate_limit_per_minute, key_salt, "
          "key_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
          app.id, app.name, std::string(AppModeName(app.mode)), app.quota, app.enabled,
          app.rate_limit_per_minute, app.key_salt, app.key_hash, app.created_at);
      w.commit();
      return Status::Ok();
    });
  }

  Status FindApp(const std::string& app_id, App* app) override {
    return pool_.Run("find app", [&](pqxx::connection& c) {
      pqxx::read_transaction w(c);
      pqxx::result r =
          w.exec_params(std::string("SELECT ") + kAppColumns + " FROM apps WHERE id = $1", app_id);
      if (r.empty()) return Status::NotFound("no such application");
      ReadApp(r[0], app);
      return Status::Ok();
    });
  }

  Status ListApps(std::vector<App>* apps) override {
    return pool_.Run("list apps", [&](pqxx::connection& c) {
      pqxx::read_transaction w(c);
      pqxx::result r =
          w.exec(std::string("SELECT ") + kAppColumns + " FROM apps ORDER BY created_at, id");
      apps->clear();
      for (const auto& row : r) {
        apps->emplace_back();
        ReadApp(row, &apps->back());
      }
      return Status::Ok();
    });
  }

  Status SetEnabled(const std::string& app_id, bool enabled) override {
    return UpdateApp("UPDATE apps SET enabled = $1 WHERE id = $2", enabled, app_id);
  }

  Status SetQuota(const std::string& app_id, int64_t quota) override {
    return UpdateApp("UPDATE apps SET quota = $1 WHERE id = $2", quota, app_id);
  }

  Status SetKey(const std::string& app_id, const std::string& salt_hex,
                const std::string& hash_hex) override {
    return pool_.Run("set key", [&](pqxx::connection& c) {
      pqxx::work w(c);
      pqxx::result r = w.exec_params("UPDATE apps SET key_salt = $1, key_hash = $2 WHERE id = $3",
                                     salt_hex, hash_hex, app_id);
      if (r.affected_rows() == 0) return Status::NotFound("no such application");
      w.commit();
      return Status::Ok();
    });
  }

  Status SaveResult(const StoredResult& r, SaveOutcome* outcome) override {
    return pool_.Run("save result", [&](pqxx::connection& c) {
      pqxx::work w(c);
      // The row lock taken by this UPDATE is held until commit; a concurrent
      // charge (any process) waits and, under READ COMMITTED, re-checks
      // `quota > 0` on the row as we left it. Live apps are not metered.
      pqxx::result charged = w.exec_params(
          "UPDATE apps SET quota = quota - 1 WHERE id = $1 AND mode = 'testing' AND quota > 0",
          r.app_id);
      if (charged.affected_rows() == 0) {
        pqxx::result mode = w.exec_params("SELECT mode FROM apps WHERE id = $1", r.app_id);
        if (mode.empty() || mode[0][0].as<std::string>() != "live") {
          *outcome = SaveOutcome::kQuotaExhausted;
          return Status::Ok();  // the transaction rolls back: nothing changed
        }
      }
      w.exec_params(
          "INSERT INTO results (id, reference_id, app_id, page_kind, data_json, created_at, "
          "processing_ms, total_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
          "ON CONFLICT (app_id, reference_id) DO UPDATE SET id = EXCLUDED.id, "
          "page_kind = EXCLUDED.page_kind, data_json = EXCLUDED.data_json, "
          "created_at = EXCLUDED.created_at, processing_ms = EXCLUDED.processing_ms, "
          "total_ms = EXCLUDED.total_ms",
          r.id, r.reference_id, r.app_id, r.page_kind, r.data_json, r.created_at, r.processing_ms,
          r.total_ms);
      w.exec_params(
          "INSERT INTO quota_charges (app_id, day, units) VALUES ($1, $2, 1) "
          "ON CONFLICT (app_id, day) DO UPDATE SET units = quota_charges.units + 1",
          r.app_id, UtcDay(r.created_at));
      w.commit();
      *outcome = SaveOutcome::kSaved;
      return Status::Ok();
    });
  }

  Status FindResult(const std::string& app_id, const std::string& reference_id,
                    const std::string& page_kind, int64_t not_before, StoredResult* out) override {
    return pool_.Run("find result", [&](pqxx::connection& c) {
      pqxx::read_transaction w(c);
      pqxx::result r = w.exec_params(
          "SELECT id, reference_id, app_id, page_kind, data_json, created_at, processing_ms, "
          "total_ms FROM results WHERE app_id = $1 AND reference_id = $2 AND page_kind = $3 "
          "AND created_at >= $4",
          app_id, reference_id, page_kind, not_before);
      if (r.empty()) return Status::NotFound("no such result");
      const pqxx::row& row = r[0];
      out->id = row[0].as<std::string>();
      out->reference_id = row[1].as<std::string>();
      out->app_id = row[2].as<std::string>();
      out->page_kind = row[3].as<std::string>();
      out->data_json = row[4].as<std::string>();
      out->created_at = row[5].as<int64_t>();
      out->processing_ms = row[6].as<double>();
      out->total_ms = row[7].as<double>();
      return Status::Ok();
    });
  }

  Status DeleteResult(const std::string& app_id, const std::string& reference_id) override {
    return pool_.Run("delete result", [&](pqxx::connection& c) {
      pqxx::work w(c);
      pqxx::result r = w.exec_params("DELETE FROM results WHERE app_id = $1 AND reference_id = $2",
                                     app_id, reference_id);
      if (r.affected_rows() == 0) return Status::NotFound("no such result");
      w.commit();
      return Status::Ok();
    });
  }

  Status PurgeResultsBefore(int64_t cutoff, int64_t* purged) override {
    return pool_.Run("purge results", [&](pqxx::connection& c) {
      pqxx::work w(c);
      pqxx::result r = w.exec_params("DELETE FROM results WHERE created_at < $1", cutoff);
      w.commit();
      *purged = static_cast<int64_t>(r.affected_rows());
      return Status::Ok();
    });
  }

  Status CountRequest(const std::string& app_id, const std::string& day, int http_status) override {
    return pool_.Run("count request", [&](pqxx::connection& c) {
      pqxx::work w(c);
      w.exec_params(
          "INSERT INTO usage (app_id, day, status, count) VALUES ($1, $2, $3, 1) "
          "ON CONFLICT (app_id, day, status) DO UPDATE SET count = usage.count + 1",
          app_id, day, http_status);
      w.commit();
      return Status::Ok();
    });
  }

  Status UsageCount(const std::string& app_id, const std::string& day, int http_status,
                    int64_t* count) override {
    return pool_.Run("usage count", [&](pqxx::connection& c) {
      pqxx::read_transaction w(c);
      pqxx::result r =
          w.exec_params("SELECT count FROM usage WHERE app_id = $1 AND day = $2 AND status = $3",
                        app_id, day, http_status);
      *count = r.empty() ? 0 : r[0][0].as<int64_t>();
      return Status::Ok();
    });
  }

  Status ListUsage(const std::string& app_id, const std::string& from_day,
                   std::vector<UsageRow>* rows) override {
    return pool_.Run("list usage", [&](pqxx::connection& c) {
      pqxx::read_transaction w(c);
      pqxx::result r = w.exec_params(
          "SELECT day, status, count FROM usage WHERE app_id = $1 AND day >= $2 "
          "ORDER BY day, status",
          app_id, from_day);
      rows->clear();
      for (const auto& row : r) {
        rows->push_back({row[0].as<std::string>(), row[1].as<int>(), row[2].as<int64_t>()});
      }
      return Status::Ok();
    });
  }

  Status ListUnitsUsed(const std::string& app_id, const std::string& from_day,
                       std::vector<UnitsRow>* rows) override {
    return pool_.Run("list units used", [&](pqxx::connection& c) {
      pqxx::read_transaction w(c);
      pqxx::result r = w.exec_params(
          "SELECT day, units FROM quota_charges WHERE app_id = $1 AND day >= $2 ORDER BY day",
          app_id, from_day);
      rows->clear();
      for (const auto& row : r) rows->push_back({row[0].as<std::string>(), row[1].as<int64_t>()});
      return Status::Ok();
    });
  }

  Status PutAdmin(const std::string& email, const std::string& password_hash,
                  bool replace) override {
    return pool_.Run("put admin", [&](pqxx::connection& c) {
      pqxx::work w(c);
      pqxx::result r = w.exec_params(
          std::string("INSERT INTO dashboard_admins (email, password_hash, created_at) "
                      "VALUES ($1, $2, EXTRACT(EPOCH FROM now())::BIGINT) ON CONFLICT (email) ") +
              (replace ? "DO UPDATE SET password_hash = EXCLUDED.password_hash" : "DO NOTHING"),
          email, password_hash);
      if (r.affected_rows() == 0) return AdminExists();
      w.commit();
      return Status::Ok();
    });
  }

  Status FindAdmin(const std::string& email, std::string* password_hash) override {
    return pool_.Run("find admin", [&](pqxx::connection& c) {
      pqxx::read_transaction w(c);
      pqxx::result r =
          w.exec_params("SELECT password_hash FROM dashboard_admins WHERE email = $1", email);
      if (r.empty()) return Status::NotFound("no such administrator");
      *password_hash = r[0][0].as<std::string>();
      return Status::Ok();
    });
  }

  Status CreateSession(const std::string& token_hash, const AdminSession& session,
                       int64_t now) override {
    return pool_.Run("create session", [&](pqxx::connection& c) {
      pqxx::work w(c);
      // Old sessions go when new ones come: the table never grows without bound.
      w.exec_params("DELETE FROM dashboard_sessions WHERE expires_at <= $1", now);
      // Only for an administrator who still exists: the key-share lock makes a
      // concurrent DeleteAdmin wait for this commit (and then end this session
      // too), or this insert wait for the delete and then find no one.
      pqxx::result r = w.exec_params(
          "INSERT INTO dashboard_sessions (token_hash, email, csrf, created_at, expires_at) "
          "SELECT $1, email, $3, $4::BIGINT, $5::BIGINT FROM dashboard_admins WHERE email = $2 "
          "FOR KEY SHARE",
          token_hash, session.email, session.csrf, now, session.expires_at);
      if (r.affected_rows() == 0) return Status::NotFound("no such administrator");
      w.commit();
      return Status::Ok();
    });
  }

  Status FindSession(const std::string& token_hash, int64_t now, AdminSession* session) override {
    return pool_.Run("find session", [&](pqxx::connection& c) {
      pqxx::read_transaction w(c);
      pqxx::result r = w.exec_params(
          "SELECT s.email, s.csrf, s.expires_at FROM dashboard_sessions s "
          "JOIN dashboard_admins a ON a.email = s.email "
          "WHERE s.token_hash = $1 AND s.expires_at > $2",
          token_hash, now);
      if (r.empty()) return Status::NotFound("no session");
      session->email = r[0][0].as<std::string>();
      session->csrf = r[0][1].as<std::string>();
      session->expires_at = r[0][2].as<int64_t>();
      return Status::Ok();
    });
  }

  Status DeleteSession(const std::string& token_hash) override {
    return DeleteSessionsWhere("DELETE FROM dashboard_sessions WHERE token_hash = $1", token_hash);
  }

  Status DeleteSessionsOf(const std::string& email) override {
    return DeleteSessionsWhere("DELETE FROM dashboard_sessions WHERE email = $1", email);
  }

  Status ListAdmins(int64_t now, std::vector<AdminInfo>* admins) override {
    return pool_.Run("list admins", [&](pqxx::connection& c) {
      pqxx::read_transaction w(c);
      // COLLATE "C": the same order as SQLite's byte order, whatever the locale.
      pqxx::result r = w.exec_params(
          "SELECT a.email, a.created_at, (SELECT COUNT(*) FROM dashboard_sessions s "
          "WHERE s.email = a.email AND s.expires_at > $1) FROM dashboard_admins a "
          "ORDER BY a.email COLLATE \"C\"",
          now);
      admins->clear();
      for (const auto& row : r) {
        admins->push_back({row[0].as<std::string>(), row[1].as<int64_t>(), row[2].as<int64_t>()});
      }
      return Status::Ok();
    });
  }

  Status DeleteAdmin(const std::string& email) override {
    return pool_.Run("delete admin", [&](pqxx::connection& c) {
      pqxx::work w(c);
      pqxx::result r = w.exec_params("DELETE FROM dashboard_admins WHERE email = $1", email);
      if (r.affected_rows() == 0) return Status::NotFound("no such administrator");
      w.exec_params("DELETE FROM dashboard_sessions WHERE email = $1", email);
      w.commit();
      return Status::Ok();
    });
  }

  Status AdmitSignIn(const std::string& attempt_id, const std::vector<SignInKey>& keys, int64_t now,
                     int64_t window_s, int64_t* retry_after_s) override {
    return pool_.Run("admit sign-in", [&](pqxx::connection& c) {
      pqxx::work w(c);
      // One admission at a time over all servers (held until commit): counting
      // and recording cannot interleave, so no key gets past its limit. The
      // transaction is short; the password is checked after it.
      w.exec_params("SELECT pg_advisory_xact_lock($1)", kSignInLockKey);
      const int64_t window_start = now - window_s;
      w.exec_params("DELETE FROM dashboard_sign_in_attempts WHERE at <= $1", window_start);
      int64_t wait = 0;
      for (const SignInKey& key : keys) {
        // The limit-th newest attempt, when there are that many: the key may
        // try again once it leaves the window.
        pqxx::result r = w.exec_params(
            "SELECT at FROM dashboard_sign_in_attempts WHERE key_hash = $1 AND at > $2 "
            "ORDER BY at DESC LIMIT 1 OFFSET $3",
            key.hash, window_start, std::max<int64_t>(key.limit, 1) - 1);
        if (!r.empty())
          wait = std::max(wait, std::max<int64_t>(1, r[0][0].as<int64_t>() + window_s - now));
      }
      if (wait == 0) {
        for (const SignInKey& key : keys) {
          w.exec_params(
              "INSERT INTO dashboard_sign_in_attempts (key_hash, attempt, at) VALUES ($1, $2, $3) "
              "ON CONFLICT DO NOTHING",
              key.hash, attempt_id, now);
        }
      }
      w.commit();
      *retry_after_s = wait;
      return Status::Ok();
    });
  }

  Status SignInSucceeded(const std::string& attempt_id, const std::string& clear_key) override {
    return pool_.Run("clear sign-in attempts", [&](pqxx::connection& c) {
      pqxx::work w(c);
      w.exec_params("DELETE FROM dashboard_sign_in_attempts WHERE attempt = $1 OR key_hash = $2",
                    attempt_id, clear_key);
      w.commit();
      return Status::Ok();
    });
  }

  Status ListResults(const std::string& app_id, int64_t since, int limit, bool with_data,
                     std::vector<StoredResult>* results) override {
    return pool_.Run("list results", [&](pqxx::connection& c) {
      pqxx::read_transaction w(c);
      // COLLATE "C": the same order of ids as SQLite's byte order, whatever the
      // database's locale.
      pqxx::result r = w.exec_params(
          std::string("SELECT id, reference_id, page_kind, created_at, processing_ms, total_ms") +
              (with_data ? ", data_json" : "") +
              " FROM results WHERE app_id = $1 AND created_at >= $2 "
              "ORDER BY created_at DESC, id COLLATE \"C\" LIMIT $3",
          app_id, since, limit);
      results->clear();
      for (const auto& row : r) {
        StoredResult& out = results->emplace_back();
        out.id = row[0].as<std::string>();
        out.reference_id = row[1].as<std::string>();
        out.app_id = app_id;
        out.page_kind = row[2].as<std::string>();
        out.created_at = row[3].as<int64_t>();
        out.processing_ms = row[4].as<double>();
        out.total_ms = row[5].as<double>();
        if (with_data) out.data_json = row[6].as<std::string>();
      }
      return Status::Ok();
    });
  }

 private:
  Status DeleteSessionsWhere(const char* sql, const std::string& value) {
    return pool_.Run("delete session", [&](pqxx::connection& c) {
      pqxx::work w(c);
      w.exec_params(sql, value);
      w.commit();
      return Status::Ok();
    });
  }

  template <typename V>
  Status UpdateApp(const char* sql, V value, const std::string& app_id) {
    return pool_.Run("update app", [&](pqxx::connection& c) {
      pqxx::work w(c);
      pqxx::result r = w.exec_params(sql, value, app_id);
      if (r.affected_rows() == 0) return Status::NotFound("no such application");
      w.commit();
      return Status::Ok();
    });
  }

  PgPool pool_;
};

}  // namespace

bool IsPostgresUrl(const std::string& url) {
  return url.rfind("postgres://", 0) == 0 || url.rfind("postgresql://", 0) == 0;
}

Status OpenPgStore(const std::string& url, std::unique_ptr<Store>* store,
                   const PgOptions& options) {
  auto s = std::make_unique<PgStore>(WithConnectTimeout(url, options.connect_timeout_s),
                                     options.max_connections);
  Status st = s->Migrate();
  if (!st.ok()) return st;
  *store = std::move(s);
  return Status::Ok();
}

}  // namespace bpkb::store
