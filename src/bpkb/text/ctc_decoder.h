// CTC decoding of a line recognizer's output: greedy (best path), a prefix beam
// search constrained by a field's PatternAutomaton, lexicon scoring by the CTC
// forward probability, and per-character confidences from a forced alignment.
//
// Class 0 is the CTC blank; class k > 0 prints symbols[k]. All functions are pure
// (the automaton caches its states, so it is per thread like the recognizer).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "bpkb/text/pattern_automaton.h"

namespace bpkb::text {

// Log-probabilities, frames x classes, row-major.
struct CtcMatrix {
  int frames = 0;
  int classes = 0;
  std::vector<float> logp;
  const float* row(int t) const { return logp.data() + static_cast<size_t>(t) * classes; }
};

// Turns raw logits (frames x classes) into log-probabilities in place.
void LogSoftmaxRows(CtcMatrix* m);

struct Decoded {
  std::string text;
  std::vector<float> char_confidences;  // one per symbol of `text`
  double confidence = 0.0;              // 0..1
  double log_likelihood = 0.0;          // log P(text | frames), summed over alignments
  bool fits_pattern = true;             // false: no beam satisfied the pattern
  bool from_lexicon = false;
  int skipped_frames = 0;  // > 0: decoded after leading label text (frames skipped)
};

struct DecodeOptions {
  int beam_width = 16;
  float prune_logp = -10.0f;  // classes less likely than this in a frame are not tried
  // A lexicon entry replaces the beam's text when its log-likelihood is within this
  // margin (nats) of the beam's; a closed lexicon uses the larger margin. An open
  // lexicon (issue places, types, colours) holds nearly every printed value, so a
  // near entry is far likelier a priori than an unknown string: 8 nats (measured on
  // train-face lines, session 3: issue places 88% -> 99%, tipe 90% -> 96%, warna
  // 95% -> 99%) still keeps a clearly printed value outside the lexicon, whose
  // each differing character costs more.
  double lexicon_margin = 8.0;
  double closed_lexicon_margin = 12.0;
  int lexicon_candidates = 24;  // entries scored by the forward algorithm
  // When the best path is this much (nats) more likely than the best text the
  // pattern allows, the line is taken to be outside the grammar (a value the
  // grammar does not know): the best path is returned, fits_pattern = false.
  double pattern_override_margin = 10.0;
  // When the line does not fit the pattern, the value may start after up to this
  // many leading characters of the best path (label text in a loose crop).
  int max_leading_junk = 3;
};

Decoded GreedyDecode(const CtcMatrix& m, const std::vector<std::string>& symbols);

// `pattern` may be nullptr (unconstrained beam search); `lexicon` may be empty.
Decoded ConstrainedDecode(const CtcMatrix& m, const std::vector<std::string>& symbols,
                          PatternAutomaton* pattern, const std::vector<std::string>& lexicon,
                          bool closed_lexicon, const DecodeOptions& options = {});

// The labels (class ids) that print `text`, or false if a character has no class.
bool TextToLabels(std::string_view text, const std::vector<std::string>& symbols,
                  std::vector<int>* labels);

// log P(labels | m) by the CTC forward algorithm; -inf when impossible.
double CtcLogLikelihood(const CtcMatrix& m, const std::vector<int>& labels);

// Per-label confidence: the highest probability of the label over the frames the
// best (Viterbi) alignment gives it; empty when no alignment exists.
std::vector<float> AlignConfidences(const CtcMatrix& m, const std::vector<int>& labels);

}  // namespace bpkb::text
