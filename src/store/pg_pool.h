// PgPool: a small, bounded pool of libpqxx connections shared by the threads
// that call one PgStore, and the mapping of libpqxx exceptions to a Status.
//
// Run() lends a connection to a function for one unit of work. Connections are
// made lazily (none is held while the database is down) and a connection whose
// work ended in a broken-connection error is closed instead of returned, so the
// next call reconnects: this is how servers recover when PostgreSQL restarts.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "bpkb/status.h"

namespace bpkb::store {

class PgPool {
 public:
  PgPool(std::string conninfo, size_t max_connections);
  ~PgPool();

  // Calls `work` with a live connection; `what` names the operation in errors.
  // Exceptions thrown by `work` become a Status (see PgErrorStatus).
  Status Run(const char* what, const std::function<Status(pqxx::connection&)>& work);

 private:
  std::unique_ptr<pqxx::connection> Take(Status* error);
  void Give(std::unique_ptr<pqxx::connection> conn, bool healthy);
  void DropIdle();  // after a broken connection: the others are likely dead too

  const std::string conninfo_;
  const size_t max_connections_;
  std::mutex mu_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;
  size_t open_ = 0;  // idle + lent
};

// kUnavailable for faults that pass (connection lost, shutdown, disk full,
// read-only database, too many connections, serialization); kInternal otherwise.
Status PgErrorStatus(const char* what, const std::exception& e, bool* connection_broken);

// conninfo with `connect_timeout` added when it sets none.
std::string WithConnectTimeout(const std::string& url, int seconds);

}  // namespace bpkb::store
