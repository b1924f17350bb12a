// SignInLimiter: slows password guessing at the dashboard's sign-in.
//
// Counts sign-in attempts in a sliding window, per (client address, e-mail) and
// per client address alone; once either count reaches its limit, sign-in is
// refused (429 with Retry-After) until the oldest attempt that decides it leaves
// the window, without checking the password. Each admitted attempt counts as a
// failure from the start, so that concurrent guesses cannot pass the limit while
// their passwords are being checked; a success takes its own attempt back and
// clears its (address, e-mail) count.
//
// The counts are kept by the store (Store::AdmitSignIn), so every server sharing
// the database counts the same attempts: guesses spread over the servers of a
// scale-out deployment meet one limit. Only hashes of the keys reach the store.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "bpkb/status.h"
#include "store/store.h"

namespace bpkb::dashboard {

class SignInLimiter {
 public:
  // `store` must outlive the limiter.
  SignInLimiter(store::Store* store, int max_per_account, int max_per_address,
                std::chrono::seconds window)
      : store_(store),
        max_per_account_(max_per_account),
        max_per_address_(max_per_address),
        window_(window) {}

  struct Attempt {
    std::string id;           // random, made by Admit
    std::string account_key;  // hash of (address, e-mail)
  };
  // Admits an attempt (*retry_after_s == 0, *attempt filled) or refuses it
  // (*retry_after_s: seconds until one may be tried). `now`: unix seconds.
  Status Admit(const std::string& address, const std::string& email, int64_t now, Attempt* attempt,
               int64_t* retry_after_s);
  // The attempt's password was right.
  Status Succeeded(const Attempt& attempt);

 private:
  store::Store* store_;
  const int max_per_account_;
  const int max_per_address_;
  const std::chrono::seconds window_;
};

}  // namespace bpkb::dashboard
