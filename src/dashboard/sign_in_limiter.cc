#include "dashboard/sign_in_limiter.h"

#include <algorithm>

namespace bpkb::dashboard {
namespace {

// Keys never collide: an address has no '\n'.
std::string AccountKey(const std::string& address, const std::string& email) {
  return address + "\n" + email;
}

constexpr size_t kMaxKeys = 100'000;

}  // namespace

void SignInLimiter::Prune(Failures* f, Clock::time_point now) const {
  while (!f->empty() && now - f->front() >= window_) f->pop_front();
}

int SignInLimiter::Wait(Failures* f, int max, Clock::time_point now) const {
  Prune(f, now);
  if (static_cast<int>(f->size()) < max) return 0;
  auto left = std::chrono::duration_cast<std::chrono::seconds>(f->front() + window_ - now);
  return std::max<int>(1, static_cast<int>(left.count()) + 1);
}

int SignInLimiter::RetryAfter(const std::string& address, const std::string& email,
                              Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mu_);
  int wait = 0;
  if (auto it = failures_.find(AccountKey(address, email)); it != failures_.end()) {
    wait = std::max(wait, Wait(&it->second, max_per_account_, now));
  }
  if (auto it = failures_.find(address); it != failures_.end()) {
    wait = std::max(wait, Wait(&it->second, max_per_address_, now));
  }
  return wait;
}

void SignInLimiter::Failed(const std::string& address, const std::string& email,
                           Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mu_);
  if (failures_.size() >= kMaxKeys) {
    // A flood of distinct keys: forget those with no failure left in the window.
    for (auto it = failures_.begin(); it != failures_.end();) {
      Prune(&it->second, now);
      it = it->second.empty() ? failures_.erase(it) : std::next(it);
    }
  }
  for (const std::string& key : {AccountKey(address, email), address}) {
    Failures& f = failures_[key];
    Prune(&f, now);
    f.push_back(now);
    // Never more than the larger limit: older entries no longer decide anything.
    while (static_cast<int>(f.size()) > std::max(max_per_account_, max_per_address_)) {
      f.pop_front();
    }
  }
}

void SignInLimiter::Succeeded(const std::string& address, const std::string& email) {
  std::lock_guard<std::mutex> lock(mu_);
  failures_.erase(AccountKey(address, email));
}

}  // namespace bpkb::dashboard
