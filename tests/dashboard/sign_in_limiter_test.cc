// Sign-in rate limit (dashboard/sign_in_limiter.h).
#include "dashboard/sign_in_limiter.h"

#include <gtest/gtest.h>

namespace bpkb::dashboard {
namespace {

using namespace std::chrono_literals;

TEST(SignInLimiterTest, RefusesAfterTooManyFailuresForOneAccount) {
  SignInLimiter limiter(3, 100, 60s);
  auto t = SignInLimiter::Clock::now();
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(limiter.RetryAfter("1.2.3.4", "a@x.test", t), 0);
    limiter.Failed("1.2.3.4", "a@x.test", t);
  }
  const int wait = limiter.RetryAfter("1.2.3.4", "a@x.test", t + 1s);
  EXPECT_GT(wait, 0);
  EXPECT_LE(wait, 60);
  // Another account from the same address, or the same from elsewhere, may try.
  EXPECT_EQ(limiter.RetryAfter("1.2.3.4", "b@x.test", t), 0);
  EXPECT_EQ(limiter.RetryAfter("5.6.7.8", "a@x.test", t), 0);
  // Once the window has passed, it may try again.
  EXPECT_EQ(limiter.RetryAfter("1.2.3.4", "a@x.test", t + 61s), 0);
}

TEST(SignInLimiterTest, RefusesAnAddressThatTriesManyAccounts) {
  SignInLimiter limiter(3, 5, 60s);
  auto t = SignInLimiter::Clock::now();
  for (int i = 0; i < 5; ++i) {
    std::string email = std::to_string(i);  // (GCC 12 warns on "u" + to_string + "@...")
    email.append("@x.test");
    limiter.Failed("1.2.3.4", email, t);
  }
  EXPECT_GT(limiter.RetryAfter("1.2.3.4", "new@x.test", t), 0);
  EXPECT_EQ(limiter.RetryAfter("9.9.9.9", "new@x.test", t), 0);
}

TEST(SignInLimiterTest, SuccessClearsTheAccountsFailures) {
  SignInLimiter limiter(3, 100, 60s);
  auto t = SignInLimiter::Clock::now();
  limiter.Failed("1.2.3.4", "a@x.test", t);
  limiter.Failed("1.2.3.4", "a@x.test", t);
  limiter.Succeeded("1.2.3.4", "a@x.test");
  limiter.Failed("1.2.3.4", "a@x.test", t);
  limiter.Failed("1.2.3.4", "a@x.test", t);
  EXPECT_EQ(limiter.RetryAfter("1.2.3.4", "a@x.test", t), 0);
}

}  // namespace
}  // namespace bpkb::dashboard
