#include "service/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace bpkb::service {

bool RateLimiter::Allow(const std::string& app_id, int limit_per_minute, int* retry_after_s) {
  if (limit_per_minute <= 0) return true;
  const auto now = std::chrono::steady_clock::now();
  const double capacity = limit_per_minute;
  const double per_second = limit_per_minute / 60.0;
  std::lock_guard<std::mutex> lock(mu_);
  auto [it, fresh] = buckets_.try_emplace(app_id);
  Bucket& b = it->second;
  if (fresh) {
    b.tokens = capacity;
  } else {
    double elapsed = std::chrono::duration<double>(now - b.last).count();
    b.tokens = std::min(capacity, b.tokens + elapsed * per_second);
  }
  b.last = now;
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return true;
  }
  *retry_after_s = std::max(1, static_cast<int>(std::ceil((1.0 - b.tokens) / per_second)));
  return false;
}

}  // namespace bpkb::service
