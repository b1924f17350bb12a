#include "dashboard/usage.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <map>

namespace bpkb::dashboard {

std::string UtcDay(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const double rank = std::ceil(p / 100.0 * static_cast<double>(values.size()));
  const size_t i = static_cast<size_t>(std::clamp(rank, 1.0, double(values.size()))) - 1;
  return values[i];
}

std::vector<DayUsage> SummariseUsage(const std::vector<store::Store::UsageRow>& rows,
                                     const std::vector<store::StoredResult>& results, bool metered,
                                     int64_t now, int days) {
  std::vector<DayUsage> out;
  std::map<std::string, size_t> index;
  for (int i = days - 1; i >= 0; --i) {
    DayUsage d;
    d.day = UtcDay(now - int64_t{i} * 86400);
    index[d.day] = out.size();
    out.push_back(d);
  }
  for (const auto& r : rows) {
    auto it = index.find(r.day);
    if (it == index.end()) continue;
    DayUsage& d = out[it->second];
    if (r.http_status >= 200 && r.http_status < 300)
      d.ok += r.count;
    else if (r.http_status >= 400 && r.http_status < 500)
      d.client_errors += r.count;
    else if (r.http_status >= 500)
      d.server_errors += r.count;
  }
  std::map<std::string, std::vector<double>> latencies;
  for (const auto& r : results) latencies[UtcDay(r.created_at)].push_back(r.total_ms);
  for (DayUsage& d : out) {
    // Every 200 of an extraction charged one unit; pulls and deletes are 200s too,
    // so the units are the stored extractions, not the 2xx count.
    const auto& v = latencies[d.day];
    d.timed = static_cast<int64_t>(v.size());
    d.units = metered ? d.timed : 0;
    d.p50_ms = Percentile(v, 50);
    d.p95_ms = Percentile(v, 95);
  }
  return out;
}

}  // namespace bpkb::dashboard
