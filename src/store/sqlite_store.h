// SqliteStore: the embedded Store (store.h) in one SQLite file.
//
// WAL journal so readers never wait for the writer, a busy timeout so that
// several processes sharing the file wait for each other instead of failing, and
// BEGIN IMMEDIATE around quota + result so the quota check and the write happen
// under one write lock. One connection per store, guarded by a mutex: the
// statements are short and the OCR, not the database, is the bottleneck.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace bpkb::store {

// Opens (creating when missing) the database file at `path` and migrates it.
Status OpenSqliteStore(const std::string& path, std::unique_ptr<Store>* store);

}  // namespace bpkb::store
