// Combining reads of one line from several views (pre-processings) of its crop.
//
// Each view's decoder proposes a text; every proposal is scored by the mean over
// all views of log P(text | view's frames) (CTC forward), i.e. the views are
// treated as experts that must agree, and the best one wins. A proposal that fits
// the field's grammar beats one that does not; a lexicon entry gets the bonus the
// decoder gives it (DecodeOptions::lexicon_margin: it is likelier a priori). Pure
// function.
#pragma once

#include <string>
#include <vector>

#include "bpkb/text/ctc_decoder.h"

namespace bpkb::text {

// `views[i]` are the log-probabilities of view i; `proposals` the decoded texts
// (from any view). Returns the index of the chosen proposal, or -1 when there is
// none. `scores`, when given, receives each proposal's score (-inf when a view
// cannot print it).
int VoteAcrossViews(const std::vector<const CtcMatrix*>& views,
                    const std::vector<const Decoded*>& proposals,
                    const std::vector<std::string>& symbols, double lexicon_bonus = 0.0,
                    std::vector<double>* scores = nullptr);

}  // namespace bpkb::text
