#include "bpkb/text/view_vote.h"

#include <cmath>
#include <limits>

namespace bpkb::text {

int VoteAcrossViews(const std::vector<const CtcMatrix*>& views,
                    const std::vector<const Decoded*>& proposals,
                    const std::vector<std::string>& symbols, double lexicon_bonus,
                    std::vector<double>* scores) {
  constexpr double kNegInf = -std::numeric_limits<double>::infinity();
  std::vector<double> local;
  std::vector<double>& score = scores != nullptr ? *scores : local;
  score.assign(proposals.size(), kNegInf);
  int best = -1;
  std::vector<int> labels;
  for (size_t i = 0; i < proposals.size(); ++i) {
    const Decoded& p = *proposals[i];
    // the same text twice is scored once
    bool seen = false;
    for (size_t j = 0; j < i && !seen; ++j) seen = proposals[j]->text == p.text;
    if (seen || !TextToLabels(p.text, symbols, &labels)) continue;
    double sum = 0.0;
    for (const CtcMatrix* view : views) sum += CtcLogLikelihood(*view, labels);
    if (!views.empty()) sum /= static_cast<double>(views.size());
    if (p.from_lexicon) sum += lexicon_bonus;
    score[i] = sum;
    if (!std::isfinite(sum)) continue;
    if (best < 0) {
      best = static_cast<int>(i);
      continue;
    }
    const Decoded& b = *proposals[best];
    if (p.fits_pattern != b.fits_pattern ? p.fits_pattern : sum > score[best])
      best = static_cast<int>(i);
  }
  return best;
}

}  // namespace bpkb::text
