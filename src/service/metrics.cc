#include "service/metrics.h"

#include <sstream>

namespace bpkb::service {

void Metrics::ObserveRequest(const std::string& endpoint, int status, double seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  requests_[{endpoint, status}]++;
  Histogram& h = latency_[endpoint];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) h.counts[i]++;
  }
  h.count++;
  h.sum += seconds;
}

std::string Metrics::Render(int in_flight, int queued) const {
  std::ostringstream o;
  o << "# HELP bpkb_http_requests_total HTTP requests by endpoint and status.\n"
    << "# TYPE bpkb_http_requests_total counter\n";
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [key, n] : requests_) {
    o << "bpkb_http_requests_total{endpoint=\"" << key.first << "\",status=\"" << key.second
      << "\"} " << n << "\n";
  }
  o << "# HELP bpkb_http_request_duration_seconds Time from request to answer.\n"
    << "# TYPE bpkb_http_request_duration_seconds histogram\n";
  for (const auto& [endpoint, h] : latency_) {
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      o << "bpkb_http_request_duration_seconds_bucket{endpoint=\"" << endpoint << "\",le=\""
        << kBuckets[i] << "\"} " << h.counts[i] << "\n";
    }
    o << "bpkb_http_request_duration_seconds_bucket{endpoint=\"" << endpoint << "\",le=\"+Inf\"} "
      << h.count << "\n";
    o << "bpkb_http_request_duration_seconds_sum{endpoint=\"" << endpoint << "\"} " << h.sum
      << "\n";
    o << "bpkb_http_request_duration_seconds_count{endpoint=\"" << endpoint << "\"} " << h.count
      << "\n";
  }
  o << "# HELP bpkb_ocr_in_flight Documents being read by OCR workers now.\n"
    << "# TYPE bpkb_ocr_in_flight gauge\n"
    << "bpkb_ocr_in_flight " << in_flight << "\n"
    << "# HELP bpkb_ocr_queued Documents waiting for an OCR worker.\n"
    << "# TYPE bpkb_ocr_queued gauge\n"
    << "bpkb_ocr_queued " << queued << "\n"
    << "# HELP bpkb_quota_refusals_total Requests refused for lack of quota.\n"
    << "# TYPE bpkb_quota_refusals_total counter\n"
    << "bpkb_quota_refusals_total " << quota_refusals_.load() << "\n"
    << "# HELP bpkb_rate_limited_total Requests refused by the per-application rate limit.\n"
    << "# TYPE bpkb_rate_limited_total counter\n"
    << "bpkb_rate_limited_total " << rate_limited_.load() << "\n"
    << "# HELP bpkb_saturated_total Requests refused because every OCR worker was busy.\n"
    << "# TYPE bpkb_saturated_total counter\n"
    << "bpkb_saturated_total " << saturated_.load() << "\n";
  return o.str();
}

}  // namespace bpkb::service
