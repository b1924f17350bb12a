// `bpkb-ocr admin create|list|delete|sign-out` (the real binary) work on the
// administrators where the server reads them: the SQLite file of --db, or the
// PostgreSQL database of --database-url (a real server this test starts,
// store/pg_test_server.h), and with --database-url no SQLite file is written.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

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

  // Runs `bpkb-ocr admin ARGS` in dir_ with nothing on stdin; the exit code, and
  // its stdout in *out.
  int Admin(const std::string& args, std::string* out = nullptr) {
    const std::string cmd =
        "cd '" + dir_ + "' && '" + kBinary + "' admin " + args + " </dev/null 2>/dev/null";
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return -1;
    std::string text;
    char buf[512];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, n);
    const int rc = pclose(p);
    if (out) *out = text;
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  }

  // `admin list`, parsed: one JSON object a line.
  std::vector<nlohmann::json> List(const std::string& db_args) {
    std::string out;
    EXPECT_EQ(Admin("list " + db_args, &out), 0);
    EXPECT_EQ(out.find("argon2"), std::string::npos) << "no password hash in the list";
    std::vector<nlohmann::json> lines;
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
    return lines;
  }

  // The same story on either store: `db_args` names it to the binary, `st` is
  // this test's own connection to it (as a running server would have).
  void ListDeleteAndSignOut(const std::string& db_args, store::Store& st) {
    EXPECT_TRUE(List(db_args).empty());
    ASSERT_EQ(AdminCreate("--email b@example.test " + db_args, "first password!"), 0);
    ASSERT_EQ(AdminCreate("--email a@example.test " + db_args, "first password!"), 0);
    ASSERT_TRUE(st.CreateSession("a-1", {"a@example.test", "c", 4'000'000'000}, 1).ok());
    ASSERT_TRUE(st.CreateSession("a-2", {"a@example.test", "c", 4'000'000'000}, 1).ok());
    ASSERT_TRUE(st.CreateSession("b-1", {"b@example.test", "c", 4'000'000'000}, 1).ok());

    std::vector<nlohmann::json> admins = List(db_args);
    ASSERT_EQ(admins.size(), 2u);
    EXPECT_EQ(admins[0]["email"], "a@example.test");
    EXPECT_EQ(admins[0]["active_sessions"], 2);
    EXPECT_GT(admins[0]["created_at"].get<int64_t>(), 1'700'000'000);
    EXPECT_EQ(admins[1]["email"], "b@example.test");
    EXPECT_EQ(admins[1]["active_sessions"], 1);

    // sign-out: the sessions end, the account stays.
    ASSERT_EQ(Admin("sign-out A@Example.test " + db_args), 0);
    store::Store::AdminSession s;
    EXPECT_EQ(st.FindSession("a-1", 2, &s).code(), StatusCode::kNotFound);
    EXPECT_EQ(st.FindSession("a-2", 2, &s).code(), StatusCode::kNotFound);
    EXPECT_TRUE(st.FindSession("b-1", 2, &s).ok());
    std::string hash;
    EXPECT_TRUE(st.FindAdmin("a@example.test", &hash).ok());

    // delete: the account and its sessions go; the other administrator stays.
    ASSERT_TRUE(st.CreateSession("a-3", {"a@example.test", "c", 4'000'000'000}, 1).ok());
    std::string out;
    ASSERT_EQ(Admin("delete a@example.test " + db_args, &out), 0);
    EXPECT_NE(out.find("a@example.test deleted"), std::string::npos) << out;
    EXPECT_EQ(st.FindAdmin("a@example.test", &hash).code(), StatusCode::kNotFound);
    EXPECT_EQ(st.FindSession("a-3", 2, &s).code(), StatusCode::kNotFound);
    EXPECT_TRUE(st.FindSession("b-1", 2, &s).ok());
    admins = List(db_args);
    ASSERT_EQ(admins.size(), 1u);
    EXPECT_EQ(admins[0]["email"], "b@example.test");

    // Unknown administrators: exit 1; bad usage: exit 2.
    EXPECT_EQ(Admin("delete a@example.test " + db_args), 1);
    EXPECT_EQ(Admin("sign-out nobody@example.test " + db_args), 1);
    EXPECT_EQ(Admin("delete not-an-email " + db_args), 2);
    EXPECT_EQ(Admin("delete " + db_args), 2);
    EXPECT_EQ(Admin("list --bogus " + db_args), 2);
    EXPECT_EQ(List(db_args).size(), 1u);
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

TEST_F(AdminCommandTest, ListsDeletesAndSignsOutOnTheSqliteFileOfDb) {
  fs::create_directories(dir_ + "/db");
  std::unique_ptr<store::Store> st;
  ASSERT_TRUE(store::OpenStore(dir_ + "/db/x.sqlite", "", &st).ok());
  ListDeleteAndSignOut("--db db/x.sqlite", *st);
}

TEST_F(AdminCommandTest, ListsDeletesAndSignsOutOnPostgresWithDatabaseUrl) {
  if (!store::PgTestServer::Available()) GTEST_SKIP() << "PostgreSQL server binaries not installed";
  ASSERT_TRUE(store::SharedPgTestServer()->running()) << store::SharedPgTestServer()->error();
  store::SharedPgTestServer()->CreateDatabase("admins_list");
  const std::string url = store::SharedPgTestServer()->Url("admins_list");
  std::unique_ptr<store::Store> st;
  ASSERT_TRUE(store::OpenPgStore(url, &st).ok());
  ListDeleteAndSignOut("--database-url " + url, *st);
  EXPECT_FALSE(fs::exists(dir_ + "/data")) << "no SQLite file beside PostgreSQL";
  EXPECT_EQ(Admin("list --database-url postgresql://postgres@127.0.0.1:1/x"), 1);
}

}  // namespace
}  // namespace bpkb::cli
