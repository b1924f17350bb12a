// Fuzzy matching of read text against dictionaries: an edit distance that
// charges less for the print faces' usual confusions (confusions.h) and for
// spacing/punctuation, and a "snap" to the closest entry of a list when it is
// close enough relative to the text's length and not ambiguous.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bpkb::fields {

// Weighted Levenshtein distance: substitution of a confusion pair 0.5, other
// substitution 1, insertion/deletion of a space or . - / 0.5, of others 1.
// Returns a value > `limit` (not necessarily exact) once it exceeds `limit`.
double EditDistance(std::string_view a, std::string_view b, double limit = 1e9);

struct SnapMatch {
  int index = -1;         // into the list; -1 when nothing is close enough
  double distance = 0.0;  // EditDistance to that entry
};

// The entry closest to `text`, accepted when its distance is at most
// max(min_abs, max_relative * length(text)) and no different entry is as close.
SnapMatch Snap(std::string_view text, const std::vector<std::string>& list, double max_relative,
               double min_abs = 1.0);

// Distance made only of the print faces' confusions: the strings have the same
// length and every differing position is a confusion pair (0.5 each); any other
// difference makes it infinite. Snapping open-vocabulary text (names, types) by
// this distance fixes misreads without replacing a real, unlisted value by a
// listed neighbour ("RINI" is never turned into "RINA").
double ConfusionDistance(std::string_view a, std::string_view b);

// The entry of `list` at the smallest ConfusionDistance from `text`, accepted
// when at most `max_distance` and unique.
SnapMatch SnapConfusions(std::string_view text, const std::vector<std::string>& list,
                         double max_distance);

}  // namespace bpkb::fields
