// Usage summaries (dashboard/usage.h).
#include "dashboard/usage.h"

#include <gtest/gtest.h>

namespace bpkb::dashboard {
namespace {

TEST(UsageTest, UtcDay) {
  EXPECT_EQ(UtcDay(0), "1970-01-01");
  EXPECT_EQ(UtcDay(1'700'000'000), "2023-11-14");
}

TEST(UsageTest, PercentileIsNearestRank) {
  EXPECT_EQ(Percentile({}, 50), 0);
  EXPECT_EQ(Percentile({7}, 95), 7);
  std::vector<double> v;
  for (int i = 100; i >= 1; --i) v.push_back(i);
  EXPECT_EQ(Percentile(v, 50), 50);
  EXPECT_EQ(Percentile(v, 95), 95);
  EXPECT_EQ(Percentile({1, 2, 3, 4}, 50), 2);
  EXPECT_EQ(Percentile({1, 2, 3, 4}, 95), 4);
}

TEST(UsageTest, SummarisesDaysByStatusClassAndLatency) {
  const int64_t now = 1'700'000'000;  // 2023-11-14
  std::vector<store::Store::UsageRow> rows = {
      {"2023-11-13", 200, 3}, {"2023-11-13", 422, 2}, {"2023-11-13", 401, 1},
      {"2023-11-14", 200, 1}, {"2023-11-14", 503, 4}, {"2023-10-01", 200, 9},  // too old
  };
  std::vector<store::StoredResult> results(3);
  results[0].created_at = now - 86400;
  results[0].total_ms = 100;
  results[1].created_at = now - 86400;
  results[1].total_ms = 300;
  results[2].created_at = now;
  results[2].total_ms = 50;
  // Units used come from the store's charges, not from the results: here a day
  // whose results were deleted, and one with more charges than results left.
  std::vector<store::Store::UnitsRow> units = {
      {"2023-10-01", 9}, {"2023-11-12", 4}, {"2023-11-13", 3}};
  auto days = SummariseUsage(rows, units, results, now, 30);
  ASSERT_EQ(days.size(), 30u);
  EXPECT_EQ(days.back().day, "2023-11-14");
  EXPECT_EQ(days.front().day, "2023-10-16");
  const DayUsage& y = days[28];
  EXPECT_EQ(y.day, "2023-11-13");
  EXPECT_EQ(y.ok, 3);
  EXPECT_EQ(y.client_errors, 3);
  EXPECT_EQ(y.server_errors, 0);
  EXPECT_EQ(y.units, 3);
  EXPECT_EQ(y.timed, 2);
  EXPECT_EQ(days[27].units, 4);
  EXPECT_EQ(days[27].timed, 0);
  EXPECT_EQ(days[29].units, 0);
  EXPECT_EQ(y.p50_ms, 100);
  EXPECT_EQ(y.p95_ms, 300);
  EXPECT_EQ(days[29].server_errors, 4);
  EXPECT_EQ(days[29].p50_ms, 50);
  EXPECT_EQ(days[0].ok, 0);
  EXPECT_EQ(days[0].units, 0);
}

}  // namespace
}  // namespace bpkb::dashboard
