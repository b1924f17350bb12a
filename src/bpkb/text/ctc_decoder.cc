#include "bpkb/text/ctc_decoder.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <utility>

namespace bpkb::text {

namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

double LogAdd(double a, double b) {
  if (a == kNegInf) return b;
  if (b == kNegInf) return a;
  double hi = std::max(a, b), lo = std::min(a, b);
  return hi + std::log1p(std::exp(lo - hi));
}

std::string LabelsToText(const std::vector<int>& labels, const std::vector<std::string>& symbols) {
  std::string s;
  for (int k : labels) s += symbols[k];
  return s;
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

struct Beam {
  double pb = kNegInf;   // ends in blank
  double pnb = kNegInf;  // ends in its last label
  int state = 0;         // automaton state after the prefix
  double total() const { return LogAdd(pb, pnb); }
};

// Fills confidences of `d` from its text's alignment; `posterior` caps the line's.
void Finish(const CtcMatrix& m, const std::vector<int>& labels, double posterior, Decoded* d) {
  d->char_confidences = AlignConfidences(m, labels);
  if (labels.empty()) {
    d->confidence = posterior;
    return;
  }
  if (d->char_confidences.empty()) {
    d->char_confidences.assign(labels.size(), 0.0f);
    d->confidence = 0.0;
    return;
  }
  float lowest = *std::min_element(d->char_confidences.begin(), d->char_confidences.end());
  d->confidence = std::min<double>(lowest, posterior);
}

}  // namespace

void LogSoftmaxRows(CtcMatrix* m) {
  for (int t = 0; t < m->frames; ++t) {
    float* r = m->logp.data() + static_cast<size_t>(t) * m->classes;
    float mx = *std::max_element(r, r + m->classes);
    double sum = 0.0;
    for (int k = 0; k < m->classes; ++k) sum += std::exp(static_cast<double>(r[k] - mx));
    float lse = mx + static_cast<float>(std::log(sum));
    for (int k = 0; k < m->classes; ++k) r[k] -= lse;
  }
}

bool TextToLabels(std::string_view text, const std::vector<std::string>& symbols,
                  std::vector<int>* labels) {
  labels->clear();
  size_t i = 0;
  while (i < text.size()) {
    int found = -1;
    size_t len = 0;
    for (size_t k = 1; k < symbols.size(); ++k) {
      const std::string& s = symbols[k];
      if (s.size() > len && text.compare(i, s.size(), s) == 0)
        found = static_cast<int>(k), len = s.size();
    }
    if (found < 0) return false;
    labels->push_back(found);
    i += len;
  }
  return true;
}

Decoded GreedyDecode(const CtcMatrix& m, const std::vector<std::string>& symbols) {
  Decoded d;
  std::vector<int> labels;
  int prev = 0;
  for (int t = 0; t < m.frames; ++t) {
    const float* r = m.row(t);
    int best = static_cast<int>(std::max_element(r, r + m.classes) - r);
    float p = std::exp(r[best]);
    if (best != 0 && best != prev) {
      labels.push_back(best);
      d.text += symbols[best];
      d.char_confidences.push_back(p);
    } else if (best != 0 && best == prev) {
      d.char_confidences.back() = std::max(d.char_confidences.back(), p);
    }
    prev = best;
  }
  d.log_likelihood = CtcLogLikelihood(m, labels);
  d.confidence = d.char_confidences.empty()
                     ? 1.0
                     : *std::min_element(d.char_confidences.begin(), d.char_confidences.end());
  return d;
}

double CtcLogLikelihood(const CtcMatrix& m, const std::vector<int>& labels) {
  const int s_len = 2 * static_cast<int>(labels.size()) + 1;
  if (m.frames == 0) return labels.empty() ? 0.0 : kNegInf;
  auto label_at = [&](int s) { return s % 2 == 0 ? 0 : labels[s / 2]; };
  std::vector<double> a(s_len, kNegInf), next(s_len);
  a[0] = m.row(0)[0];
  if (s_len > 1) a[1] = m.row(0)[label_at(1)];
  for (int t = 1; t < m.frames; ++t) {
    const float* r = m.row(t);
    // states that can still reach the end in the remaining frames
    for (int s = 0; s < s_len; ++s) {
      double v = a[s];
      if (s >= 1) v = LogAdd(v, a[s - 1]);
      if (s >= 2 && s % 2 == 1 && label_at(s) != label_at(s - 2)) v = LogAdd(v, a[s - 2]);
      next[s] = v == kNegInf ? kNegInf : v + r[label_at(s)];
    }
    std::swap(a, next);
  }
  double end = a[s_len - 1];
  if (s_len >= 2) end = LogAdd(end, a[s_len - 2]);
  return end;
}

std::vector<float> AlignConfidences(const CtcMatrix& m, const std::vector<int>& labels) {
  const int s_len = 2 * static_cast<int>(labels.size()) + 1;
  const int frames = m.frames;
  if (frames == 0 || labels.empty()) return {};
  auto label_at = [&](int s) { return s % 2 == 0 ? 0 : labels[s / 2]; };
  std::vector<double> score(static_cast<size_t>(frames) * s_len, kNegInf);
  std::vector<int> from(static_cast<size_t>(frames) * s_len, -1);
  auto at = [&](int t, int s) -> double& { return score[static_cast<size_t>(t) * s_len + s]; };
  at(0, 0) = m.row(0)[0];
  if (s_len > 1) at(0, 1) = m.row(0)[label_at(1)];
  for (int t = 1; t < frames; ++t) {
    const float* r = m.row(t);
    for (int s = 0; s < s_len; ++s) {
      double best = at(t - 1, s);
      int arg = s;
      if (s >= 1 && at(t - 1, s - 1) > best) best = at(t - 1, s - 1), arg = s - 1;
      if (s >= 2 && s % 2 == 1 && label_at(s) != label_at(s - 2) && at(t - 1, s - 2) > best) {
        best = at(t - 1, s - 2), arg = s - 2;
      }
      if (best == kNegInf) continue;
      at(t, s) = best + r[label_at(s)];
      from[static_cast<size_t>(t) * s_len + s] = arg;
    }
  }
  int s = s_len - 1;
  if (s_len >= 2 && at(frames - 1, s_len - 2) > at(frames - 1, s)) s = s_len - 2;
  if (at(frames - 1, s) == kNegInf) return {};
  std::vector<float> conf(labels.size(), 0.0f);
  for (int t = frames - 1; t >= 0; --t) {
    if (s % 2 == 1) {
      float p = std::exp(m.row(t)[label_at(s)]);
      conf[s / 2] = std::max(conf[s / 2], p);
    }
    if (t > 0) s = from[static_cast<size_t>(t) * s_len + s];
  }
  return conf;
}

namespace {

Decoded DecodeWhole(const CtcMatrix& m, const std::vector<std::string>& symbols,
                    PatternAutomaton* pattern, const std::vector<std::string>& lexicon,
                    bool closed_lexicon, const DecodeOptions& options) {
  // prefix beam search; beams keyed by their label prefix
  std::map<std::vector<int>, Beam> beams;
  Beam root;
  root.pb = 0.0;
  root.state = pattern != nullptr ? pattern->Start() : 0;
  beams[{}] = root;
  std::vector<int> candidates;
  for (int t = 0; t < m.frames; ++t) {
    const float* r = m.row(t);
    candidates.clear();
    int best = 1;
    for (int k = 1; k < m.classes; ++k) {
      if (r[k] > r[best]) best = k;
      if (r[k] > options.prune_logp) candidates.push_back(k);
    }
    if (candidates.empty()) candidates.push_back(best);
    std::map<std::vector<int>, Beam> next;
    for (const auto& [prefix, beam] : beams) {
      const double total = beam.total();
      Beam& same = next[prefix];
      same.state = beam.state;
      same.pb = LogAdd(same.pb, total + r[0]);
      if (!prefix.empty()) same.pnb = LogAdd(same.pnb, beam.pnb + r[prefix.back()]);
      for (int k : candidates) {
        int ns = 0;
        if (pattern != nullptr) {
          ns = pattern->NextString(beam.state, symbols[k]);
          if (ns == PatternAutomaton::kDead) continue;
        }
        std::vector<int> extended = prefix;
        extended.push_back(k);
        Beam& b = next[extended];
        b.state = ns;
        double from = (!prefix.empty() && prefix.back() == k) ? beam.pb : total;
        b.pnb = LogAdd(b.pnb, from + r[k]);
      }
    }
    // keep the best beam_width prefixes
    std::vector<std::pair<double, const std::vector<int>*>> order;
    order.reserve(next.size());
    for (const auto& [prefix, beam] : next) order.emplace_back(beam.total(), &prefix);
    size_t keep = std::min(order.size(), static_cast<size_t>(std::max(1, options.beam_width)));
    std::partial_sort(order.begin(), order.begin() + keep, order.end(),
                      [](const auto& a, const auto& b) { return a.first > b.first; });
    std::map<std::vector<int>, Beam> kept;
    for (size_t i = 0; i < keep; ++i) kept.emplace(*order[i].second, next[*order[i].second]);
    beams = std::move(kept);
  }

  // the best beam that satisfies the pattern (or the best one if none does)
  const std::vector<int>* chosen = nullptr;
  const std::vector<int>* best_any = nullptr;
  double chosen_score = kNegInf, best_any_score = kNegInf, all = kNegInf;
  for (const auto& [prefix, beam] : beams) {
    double s = beam.total();
    all = LogAdd(all, s);
    if (s > best_any_score) best_any_score = s, best_any = &prefix;
    bool ok = pattern == nullptr || pattern->Accepting(beam.state);
    if (ok && s > chosen_score) chosen_score = s, chosen = &prefix;
  }
  Decoded d;
  std::vector<int> labels;
  if (chosen != nullptr) {
    labels = *chosen;
  } else {
    d.fits_pattern = false;
    if (best_any != nullptr) labels = *best_any;
    chosen_score = best_any_score;
  }
  d.text = LabelsToText(labels, symbols);
  d.log_likelihood = labels.empty() && chosen == nullptr ? kNegInf : CtcLogLikelihood(m, labels);
  if (pattern != nullptr) {
    // a clear reading that the grammar refuses beats a forced one
    std::vector<int> best_path;
    int prev = 0;
    for (int t = 0; t < m.frames; ++t) {
      const float* r = m.row(t);
      int k = static_cast<int>(std::max_element(r, r + m.classes) - r);
      if (k != 0 && k != prev) best_path.push_back(k);
      prev = k;
    }
    double path_ll = CtcLogLikelihood(m, best_path);
    if (best_path != labels && std::isfinite(path_ll) &&
        (!std::isfinite(d.log_likelihood) ||
         path_ll - d.log_likelihood > options.pattern_override_margin)) {
      labels = best_path;
      d.text = LabelsToText(labels, symbols);
      d.log_likelihood = path_ll;
      d.fits_pattern = pattern->Matches(d.text);
    }
  }

  // lexicon: score the nearest entries exactly and prefer one that is close
  if (!lexicon.empty()) {
    std::vector<std::pair<size_t, const std::string*>> near;
    near.reserve(lexicon.size());
    for (const std::string& e : lexicon) near.emplace_back(EditDistance(d.text, e), &e);
    size_t k = std::min(near.size(), static_cast<size_t>(std::max(1, options.lexicon_candidates)));
    std::partial_sort(near.begin(), near.begin() + k, near.end());
    double best_entry = kNegInf;
    std::vector<int> best_labels, entry_labels;
    const std::string* best_text = nullptr;
    for (size_t i = 0; i < k; ++i) {
      if (!TextToLabels(*near[i].second, symbols, &entry_labels)) continue;
      double ll = CtcLogLikelihood(m, entry_labels);
      if (ll > best_entry) best_entry = ll, best_labels = entry_labels, best_text = near[i].second;
    }
    double margin = closed_lexicon ? options.closed_lexicon_margin : options.lexicon_margin;
    double reference = std::isfinite(d.log_likelihood) ? d.log_likelihood : chosen_score;
    if (best_text != nullptr && std::isfinite(best_entry) &&
        (best_entry >= reference - margin || !std::isfinite(reference))) {
      labels = best_labels;
      d.text = *best_text;
      d.log_likelihood = best_entry;
      d.from_lexicon = true;
      d.fits_pattern = pattern == nullptr || pattern->Matches(d.text);
    }
  }
  // posterior of the chosen text among what the beam search kept
  double posterior = 1.0;
  if (std::isfinite(d.log_likelihood) && std::isfinite(all)) {
    posterior = std::exp(d.log_likelihood - LogAdd(all, d.log_likelihood));
    // the text itself is usually among the beams: count it once
    bool in_beams = beams.count(labels) > 0;
    if (in_beams) posterior = std::min(1.0, std::exp(d.log_likelihood - all));
  } else {
    posterior = 0.0;
  }
  Finish(m, labels, posterior, &d);
  if (!d.fits_pattern) d.confidence *= 0.5;
  return d;
}

// The frame after the last frame of each label the best path prints.
std::vector<int> BestPathLabelEnds(const CtcMatrix& m) {
  std::vector<int> ends;
  int prev = 0;
  for (int t = 0; t < m.frames; ++t) {
    const float* r = m.row(t);
    int k = static_cast<int>(std::max_element(r, r + m.classes) - r);
    if (k != 0 && k == prev) ends.back() = t + 1;
    if (k != 0 && k != prev) ends.push_back(t + 1);
    prev = k;
  }
  return ends;
}

}  // namespace

Decoded ConstrainedDecode(const CtcMatrix& m, const std::vector<std::string>& symbols,
                          PatternAutomaton* pattern, const std::vector<std::string>& lexicon,
                          bool closed_lexicon, const DecodeOptions& options) {
  Decoded d = DecodeWhole(m, symbols, pattern, lexicon, closed_lexicon, options);
  if (d.fits_pattern || pattern == nullptr || options.max_leading_junk <= 0) return d;
  // Label text beside the value (the small "Vehicle Identity Number" over the
  // start of a VIN, a label's last letter) reads as leading characters that the
  // pattern refuses: try the value as starting after the best path's first few.
  const std::vector<int> ends = BestPathLabelEnds(m);
  for (int k = 1; k <= options.max_leading_junk && k < static_cast<int>(ends.size()); ++k) {
    CtcMatrix tail;
    tail.frames = m.frames - ends[k - 1];
    tail.classes = m.classes;
    tail.logp.assign(m.logp.begin() + static_cast<size_t>(ends[k - 1]) * m.classes, m.logp.end());
    Decoded t = DecodeWhole(tail, symbols, pattern, lexicon, closed_lexicon, options);
    if (t.fits_pattern && !t.text.empty()) {
      t.skipped_frames = ends[k - 1];
      return t;
    }
  }
  return d;
}

}  // namespace bpkb::text
