// Runs the Store contract (store_contract.h) against SqliteStore on a real file.
#include <sqlite3.h>

#include <filesystem>

#include "store/sqlite_store.h"
#include "store/store_contract.h"

namespace bpkb::store {
namespace {

StoreFactory SqliteFactory() {
  return {"sqlite", [](const std::string& scratch, std::unique_ptr<Store>* out) {
            return OpenSqliteStore(scratch + "/bpkb.sqlite", out);
          }};
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContract, ::testing::Values(SqliteFactory()),
                         [](const auto& info) { return info.param.name; });

TEST(SqliteStore, ReportsAnUnopenableFile) {
  std::unique_ptr<Store> s;
  Status st = OpenSqliteStore("/nonexistent-dir/x/y.sqlite", &s);
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(s, nullptr);
}

TEST(SqliteStore, ReopeningKeepsApplications) {
  std::string dir = std::filesystem::temp_directory_path() / "bpkb-sqlite-reopen";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::string path = dir + "/db.sqlite";
  std::string id;
  {
    std::unique_ptr<Store> s;
    ASSERT_TRUE(OpenSqliteStore(path, &s).ok());
    App app;
    // Built from std::string, not assigned from literals: GCC 12 -O3 warns
    // falsely (-Wrestrict) on string::operator=(const char*) here.
    app.id = std::string("fixed-id");
    app.name = std::string("n");
    app.key_salt = std::string("00");
    app.key_hash = std::string("00");
    ASSERT_TRUE(s->InsertApp(app).ok());
  }
  std::unique_ptr<Store> s;
  ASSERT_TRUE(OpenSqliteStore(path, &s).ok());
  App app;
  EXPECT_TRUE(s->FindApp("fixed-id", &app).ok());
  std::filesystem::remove_all(dir);
}

// A file as the store and the dashboard left it before units used were
// recorded (user_version 0): the store's three tables, the dashboard's two.
constexpr const char* kVersion0File = R"sql(
CREATE TABLE apps (id TEXT PRIMARY KEY, name TEXT NOT NULL, mode TEXT NOT NULL,
  quota INTEGER NOT NULL DEFAULT 0, enabled INTEGER NOT NULL DEFAULT 1,
  rate_limit_per_minute INTEGER NOT NULL DEFAULT 600, key_salt TEXT NOT NULL,
  key_hash TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE results (id TEXT PRIMARY KEY, app_id TEXT NOT NULL, reference_id TEXT NOT NULL,
  page_kind TEXT NOT NULL, data_json TEXT NOT NULL, created_at INTEGER NOT NULL,
  processing_ms REAL NOT NULL DEFAULT 0, total_ms REAL NOT NULL DEFAULT 0,
  UNIQUE (app_id, reference_id));
CREATE INDEX results_created_at ON results (created_at);
CREATE TABLE usage (app_id TEXT NOT NULL, day TEXT NOT NULL, status INTEGER NOT NULL,
  count INTEGER NOT NULL, PRIMARY KEY (app_id, day, status));
CREATE TABLE dashboard_admins (email TEXT PRIMARY KEY, password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL);
CREATE TABLE dashboard_sessions (token_hash TEXT PRIMARY KEY, email TEXT NOT NULL,
  csrf TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);
INSERT INTO apps VALUES ('old-app', 'old', 'testing', 7, 1, 600, '00', '00', 1);
INSERT INTO results VALUES ('id1', 'old-app', 'r1', 'ik', '{}', 2000000000, 1, 2);
INSERT INTO results VALUES ('id2', 'old-app', 'r2', 'ik', '{}', 2000000100, 1, 2);
INSERT INTO results VALUES ('id3', 'old-app', 'r3', 'ip', '{}', 2000086400, 1, 2);
INSERT INTO dashboard_admins VALUES ('ops@example.test', 'argon-hash', 1);
INSERT INTO dashboard_sessions VALUES ('token-hash', 'ops@example.test', 'c', 1, 4000000000);
)sql";

TEST(SqliteStore, UpgradesAnOlderFileOnceAndKeepsItsAdministrators) {
  std::string dir = std::filesystem::temp_directory_path() / "bpkb-sqlite-upgrade";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string path = dir + "/old.sqlite";
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, kVersion0File, nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
  }
  for (int open = 0; open < 2; ++open) {  // the second open must not count again
    std::unique_ptr<Store> s;
    ASSERT_TRUE(OpenSqliteStore(path, &s).ok());
    // Units used rebuilt from the results the file still held, per UTC day.
    std::vector<Store::UnitsRow> rows;
    ASSERT_TRUE(s->ListUnitsUsed("old-app", "2000-01-01", &rows).ok());
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].day, "2033-05-18");
    EXPECT_EQ(rows[0].units, 2);
    EXPECT_EQ(rows[1].day, "2033-05-19");
    // The second time: the charge made below, kept though its result was deleted.
    EXPECT_EQ(rows[1].units, open == 0 ? 1 : 2);
    std::string hash;
    ASSERT_TRUE(s->FindAdmin("ops@example.test", &hash).ok());
    EXPECT_EQ(hash, "argon-hash");
    Store::AdminSession session;
    EXPECT_TRUE(s->FindSession("token-hash", 1000, &session).ok());
    int64_t wait = -1;  // the sign-in attempts' table is there
    ASSERT_TRUE(s->AdmitSignIn(open == 0 ? "a" : "b", {{"k", 5}}, 1000, 60, &wait).ok());
    EXPECT_EQ(wait, 0);
    if (open == 0) {
      // Charges from now on add to the rebuilt figure.
      StoredResult r;
      r.id = std::string("id4");
      r.reference_id = std::string("r4");
      r.app_id = std::string("old-app");
      r.page_kind = std::string("ik");
      r.data_json = std::string("{}");
      r.created_at = 2'000'086'500;
      SaveOutcome out;
      ASSERT_TRUE(s->SaveResult(r, &out).ok());
      ASSERT_EQ(out, SaveOutcome::kSaved);
      ASSERT_TRUE(s->DeleteResult("old-app", "r4").ok());
    }
  }
  std::filesystem::remove_all(dir);
}

