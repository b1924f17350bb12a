// Password hashing and tokens of the dashboard (dashboard/credentials.h).
#include "dashboard/credentials.h"

#include <gtest/gtest.h>

#include <set>

#include "store/keys.h"

namespace bpkb::dashboard {
namespace {

class CredentialsTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(store::InitCrypto().ok()); }
};

TEST_F(CredentialsTest, PasswordHashIsArgon2idAndVerifies) {
  std::string hash;
  ASSERT_TRUE(HashPassword("correct horse battery", &hash).ok());
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  EXPECT_EQ(hash.find("correct horse"), std::string::npos);
  EXPECT_TRUE(VerifyPassword(hash, "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(hash, "correct horse batterY"));
  EXPECT_FALSE(VerifyPassword(hash, ""));
}

TEST_F(CredentialsTest, SamePasswordHashesDifferently) {
  std::string a, b;
  ASSERT_TRUE(HashPassword("the same password", &a).ok());
  ASSERT_TRUE(HashPassword("the same password", &b).ok());
  EXPECT_NE(a, b);  // salted
  EXPECT_TRUE(VerifyPassword(b, "the same password"));
}

TEST_F(CredentialsTest, RefusesShortAndOverlongPasswords) {
  std::string hash;
  Status s = HashPassword("short", &hash);
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(s.field(), "password");
  EXPECT_EQ(HashPassword(std::string(kMaxPasswordLength + 1, 'x'), &hash).code(),
            StatusCode::kInvalidInput);
  EXPECT_TRUE(HashPassword(std::string(kMinPasswordLength, 'x'), &hash).ok());
}

TEST_F(CredentialsTest, MalformedHashNeverVerifies) {
  EXPECT_FALSE(VerifyPassword("", "anything at all"));
  EXPECT_FALSE(VerifyPassword("$argon2id$v=19$garbage", "anything at all"));
  EXPECT_FALSE(VerifyPassword(std::string(1000, '$'), "anything at all"));
}

TEST_F(CredentialsTest, TokensAreLongRandomAndUrlSafe) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    std::string t = NewToken();
    EXPECT_EQ(t.size(), 43u);  // 32 bytes, base64url without padding
    EXPECT_EQ(
        t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
        std::string::npos);
    seen.insert(t);
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST_F(CredentialsTest, TokenHashIsStableAndHidesTheToken) {
  const std::string t = NewToken();
  EXPECT_EQ(TokenHash(t), TokenHash(t));
  EXPECT_NE(TokenHash(t), TokenHash(NewToken()));
  EXPECT_EQ(TokenHash(t).size(), 64u);
  EXPECT_EQ(TokenHash(t).find(t), std::string::npos);
}

TEST_F(CredentialsTest, SameSecretComparesWholeValues) {
  EXPECT_TRUE(SameSecret("abc", "abc"));
  EXPECT_FALSE(SameSecret("abc", "abd"));
  EXPECT_FALSE(SameSecret("abc", "abcd"));
  EXPECT_FALSE(SameSecret("", ""));  // an absent token never matches an absent one
}

}  // namespace
}  // namespace bpkb::dashboard
