// Store: applications, keys, quota, stored results and usage counters.
//
// The service talks to this interface only; SqliteStore (sqlite_store.h) is the
// embedded default and a PostgreSQL store can sit behind the same calls. Every
// method is safe to call from several threads. Contracts that clients rely on:
//  - SaveResult charges one unit of quota and stores the result in ONE transaction,
//    and refuses (kQuotaExhausted) without storing when a testing app has none
//    left; several threads or processes can never overspend.
//  - Results are owned by one application: another app never finds them.
//  - API keys are stored only as a salted hash (keys.h); Store never sees a key.
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
  // none is left) and store the result, replacing an older one of the same app
  // and reference_id. Live apps are never refused.
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
};

// Opens the store a CLI flag names: a SQLite file path (created when missing).
// `database_url` (postgres://...) is for the PostgreSQL store; "" when unused.
Status OpenStore(const std::string& db_path, const std::string& database_url,
                 std::unique_ptr<Store>* store);

}  // namespace bpkb::store
