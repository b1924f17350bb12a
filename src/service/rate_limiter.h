// RateLimiter: a token bucket per application, in this process's memory. Each
// app may burst up to its per-minute limit and refills at limit/60 per second.
// Several server processes each apply the limit on their own.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace bpkb::service {

class RateLimiter {
 public:
  // True when the request may go on; else *retry_after_s says when to retry.
  // limit_per_minute <= 0 means no limit.
  bool Allow(const std::string& app_id, int limit_per_minute, int* retry_after_s);

 private:
  struct Bucket {
    double tokens = 0;
    std::chrono::steady_clock::time_point last;
  };
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace bpkb::service
