#include "store/pg_store.h"
#include "store/sqlite_store.h"
#include "store/store.h"

namespace bpkb::store {

Status OpenStore(const std::string& db_path, const std::string& database_url,
                 std::unique_ptr<Store>* store) {
  if (!database_url.empty()) {
    if (!IsPostgresUrl(database_url)) {
      return Status::InvalidInput("database-url", "expected postgres://... or postgresql://...");
    }
    return OpenPgStore(database_url, store);
  }
  return OpenSqliteStore(db_path, store);
}

}  // namespace bpkb::store
