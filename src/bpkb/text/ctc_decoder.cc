#include "bpkb/text/ctc_decoder.h"

#include <algorithm>
#include <cmath>
#include <limits>
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

// `prev` and `cur` are scratch (kept by the caller across calls).
size_t EditDistance(std::string_view a, std::string_view b, std::vector<size_t>& prev,
                    std::vector<size_t>& cur) {
  prev.resize(b.size() + 1);
  cur.resize(b.size() + 1);
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

namespace {

// The forward algorithm in probabilities (not logs), rescaled every frame so that
// the largest state is 1: the same sum without a log and an exp per transition
// (the decoder scores dozens of texts per line this way). `prob(t, k)` is
// exp(m.row(t)[k]).
template <typename Prob>
double ForwardLogLikelihood(const CtcMatrix& m, const std::vector<int>& labels, Prob prob) {
  const int s_len = 2 * static_cast<int>(labels.size()) + 1;
  if (m.frames == 0) return labels.empty() ? 0.0 : kNegInf;
  if (static_cast<int>(labels.size()) > m.frames) return kNegInf;
  auto label_at = [&](int s) { return s % 2 == 0 ? 0 : labels[s / 2]; };
  std::vector<double> a(s_len + 2, 0.0), next(s_len + 2, 0.0);
  // a[s + 2] is state s; a[0] and a[1] stay 0 (no state before the first)
  a[2] = prob(0, 0);
  if (s_len > 1) a[3] = prob(0, label_at(1));
  double log_scale = 0.0;
  for (int t = 1; t < m.frames; ++t) {
    const double blank = prob(t, 0);
    double top = 0.0;
    for (int s = 0; s < s_len; ++s) {
      double v = a[s + 2] + a[s + 1];
      if (s % 2 == 0) {
        v *= blank;
      } else {
        if (s >= 2 && label_at(s) != label_at(s - 2)) v += a[s];
        v *= prob(t, label_at(s));
      }
      next[s + 2] = v;
      top = std::max(top, v);
    }
    if (top <= 0.0) return kNegInf;
    const double inverse = 1.0 / top;
    for (int s = 0; s < s_len; ++s) next[s + 2] *= inverse;
    log_scale += std::log(top);
    std::swap(a, next);
  }
  double end = a[s_len + 1];
  if (s_len >= 2) end += a[s_len];
  if (end <= 0.0) return kNegInf;
  return std::log(end) + log_scale;
}

// exp of every log-probability of `m`, for the many forward sums of a lexicon
std::vector<double> Probabilities(const CtcMatrix& m) {
  std::vector<double> p(m.logp.size());
  for (size_t i = 0; i < p.size(); ++i) p[i] = std::exp(static_cast<double>(m.logp[i]));
  return p;
}

}  // namespace

double CtcLogLikelihood(const CtcMatrix& m, const std::vector<int>& labels) {
  return ForwardLogLikelihood(
      m, labels, [&m](int t, int k) { return std::exp(static_cast<double>(m.row(t)[k])); });
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

// The prefixes of one beam search as a trie: a beam is a node, and two ways to the
// same prefix meet at the same node (no label vectors copied or compared).
class PrefixTrie {
 public:
  explicit PrefixTrie(int start_state) { nodes_.push_back({-1, 0, start_state, -1, -1}); }
  int label(int node) const { return nodes_[node].label; }
  int state(int node) const { return nodes_[node].state; }
  int size() const { return static_cast<int>(nodes_.size()); }
  // The node of `node`'s prefix + `label` (made in automaton state `state`).
  int Child(int node, int label, int state) {
    for (int c = nodes_[node].first_child; c >= 0; c = nodes_[c].next_sibling)
      if (nodes_[c].label == label) return c;
    nodes_.push_back({node, label, state, -1, nodes_[node].first_child});
    nodes_[node].first_child = size() - 1;
    return size() - 1;
  }
  // The node whose prefix is `labels`, or -1.
  int Find(const std::vector<int>& labels) const {
    int node = 0;
    for (int k : labels) {
      int c = nodes_[node].first_child;
      while (c >= 0 && nodes_[c].label != k) c = nodes_[c].next_sibling;
      if (c < 0) return -1;
      node = c;
    }
    return node;
  }
  std::vector<int> Labels(int node) const {
    std::vector<int> out;
    for (; node > 0; node = nodes_[node].parent) out.push_back(nodes_[node].label);
    std::reverse(out.begin(), out.end());
    return out;
  }

 private:
  struct Node {
    int parent, label, state, first_child, next_sibling;
  };
  std::vector<Node> nodes_;
};

// The automaton's next state on class k, cached for the search (the automaton
// itself caches per byte in a map).
class Transitions {
 public:
  Transitions(PatternAutomaton* pattern, const std::vector<std::string>& symbols)
      : pattern_(pattern), symbols_(symbols) {}
  int Next(int state, int k) {
    if (pattern_ == nullptr) return 0;
    const size_t classes = symbols_.size();
    const size_t i = static_cast<size_t>(state) * classes + static_cast<size_t>(k);
    if (i >= cache_.size()) cache_.resize((static_cast<size_t>(state) + 1) * classes, kUnknown);
    if (cache_[i] == kUnknown) cache_[i] = pattern_->NextString(state, symbols_[k]);
    return cache_[i];
  }

 private:
  static constexpr int kUnknown = -2;
  PatternAutomaton* pattern_;
  const std::vector<std::string>& symbols_;
  std::vector<int> cache_;
};

Decoded DecodeWhole(const CtcMatrix& m, const std::vector<std::string>& symbols,
                    PatternAutomaton* pattern, const std::vector<std::string>& lexicon,
                    bool closed_lexicon, const DecodeOptions& options) {
  // prefix beam search over a trie of prefixes
  PrefixTrie trie(pattern != nullptr ? pattern->Start() : 0);
  Transitions transitions(pattern, symbols);
  struct Entry {
    int node;
    Beam beam;
    double total = kNegInf;  // beam.total(), for the pruning
  };
  std::vector<Entry> beams = {{0, Beam{0.0, kNegInf}, 0.0}}, next;
  std::vector<int> slot;  // node -> its index in `next` + 1 in this frame (0: none)
  std::vector<int> candidates;
  const size_t width = static_cast<size_t>(std::max(1, options.beam_width));
  auto at = [&](int node) -> Beam& {
    if (static_cast<size_t>(node) >= slot.size()) slot.resize(node + 1, 0);
    if (slot[node] == 0) {
      next.push_back({node, Beam(), kNegInf});
      slot[node] = static_cast<int>(next.size());
    }
    return next[slot[node] - 1].beam;
  };
  for (int t = 0; t < m.frames; ++t) {
    const float* r = m.row(t);
    candidates.clear();
    int best = 1;
    for (int k = 1; k < m.classes; ++k) {
      if (r[k] > r[best]) best = k;
      if (r[k] > options.prune_logp) candidates.push_back(k);
    }
    if (candidates.empty()) candidates.push_back(best);
    next.clear();
    for (const Entry& e : beams) {
      const double total = e.total;
      const int last = e.node > 0 ? trie.label(e.node) : -1;
      {
        Beam& same = at(e.node);
        same.pb = LogAdd(same.pb, total + r[0]);
        if (last >= 0) same.pnb = LogAdd(same.pnb, e.beam.pnb + r[last]);
      }
      const int state = trie.state(e.node);
      for (int k : candidates) {
        const int ns = transitions.Next(state, k);
        if (ns == PatternAutomaton::kDead) continue;
        Beam& b = at(trie.Child(e.node, k, ns));
        const double from = last == k ? e.beam.pb : total;
        b.pnb = LogAdd(b.pnb, from + r[k]);
      }
    }
    for (Entry& e : next) {
      slot[e.node] = 0;
      e.total = e.beam.total();
    }
    // keep the best beam_width prefixes
    if (next.size() > width) {
      std::partial_sort(next.begin(), next.begin() + static_cast<std::ptrdiff_t>(width), next.end(),
                        [](const Entry& a, const Entry& b) { return a.total > b.total; });
      next.resize(width);
    }
    std::swap(beams, next);
  }

  // the best beam that satisfies the pattern (or the best one if none does)
  int chosen = -1, best_any = -1;
  double chosen_score = kNegInf, best_any_score = kNegInf, all = kNegInf;
  for (const Entry& e : beams) {
    double s = e.total;
    all = LogAdd(all, s);
    if (s > best_any_score) best_any_score = s, best_any = e.node;
    bool ok = pattern == nullptr || pattern->Accepting(trie.state(e.node));
    if (ok && s > chosen_score) chosen_score = s, chosen = e.node;
  }
  Decoded d;
  std::vector<int> labels;
  if (chosen >= 0) {
    labels = trie.Labels(chosen);
  } else {
    d.fits_pattern = false;
    if (best_any >= 0) labels = trie.Labels(best_any);
    chosen_score = best_any_score;
  }
  d.text = LabelsToText(labels, symbols);
  d.log_likelihood = labels.empty() && chosen < 0 ? kNegInf : CtcLogLikelihood(m, labels);
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
    std::vector<size_t> prev, cur;
    for (const std::string& e : lexicon) near.emplace_back(EditDistance(d.text, e, prev, cur), &e);
    size_t k = std::min(near.size(), static_cast<size_t>(std::max(1, options.lexicon_candidates)));
    std::partial_sort(near.begin(), near.begin() + k, near.end());
    double best_entry = kNegInf;
    std::vector<int> best_labels, entry_labels;
    const std::string* best_text = nullptr;
    const std::vector<double> probs = Probabilities(m);
    const size_t classes = static_cast<size_t>(m.classes);
    auto prob = [&](int t, int c) { return probs[static_cast<size_t>(t) * classes + c]; };
    for (size_t i = 0; i < k; ++i) {
      if (!TextToLabels(*near[i].second, symbols, &entry_labels)) continue;
      double ll = ForwardLogLikelihood(m, entry_labels, prob);
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
    const int node = trie.Find(labels);
    bool in_beams = false;
    for (const Entry& e : beams) in_beams = in_beams || e.node == node;
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