// A file of version 1 (units used recorded, no sign-in attempts) gets the
// attempts' table and keeps its units used as recorded: they are not rebuilt
// from the results again.
TEST(SqliteStore, UpgradesAVersion1FileWithoutRebuildingUnitsUsed) {
  std::string dir = std::filesystem::temp_directory_path() / "bpkb-sqlite-upgrade-1";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string path = dir + "/v1.sqlite";
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, kVersion0File, nullptr, nullptr, nullptr), SQLITE_OK);
    // Version 1: quota_charges, here with a day whose results are long gone.
    ASSERT_EQ(sqlite3_exec(db,
                           "CREATE TABLE quota_charges (app_id TEXT NOT NULL, day TEXT NOT NULL, "
                           "units INTEGER NOT NULL, PRIMARY KEY (app_id, day));"
                           "INSERT INTO quota_charges VALUES ('old-app', '2033-05-17', 9);"
                           "PRAGMA user_version = 1;",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  {
    std::unique_ptr<Store> s;
    ASSERT_TRUE(OpenSqliteStore(path, &s).ok());
    std::vector<Store::UnitsRow> rows;
    ASSERT_TRUE(s->ListUnitsUsed("old-app", "2000-01-01", &rows).ok());
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].day, "2033-05-17");
    EXPECT_EQ(rows[0].units, 9);
    int64_t wait = -1;
    ASSERT_TRUE(s->AdmitSignIn("a", {{"k", 1}}, 1000, 60, &wait).ok());
    EXPECT_EQ(wait, 0);
    ASSERT_TRUE(s->AdmitSignIn("b", {{"k", 1}}, 1001, 60, &wait).ok());
    EXPECT_EQ(wait, 59);
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* q = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &q, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(q), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(q, 0), 2);
  sqlite3_finalize(q);
  sqlite3_close(db);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace bpkb::store
