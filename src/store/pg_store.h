// PgStore: the Store (store.h) in PostgreSQL, for several servers sharing one
// database (DESIGN.md: scale-out).
//
// Contract beyond store.h:
//  - OpenPgStore migrates on open under a transaction-scoped advisory lock, so
//    servers that start at the same moment apply each migration exactly once.
//  - Quota: one conditional UPDATE (row lock, READ COMMITTED re-check) and the
//    result upsert commit together; no process can spend a unit twice.
//  - A small pool of connections serves the calling threads. A connection that
//    breaks (PostgreSQL restarted, network cut) is dropped and a fresh one is made
//    on the next call: while the database is away calls return kUnavailable (the
//    service answers 503) and they succeed again once it is back, without restart.
//  - Errors never leave as exceptions: kUnavailable for a lost connection, a full
//    disk, a read-only database or a server shutting down; kInternal otherwise.
//    Messages carry the SQLSTATE and the server's one-line reason, never row data.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace bpkb::store {

struct PgOptions {
  size_t max_connections = 16;  // callers beyond this wait for a free connection
  int connect_timeout_s = 3;    // added to the URL unless it sets connect_timeout
};

// `url`: a libpq URI (postgres://user@host:port/db?...) or key=value string.
// Fails (kUnavailable) when the database cannot be reached or migrated.
Status OpenPgStore(const std::string& url, std::unique_ptr<Store>* store,
                   const PgOptions& options = {});

// True for URLs this store takes (postgres:// or postgresql://).
bool IsPostgresUrl(const std::string& url);

}  // namespace bpkb::store
