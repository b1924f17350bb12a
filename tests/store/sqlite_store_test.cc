// Runs the Store contract (store_contract.h) against SqliteStore on a real file.
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

}  // namespace
}  // namespace bpkb::store
