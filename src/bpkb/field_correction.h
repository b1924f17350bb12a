// The reader's one door to field correction: turns a value line's text into the
// field's value (BPKB.md conventions) with validity and a confidence factor, and
// runs the cross-field checks. Delegates to bpkb/fields (the field grammars and
// corrector) so that the pipeline does not depend on how correction is done.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "bpkb/page_kind.h"
#include "bpkb/reading.h"

namespace bpkb {

struct CorrectedValue {
  std::string value;
  bool valid = false;
  double confidence_factor = 1.0;
};

CorrectedValue CorrectField(const std::string& field, std::string_view text);

// One reading of a field's value: one candidate region's lines read and joined.
struct ValueCandidate {
  std::string text;            // the recognizer's text
  double confidence = 0.0;     // the recognizer's, 0..1 (lowest over the lines)
  bool only_if_valid = false;  // a long shot: used only when its value is valid
  // One per character of `text` when the recognizer gives them, else empty.
  std::vector<float> char_confidences;
  // The recognizer's unconstrained best path (`text` is held to the grammar).
  std::string greedy;
};

struct ValueChoice {
  int index = -1;  // the candidate whose raw text and box are reported; -1: none
  CorrectedValue value;
  double confidence = 0.0;  // 0..1
};

// The field's value from all its candidate readings: the best by confidence
// and validity; for a VIN, whose crops of one line often differ by a character
// or two, the characters are voted on across the readings of that line (two or
// more), each reading's vote weighted by how sure it is of that character (but
// for those the best reading's recognizer was sure of); for a plate (a
// cylinder capacity), a sure valid reading with one or two more letters
// (digits) in front of the best's text (a narrower crop cut the region code's
// first letter off, or the capacity's first digits); for a name, a common
// name the greedy reading read where the chosen reading has a word no list knows.
ValueChoice ChooseValue(const std::string& field, const std::vector<ValueCandidate>& candidates);
void CheckFields(PageKind kind, std::map<std::string, FieldReading>* fields);

// Whitespace runs collapsed and trimmed, case kept (for `raw`).
std::string CollapseSpaces(std::string_view text);

}  // namespace bpkb
