#include "store/sqlite_store.h"
#include "store/store.h"

namespace bpkb::store {

Status OpenStore(const std::string& db_path, const std::string& database_url,
                 std::unique_ptr<Store>* store) {
  if (!database_url.empty()) {
    // The PostgreSQL store plugs in here (issue 6).
    return Status::InvalidInput("database-url", "PostgreSQL is not supported by this build yet");
  }
  return OpenSqliteStore(db_path, store);
}

}  // namespace bpkb::store
