// Sign-in rate limit (dashboard/sign_in_limiter.h) over real SQLite stores: two
// stores on one file stand for two servers sharing a database.
#include "dashboard/sign_in_limiter.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "store/keys.h"

namespace bpkb::dashboard {
namespace {

using namespace std::chrono_literals;

class SignInLimiterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store::InitCrypto().ok());
    path_ = (std::filesystem::temp_directory_path() /
             ("dash-limiter-" + std::to_string(getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".sqlite"))
                .string();
    ASSERT_TRUE(store::OpenStore(path_, "", &a_).ok());
    ASSERT_TRUE(store::OpenStore(path_, "", &b_).ok());
  }
  void TearDown() override {
    a_.reset();
    b_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }

  // 0 when admitted, else the wait; a failed store call fails the test.
  static int64_t Try(SignInLimiter& limiter, const std::string& address, const std::string& email,
                     int64_t now, SignInLimiter::Attempt* attempt = nullptr) {
    SignInLimiter::Attempt local;
    int64_t wait = -1;
    Status s = limiter.Admit(address, email, now, attempt ? attempt : &local, &wait);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return wait;
  }

  std::string path_;
  std::unique_ptr<store::Store> a_, b_;
};

constexpr int64_t kT = 1'800'000'000;

TEST_F(SignInLimiterTest, RefusesAfterTooManyFailuresForOneAccount) {
  SignInLimiter limiter(a_.get(), 3, 100, 60s);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Try(limiter, "1.2.3.4", "a@x.test", kT), 0);
  const int64_t wait = Try(limiter, "1.2.3.4", "a@x.test", kT + 1);
  EXPECT_EQ(wait, 59);
  // Another account from the same address, or the same from elsewhere, may try.
  EXPECT_EQ(Try(limiter, "1.2.3.4", "b@x.test", kT + 1), 0);
  EXPECT_EQ(Try(limiter, "5.6.7.8", "a@x.test", kT + 1), 0);
  // Once the window has passed, it may try again.
  EXPECT_EQ(Try(limiter, "1.2.3.4", "a@x.test", kT + 61), 0);
}

TEST_F(SignInLimiterTest, RefusesAnAddressThatTriesManyAccounts) {
  SignInLimiter limiter(a_.get(), 3, 5, 60s);
  for (int i = 0; i < 5; ++i) {
    std::string email = std::to_string(i);  // (GCC 12 warns on "u" + to_string + "@...")
    email.append("@x.test");
    EXPECT_EQ(Try(limiter, "1.2.3.4", email, kT), 0);
  }
  EXPECT_GT(Try(limiter, "1.2.3.4", "new@x.test", kT), 0);
  EXPECT_EQ(Try(limiter, "9.9.9.9", "new@x.test", kT), 0);
}

TEST_F(SignInLimiterTest, SuccessClearsTheAccountsFailures) {
  SignInLimiter limiter(a_.get(), 3, 100, 60s);
  EXPECT_EQ(Try(limiter, "1.2.3.4", "a@x.test", kT), 0);
  EXPECT_EQ(Try(limiter, "1.2.3.4", "a@x.test", kT), 0);
  SignInLimiter::Attempt right;
  EXPECT_EQ(Try(limiter, "1.2.3.4", "a@x.test", kT, &right), 0);
  ASSERT_TRUE(limiter.Succeeded(right).ok());
  EXPECT_EQ(Try(limiter, "1.2.3.4", "a@x.test", kT), 0);
  EXPECT_EQ(Try(limiter, "1.2.3.4", "a@x.test", kT), 0);
  EXPECT_EQ(Try(limiter, "1.2.3.4", "a@x.test", kT), 0);
  EXPECT_GT(Try(limiter, "1.2.3.4", "a@x.test", kT), 0);
}

// Two servers on one database: guesses spread over them meet one limit.
TEST_F(SignInLimiterTest, ServersSharingTheDatabaseCountTogether) {
  SignInLimiter on_a(a_.get(), 3, 100, 60s), on_b(b_.get(), 3, 100, 60s);
  EXPECT_EQ(Try(on_a, "1.2.3.4", "a@x.test", kT), 0);
  EXPECT_EQ(Try(on_b, "1.2.3.4", "a@x.test", kT + 1), 0);
  EXPECT_EQ(Try(on_a, "1.2.3.4", "a@x.test", kT + 2), 0);
  EXPECT_EQ(Try(on_b, "1.2.3.4", "a@x.test", kT + 3), 57);
  EXPECT_EQ(Try(on_a, "1.2.3.4", "a@x.test", kT + 3), 57);
}

// Only hashes of the address and e-mail reach the database.
TEST_F(SignInLimiterTest, StoresNoAddressOrEmail) {
  SignInLimiter limiter(a_.get(), 3, 100, 60s);
  EXPECT_EQ(Try(limiter, "203.0.113.77", "secret-person@x.test", kT), 0);
  a_.reset();
  b_.reset();
  std::string bytes;
  for (const char* suffix : {"", "-wal"}) {
    std::FILE* f = std::fopen((path_ + suffix).c_str(), "rb");
    if (!f) continue;
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) bytes.append(buf, n);
    std::fclose(f);
  }
  ASSERT_FALSE(bytes.empty());
  EXPECT_EQ(bytes.find("203.0.113.77"), std::string::npos);
  EXPECT_EQ(bytes.find("secret-person"), std::string::npos);
}

}  // namespace
}  // namespace bpkb::dashboard
