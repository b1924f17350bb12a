// Metrics: the counters behind GET /metrics, in the Prometheus text format.
// Endpoint labels are route names (never client-chosen paths), so the number of
// series stays bounded whatever clients send.
#pragma once

#include <array>
#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace bpkb::service {

class Metrics {
 public:
  void ObserveRequest(const std::string& endpoint, int status, double seconds);
  void CountQuotaRefusal() { quota_refusals_++; }
  void CountRateLimited() { rate_limited_++; }
  void CountSaturated() { saturated_++; }

  // `in_flight` and `queued` are read when rendering.
  std::string Render(int in_flight, int queued) const;

 private:
  static constexpr std::array<double, 12> kBuckets = {0.005, 0.01, 0.025, 0.05, 0.1,  0.25,
                                                      0.5,   1.0,  2.5,   5.0,  10.0, 30.0};
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> counts{};
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
  std::atomic<uint64_t> quota_refusals_{0};
  std::atomic<uint64_t> rate_limited_{0};
  std::atomic<uint64_t> saturated_{0};
};

}  // namespace bpkb::service
