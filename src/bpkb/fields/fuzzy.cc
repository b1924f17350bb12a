#include "bpkb/fields/fuzzy.h"

#include <algorithm>
#include <cstdlib>

#include "bpkb/fields/confusions.h"

namespace bpkb::fields {
namespace {

double GapCost(char c) { return (c == ' ' || c == '.' || c == '-' || c == '/') ? 0.5 : 1.0; }

double SubstitutionCost(char a, char b) {
  if (a == b) return 0.0;
  return Confusable(a, b) ? 0.5 : 1.0;
}

}  // namespace

double EditDistance(std::string_view a, std::string_view b, double limit) {
  const size_t n = a.size(), m = b.size();
  std::vector<double> prev(m + 1), cur(m + 1);
  prev[0] = 0.0;
  for (size_t j = 1; j <= m; ++j) prev[j] = prev[j - 1] + GapCost(b[j - 1]);
  for (size_t i = 1; i <= n; ++i) {
    cur[0] = prev[0] + GapCost(a[i - 1]);
    double row_min = cur[0];
    for (size_t j = 1; j <= m; ++j) {
      double v = prev[j - 1] + SubstitutionCost(a[i - 1], b[j - 1]);
      v = std::min(v, prev[j] + GapCost(a[i - 1]));
      v = std::min(v, cur[j - 1] + GapCost(b[j - 1]));
      cur[j] = v;
      row_min = std::min(row_min, v);
    }
    if (row_min > limit) return row_min;
    std::swap(prev, cur);
  }
  return prev[m];
}

SnapMatch Snap(std::string_view text, const std::vector<std::string>& list, double max_relative,
               double min_abs) {
  SnapMatch none;
  if (text.empty()) return none;
  const double max_d = std::max(min_abs, max_relative * static_cast<double>(text.size()));
  int best = -1;
  double best_d = 1e9, second_d = 1e9;
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string& entry = list[i];
    const double len_gap =
        std::abs(static_cast<double>(entry.size()) - static_cast<double>(text.size()));
    if (len_gap * 0.5 > max_d) continue;
    double d = EditDistance(text, entry, std::min(max_d, second_d));
    if (d < best_d) {
      if (best < 0 || list[best] != entry) second_d = best_d;
      best_d = d;
      best = static_cast<int>(i);
    } else if (d < second_d && list[best] != entry) {
      second_d = d;
    }
  }
  if (best < 0 || best_d > max_d) return none;
  if (second_d <= best_d) return none;  // two different entries equally close
  return {best, best_d};
}

double ConfusionDistance(std::string_view a, std::string_view b) {
  constexpr double kInfinite = 1e9;
  if (a.size() != b.size()) return kInfinite;
  double d = 0.0;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] == b[i]) continue;
    if (!Confusable(a[i], b[i])) return kInfinite;
    d += 0.5;
  }
  return d;
}

SnapMatch SnapConfusions(std::string_view text, const std::vector<std::string>& list,
                         double max_distance) {
  SnapMatch best;
  double best_d = 1e9;
  bool tie = false;
  for (size_t i = 0; i < list.size(); ++i) {
    if (list[i].size() != text.size()) continue;
    const double d = ConfusionDistance(text, list[i]);
    if (d < best_d) {
      best_d = d;
      best.index = static_cast<int>(i);
      tie = false;
    } else if (d == best_d && best.index >= 0 && list[static_cast<size_t>(best.index)] != list[i]) {
      tie = true;
    }
  }
  if (best.index < 0 || best_d > max_distance || tie) return {};
  best.distance = best_d;
  return best;
}

}  // namespace bpkb::fields
