#include "dashboard/usage.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace bpkb::dashboard {

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const double rank = std::ceil(p / 100.0 * static_cast<double>(values.size()));
  const size_t i = static_cast<size_t>(std::clamp(rank, 1.0, double(values.size()))) - 1;
  return values[i];
}

std::vector<DayUsage> SummariseUsage(const std::vector<store::Store::UsageRow>& rows,
                                     const std::vector<store::Store::UnitsRow>& units,
                                     const std::vector<store::StoredResult>& results, int64_t now,
                                     int days) {
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
  for (const auto& u : units) {
    auto it = index.find(u.day);
    if (it != index.end()) out[it->second].units = u.units;
  }
  std::map<std::string, std::vector<double>> latencies;
  for (const auto& r : results) latencies[UtcDay(r.created_at)].push_back(r.total_ms);
  for (DayUsage& d : out) {
    const auto& v = latencies[d.day];
    d.timed = static_cast<int64_t>(v.size());
    d.p50_ms = Percentile(v, 50);
    d.p95_ms = Percentile(v, 95);
  }
  return out;
}

}  // namespace bpkb::dashboard
