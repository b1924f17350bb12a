// SignInLimiter: slows password guessing at the dashboard's sign-in.
//
// Counts failed sign-ins in a sliding window, per (client address, e-mail) and
// per client address alone; once either count reaches its limit, sign-in is
// refused (429 with Retry-After) until the oldest failure leaves the window,
// without checking the password. A success clears its (address, e-mail) count.
// In memory, per process: a restart forgets, which only helps the operator.
#pragma once

#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace bpkb::dashboard {

class SignInLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  SignInLimiter(int max_per_account, int max_per_address, std::chrono::seconds window)
      : max_per_account_(max_per_account), max_per_address_(max_per_address), window_(window) {}

  // Seconds until a sign-in may be tried; 0 when it may be tried now.
  int RetryAfter(const std::string& address, const std::string& email, Clock::time_point now);
  void Failed(const std::string& address, const std::string& email, Clock::time_point now);
  void Succeeded(const std::string& address, const std::string& email);

 private:
  using Failures = std::deque<Clock::time_point>;
  void Prune(Failures* f, Clock::time_point now) const;
  int Wait(Failures* f, int max, Clock::time_point now) const;

  const int max_per_account_;
  const int max_per_address_;
  const std::chrono::seconds window_;
  std::mutex mu_;
  std::unordered_map<std::string, Failures> failures_;
};

}  // namespace bpkb::dashboard
