// `bpkb-ocr admin create` (the real binary) writes administrators where the
// server reads them: the SQLite file of --db, or the PostgreSQL database of
// --database-url (a real server this test starts, store/pg_test_server.h), and
// with --database-url it writes no SQLite file at all.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "store/keys.h"
#include "store/pg_store.h"
#include "store/pg_test_server.h"
#include "store/store.h"

namespace bpkb::cli {
namespace {

namespace fs = std::filesystem;
const std::string kBinary = std::string(BPKB_BINARY_DIR) + "/bpkb-ocr";

class AdminCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store::InitCrypto().ok());
    dir_ = (fs::temp_directory_path() /
            ("bpkb-admin-cli-" + std::to_string(getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name()))
               .string();
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs `bpkb-ocr admin create ARGS` in dir_ with `password` on stdin; the exit code.
  int AdminCreate(const std::string& args, const std::string& password) {
    const std::string cmd = "cd '" + dir_ + "' && printf '%s\\n' '" + password + "' | '" + kBinary +
                            "' admin create " + args + " >/dev/null 2>&1";
    const int rc = std::system(cmd.c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  }

  std::string dir_;
};

TEST_F(AdminCommandTest, WritesToTheSqliteFileOfDb) {
  ASSERT_EQ(AdminCreate("--email Ops@Example.test --db db/x.sqlite", "first password!"), 0);
  std::unique_ptr<store::Store> st;
  ASSERT_TRUE(store::OpenStore(dir_ + "/db/x.sqlite", "", &st).ok());
  std::string hash;
  ASSERT_TRUE(st->FindAdmin("ops@example.test", &hash).ok());
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u);
  EXPECT_EQ(hash.find("first password!"), std::string::npos);
  // Again without --reset: a usage error; with it: a new hash, old sessions end.
  EXPECT_EQ(AdminCreate("--email ops@example.test --db db/x.sqlite", "other password"), 2);
  ASSERT_TRUE(st->CreateSession("token-hash", {"ops@example.test", "c", 4'000'000'000}, 1).ok());
  ASSERT_EQ(AdminCreate("--email ops@example.test --reset --db db/x.sqlite", "other password"), 0);
  std::string fresh;
  ASSERT_TRUE(st->FindAdmin("ops@example.test", &fresh).ok());
  EXPECT_NE(fresh, hash);
  store::Store::AdminSession s;
  EXPECT_EQ(st->FindSession("token-hash", 2, &s).code(), StatusCode::kNotFound);
  // Bad input: no e-mail, a short password.
  EXPECT_EQ(AdminCreate("--email not-an-email --db db/x.sqlite", "first password!"), 2);
  EXPECT_EQ(AdminCreate("--email b@example.test --db db/x.sqlite", "short"), 2);
}

TEST_F(AdminCommandTest, WritesToPostgresWithDatabaseUrl) {
  if (!store::PgTestServer::Available()) GTEST_SKIP() << "PostgreSQL server binaries not installed";
  ASSERT_TRUE(store::SharedPgTestServer()->running()) << store::SharedPgTestServer()->error();
  store::SharedPgTestServer()->CreateDatabase("admins");
  const std::string url = store::SharedPgTestServer()->Url("admins");
  ASSERT_EQ(AdminCreate("--email ops@example.test --database-url " + url, "first password!"), 0);
  std::unique_ptr<store::Store> st;
  ASSERT_TRUE(store::OpenPgStore(url, &st).ok());
  std::string hash;
  ASSERT_TRUE(st->FindAdmin("ops@example.test", &hash).ok());
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u);
  EXPECT_FALSE(fs::exists(dir_ + "/data")) << "no SQLite file beside PostgreSQL";
  EXPECT_EQ(AdminCreate("--email ops@example.test --database-url " + url, "first password!"), 2);
  EXPECT_EQ(AdminCreate("--email ops@example.test --database-url mysql://x", "first password!"), 2);
}

}  // namespace
}  // namespace bpkb::cli
