// Administrators and sessions through AdminDb (dashboard/admin_db.h) over the
// store, on a real SQLite file (the store contract runs the same calls against
// PostgreSQL too).
#include "dashboard/admin_db.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "dashboard/credentials.h"
#include "store/keys.h"
#include "store/store.h"

namespace bpkb::dashboard {
namespace {

class AdminDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store::InitCrypto().ok());
    path_ = (std::filesystem::temp_directory_path() /
             ("dash-admin-" + std::to_string(getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".sqlite"))
                .string();
    std::filesystem::remove(path_);
    ASSERT_TRUE(store::OpenStore(path_, "", &store_).ok());
    db_ = std::make_unique<AdminDb>(store_.get());
  }
  void TearDown() override {
    db_.reset();
    store_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }
  std::string path_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<AdminDb> db_;
};

TEST_F(AdminDbTest, AdminIsStoredOnceUnlessReplaced) {
  ASSERT_TRUE(db_->PutAdmin("ops@example.test", "hash-1", false).ok());
  EXPECT_EQ(db_->PutAdmin("ops@example.test", "hash-2", false).code(), StatusCode::kInvalidInput);
  std::string hash;
  ASSERT_TRUE(db_->FindAdmin("ops@example.test", &hash).ok());
  EXPECT_EQ(hash, "hash-1");
  ASSERT_TRUE(db_->PutAdmin("ops@example.test", "hash-2", true).ok());
  ASSERT_TRUE(db_->FindAdmin("ops@example.test", &hash).ok());
  EXPECT_EQ(hash, "hash-2");
  EXPECT_EQ(db_->FindAdmin("other@example.test", &hash).code(), StatusCode::kNotFound);
}

TEST_F(AdminDbTest, SessionIsFoundByTokenUntilItExpiresOrIsDeleted) {
  ASSERT_TRUE(db_->PutAdmin("ops@example.test", "h", false).ok());
  const std::string token = NewToken();
  ASSERT_TRUE(db_->CreateSession(token, {"ops@example.test", "csrf-1", 2000}, 1000).ok());
  Session s;
  ASSERT_TRUE(db_->FindSession(token, 1500, &s).ok());
  EXPECT_EQ(s.email, "ops@example.test");
  EXPECT_EQ(s.csrf, "csrf-1");
  EXPECT_EQ(db_->FindSession(token, 2000, &s).code(), StatusCode::kNotFound);  // expired
  EXPECT_EQ(db_->FindSession(NewToken(), 1500, &s).code(), StatusCode::kNotFound);
  EXPECT_EQ(db_->FindSession("", 1500, &s).code(), StatusCode::kNotFound);
  ASSERT_TRUE(db_->DeleteSession(token).ok());
  EXPECT_EQ(db_->FindSession(token, 1500, &s).code(), StatusCode::kNotFound);
}

TEST_F(AdminDbTest, DatabaseKeepsOnlyTheTokensHash) {
  ASSERT_TRUE(db_->PutAdmin("ops@example.test", "h", false).ok());
  const std::string token = NewToken();
  ASSERT_TRUE(db_->CreateSession(token, {"ops@example.test", "c", 2000}, 1000).ok());
  db_.reset();
  store_.reset();
  std::string bytes;
  for (const char* suffix : {"", "-wal"}) {
    FILE* f = std::fopen((path_ + suffix).c_str(), "rb");
    if (!f) continue;
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) bytes.append(buf, n);
    std::fclose(f);
  }
  EXPECT_EQ(bytes.find(token), std::string::npos);
  EXPECT_NE(bytes.find(TokenHash(token)), std::string::npos);
}

TEST_F(AdminDbTest, SessionsOfAnAdminCanAllBeEnded) {
  ASSERT_TRUE(db_->PutAdmin("a@example.test", "h", false).ok());
  ASSERT_TRUE(db_->PutAdmin("b@example.test", "h", false).ok());
  const std::string a1 = NewToken(), a2 = NewToken(), b1 = NewToken();
  ASSERT_TRUE(db_->CreateSession(a1, {"a@example.test", "c", 2000}, 1000).ok());
  ASSERT_TRUE(db_->CreateSession(a2, {"a@example.test", "c", 2000}, 1000).ok());
  ASSERT_TRUE(db_->CreateSession(b1, {"b@example.test", "c", 2000}, 1000).ok());
  ASSERT_TRUE(db_->DeleteSessionsOf("a@example.test").ok());
  Session s;
  EXPECT_FALSE(db_->FindSession(a1, 1500, &s).ok());
  EXPECT_FALSE(db_->FindSession(a2, 1500, &s).ok());
  EXPECT_TRUE(db_->FindSession(b1, 1500, &s).ok());
}

TEST_F(AdminDbTest, AccountsAreSharedByEveryStoreOnTheDatabase) {
  // As the `admin create` CLI and a running server do: two stores, one file.
  std::unique_ptr<store::Store> other;
  ASSERT_TRUE(store::OpenStore(path_, "", &other).ok());
  AdminDb cli(other.get());
  std::string hash;
  ASSERT_TRUE(HashPassword("a long test password", &hash).ok());
  ASSERT_TRUE(cli.PutAdmin("ops@example.test", hash, false).ok());
  std::string found;
  ASSERT_TRUE(db_->FindAdmin("ops@example.test", &found).ok());
  EXPECT_TRUE(VerifyPassword(found, "a long test password"));
  const std::string token = NewToken();
  ASSERT_TRUE(db_->CreateSession(token, {"ops@example.test", "c", 2000}, 1000).ok());
  Session s;
  EXPECT_TRUE(cli.FindSession(token, 1500, &s).ok());
  // A password reset through one signs out the sessions seen by the other.
  ASSERT_TRUE(cli.DeleteSessionsOf("ops@example.test").ok());
  EXPECT_EQ(db_->FindSession(token, 1500, &s).code(), StatusCode::kNotFound);
  EXPECT_EQ(db_->FindSession(std::string(200, 'x'), 1500, &s).code(), StatusCode::kNotFound);
}

TEST(NormaliseEmailTest, LowerCasesTrimsAndRefusesNonAddresses) {
  std::string e;
  ASSERT_TRUE(NormaliseEmail("  Ops@Example.TEST ", &e).ok());
  EXPECT_EQ(e, "ops@example.test");
  for (const char* bad : {"", "ops", "@example.test", "ops@", "a@b@c", "o ps@example.test"}) {
    EXPECT_FALSE(NormaliseEmail(bad, &e).ok()) << bad;
  }
}

}  // namespace
}  // namespace bpkb::dashboard
