// Usage summaries for the dashboard: per application and UTC day, requests by
// status class, units of quota used and the p50/p95 latency of extractions.
//
// Request counts come from the store's usage counters (every authenticated API
// request); units used from the store's record of charges (one per saved
// extraction, live apps included, never lowered when results are deleted or
// expire); latencies from the stored results (successful extractions still
// within retention), so a day whose results were deleted shows counts and
// units without latency.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/store.h"

namespace bpkb::dashboard {

struct DayUsage {
  std::string day;            // YYYY-MM-DD
  int64_t ok = 0;             // 2xx
  int64_t client_errors = 0;  // 4xx
  int64_t server_errors = 0;  // 5xx
  int64_t units = 0;          // units used: extractions charged that day (store.h)
  int64_t timed = 0;          // extractions the latencies are computed from
  double p50_ms = 0;          // 0 when timed == 0
  double p95_ms = 0;
};

using store::UtcDay;
// Nearest-rank percentile (p in (0, 100]) of `values`; 0 for none.
double Percentile(std::vector<double> values, double p);
// One entry per day, oldest first, for the `days` days ending with today (UTC).
std::vector<DayUsage> SummariseUsage(const std::vector<store::Store::UsageRow>& rows,
                                     const std::vector<store::Store::UnitsRow>& units,
                                     const std::vector<store::StoredResult>& results, int64_t now,
                                     int days);

}  // namespace bpkb::dashboard
