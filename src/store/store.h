// Store: applications, keys, quota, stored results, usage counters, and the
// dashboard's administrators, sessions and sign-in attempts.
//
// The service and the dashboard talk to this interface only; SqliteStore
// (sqlite_store.h) is the embedded default, PgStore (pg_store.h) the shared one
// for several servers. Every method is safe to call from several threads.
// Contracts that clients rely on:
//  - SaveResult charges one unit of quota, counts it in the app's units used of
//    the day, and stores the result in ONE transaction, and refuses
//    (kQuotaExhausted) without storing or counting when a testing app has none
//    left; several threads or processes can never overspend.
//  - Units used are a record of charges: deleting or purging results never
//    lowers them.
//  - Results are owned by one application: another app never finds them.
//  - API keys, passwords, session tokens and sign-in rate-limit keys reach the
//    store only as hashes (keys.h, dashboard/credentials.h).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "bpkb/status.h"

namespace bpkb::store {

enum class AppMode { kTesting, kLive };
const char* AppModeName(AppMode mode);  // "testing", "live"
bool ParseAppMode(const std::string& s, AppMode* mode);

struct App {
  std::string id;
  std::string name;
  AppMode mode = AppMode::kTesting;
  int64_t quota = 0;  // units left; used in testing mode only
  bool enabled = true;
  int rate_limit_per_minute = 600;  // 0: no limit
  int64_t created_at = 0;           // unix seconds
  std::string key_salt;             // hex; see keys.h
  std::string key_hash;             // hex
};

struct StoredResult {
  std::string id;            // UUID made by the service
  std::string reference_id;  // the client's or a UUID
  std::string app_id;
  std::string page_kind;     // "ik" / "ip": the endpoint that made it
  std::string data_json;     // the API's `data` object, serialised
  int64_t created_at = 0;    // unix seconds
  double processing_ms = 0;  // reader time
  double total_ms = 0;       // request time
};

enum class SaveOutcome { kSaved, kQuotaExhausted };

class Store {
 public:
  virtual ~Store() = default;

  // Creates the tables when missing.
  virtual Status Migrate() = 0;

  // `app.id`, `key_salt`, `key_hash` must be filled (keys.h makes them).
  virtual Status InsertApp(const App& app) = 0;
  // kNotFound when there is no such app.
  virtual Status FindApp(const std::string& app_id, App* app) = 0;
  virtual Status ListApps(std::vector<App>* apps) = 0;
  virtual Status SetEnabled(const std::string& app_id, bool enabled) = 0;
  virtual Status SetQuota(const std::string& app_id, int64_t quota) = 0;
  virtual Status SetKey(const std::string& app_id, const std::string& salt_hex,
                        const std::string& hash_hex) = 0;

  // In one transaction: for a testing app, take one unit of quota (refuse when
  // none is left), add one unit to the app's units used on the UTC day of
  // `result.created_at`, and store the result, replacing an older one of the same
  // app and reference_id. Live apps are never refused and have no quota to take
  // from, but each saved extraction still counts as one unit used.
  virtual Status SaveResult(const StoredResult& result, SaveOutcome* outcome) = 0;
  // Finds the app's result; kNotFound for unknown, foreign, other page kind, or
  // created before `not_before` (unix seconds: expired but not yet purged).
  virtual Status FindResult(const std::string& app_id, const std::string& reference_id,
                            const std::string& page_kind, int64_t not_before,
                            StoredResult* result) = 0;
  // kNotFound when the app has no such result.
  virtual Status DeleteResult(const std::string& app_id, const std::string& reference_id) = 0;
  // Deletes results created before `cutoff` (unix seconds).
  virtual Status PurgeResultsBefore(int64_t cutoff, int64_t* purged) = 0;

  // Usage counters: one row per app, UTC day (YYYY-MM-DD) and HTTP status.
  virtual Status CountRequest(const std::string& app_id, const std::string& day,
                              int http_status) = 0;
  virtual Status UsageCount(const std::string& app_id, const std::string& day, int http_status,
                            int64_t* count) = 0;

  // Dashboard reads (issue 7). Not pure: a store that leaves them out still
  // builds, and the dashboard then says its usage pages are not supported.
  struct UsageRow {
    std::string day;  // YYYY-MM-DD (UTC)
    int http_status = 0;
    int64_t count = 0;
  };
  // The app's counters of days >= `from_day`, ordered by day then status.
  virtual Status ListUsage(const std::string& /*app_id*/, const std::string& /*from_day*/,
                           std::vector<UsageRow>* /*rows*/) {
    return Status::Internal("not supported");
  }
  // The app's results created at or after `since` (unix seconds), newest first, at
  // most `limit`; data_json is left empty unless `with_data`.
  virtual Status ListResults(const std::string& /*app_id*/, int64_t /*since*/, int /*limit*/,
                             bool /*with_data*/, std::vector<StoredResult>* /*results*/) {
    return Status::Internal("not supported");
  }

  // Units used (charged by SaveResult), one row per day that has some.
  struct UnitsRow {
    std::string day;  // YYYY-MM-DD (UTC)
    int64_t units = 0;
  };
  // The app's units used on days >= `from_day`, ordered by day.
  virtual Status ListUnitsUsed(const std::string& app_id, const std::string& from_day,
                               std::vector<UnitsRow>* rows) = 0;

  // The dashboard's administrators and sign-in sessions (issue 7), in the same
  // database as the applications so that servers sharing it share them. The
  // store keeps what it is given: an Argon2id string, a token's hash.
  struct AdminSession {
    std::string email;
    std::string csrf;        // the token state-changing requests must echo
    int64_t expires_at = 0;  // unix seconds
  };
  // Creates the administrator or, with `replace`, sets a new password hash for
  // an existing one (kInvalidInput when it exists and !replace).
  virtual Status PutAdmin(const std::string& email, const std::string& password_hash,
                          bool replace) = 0;
  // kNotFound when there is no such administrator.
  virtual Status FindAdmin(const std::string& email, std::string* password_hash) = 0;
  // Stores a session under the hash of its cookie token; drops expired ones.
  // kNotFound when `session.email` is not an administrator (deleted meanwhile).
  virtual Status CreateSession(const std::string& token_hash, const AdminSession& session,
                               int64_t now) = 0;
  // kNotFound for an unknown or expired session, or one whose administrator is gone.
  virtual Status FindSession(const std::string& token_hash, int64_t now, AdminSession* session) = 0;
  virtual Status DeleteSession(const std::string& token_hash) = 0;
  // Ends every session of `email` (after a password change).
  virtual Status DeleteSessionsOf(const std::string& email) = 0;
  struct AdminInfo {
    std::string email;
    int64_t created_at = 0;       // unix seconds
    int64_t active_sessions = 0;  // not yet expired
  };
  // Every administrator, by e-mail (byte order), with the sessions alive at `now`.
  virtual Status ListAdmins(int64_t now, std::vector<AdminInfo>* admins) = 0;
  // Deletes the administrator and ends every session of theirs, in one
  // transaction; kNotFound when there is no such administrator.
  virtual Status DeleteAdmin(const std::string& email) = 0;

  // The dashboard's sign-in rate limit, kept here so that every server sharing
  // the database counts the same attempts (counted per process, guesses could
  // be spread over the servers). Keys are opaque hashes made by the dashboard.
  struct SignInKey {
    std::string hash;
    int64_t limit = 1;  // most attempts in the window (at least 1)
  };
  // In one transaction, serialised across servers and processes: when every key
  // has fewer than its limit of attempts in the window (now - window_s, now],
  // records `attempt_id` under every key and sets *retry_after_s to 0 (the
  // attempt counts as failed until SignInSucceeded); otherwise records nothing
  // and sets *retry_after_s (>= 1) to the seconds until every key is below its
  // limit again. Attempts that left the window are deleted.
  virtual Status AdmitSignIn(const std::string& attempt_id, const std::vector<SignInKey>& keys,
                             int64_t now, int64_t window_s, int64_t* retry_after_s) = 0;
  // A sign-in that succeeded: forgets `attempt_id` under every key, and every
  // attempt of `clear_key`.
  virtual Status SignInSucceeded(const std::string& attempt_id, const std::string& clear_key) = 0;
};

// "YYYY-MM-DD" of a unix time, in UTC: the day of usage counters and units used.
std::string UtcDay(int64_t unix_seconds);

// Opens the store a CLI flag names: a SQLite file path (created when missing).
// `database_url` (postgres://...) is for the PostgreSQL store; "" when unused.
Status OpenStore(const std::string& db_path, const std::string& database_url,
                 std::unique_ptr<Store>* store);

}  // namespace bpkb::store
