#include "bpkb/field_correction.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include "bpkb/fields/field_value.h"
#include "bpkb/fields/lexicons.h"
#include "bpkb/fields/text_util.h"
#include "bpkb/fields/vehicle_ids.h"

namespace bpkb {

std::string CollapseSpaces(std::string_view text) { return fields::CollapseSpaces(text); }

namespace {

// A loose crop also catches leader dots, a colon or a rule at its ends; no
// printed value starts or ends with such marks.
std::string_view TrimCropMarks(std::string_view s) {
  auto keep = [](unsigned char c) { return std::isalnum(c) || c == '(' || c == ')'; };
  size_t a = 0, b = s.size();
  while (a < b && !keep(s[a])) ++a;
  while (b > a && !keep(s[b - 1])) --b;
  return s.substr(a, b - a);
}

}  // namespace

// The serial's crop also holds its printed prefix "No.:": keep what follows it.
std::string_view SerialPart(std::string_view s) {
  size_t dash = s.rfind('-');
  if (dash == std::string_view::npos) return s;
  size_t start = dash;
  while (start > 0 && s[start - 1] == ' ') --start;
  if (start > 0 && std::isalpha(static_cast<unsigned char>(s[start - 1]))) --start;
  return s.substr(start);
}

CorrectedValue CorrectField(const std::string& field, std::string_view text) {
  std::string_view trimmed = TrimCropMarks(text);
  if (field == "nomor_bpkb") trimmed = SerialPart(trimmed);
  fields::NormalisedValue n = fields::NormaliseField(field, trimmed);
  if (field == "tanggal_dikeluarkan" && !n.valid) {
    // A stamp or the officer's title read on after the date: the first
    // date-shaped run is the value.
    static const std::regex kDate("[0-9]{1,2} ?- ?[0-9]{1,2} ?- ?(19|20)[0-9]{2}");
    const std::string text_copy(trimmed);
    std::smatch m;
    if (std::regex_search(text_copy, m, kDate)) {
      fields::NormalisedValue date = fields::NormaliseField(field, m.str());
      if (date.valid) n = date;
    }
  }
  if (field == "no_rangka" && !n.valid) {
    // A VIN printed across its label picks up label strokes at its start: the
    // last 17 letters and digits are the VIN when they pass its checks.
    std::string alnum;
    for (char ch : trimmed) {
      if (std::isalnum(static_cast<unsigned char>(ch))) alnum += ch;
    }
    if (alnum.size() > 17) {
      fields::NormalisedValue tail = fields::NormaliseField(field, alnum.substr(alnum.size() - 17));
      if (tail.valid) n = tail;
    }
  }
  CorrectedValue c;
  c.value = std::move(n.value);
  c.valid = n.valid;
  c.confidence_factor = n.confidence_factor;
  return c;
}

namespace {

// Readings of one VIN line differ in a few characters; another line's text
// (the engine number, the label) in most.
constexpr int kSameLineMaxDiffs = 5;
// A character the recognizer gives this probability or more.
constexpr float kSureCharacter = 0.95f;
// A reading whose confidence (its least sure character's) is this or more.
constexpr double kSureReading = 0.95;

// The recognizer's confidence in each of a VIN reading's 17 characters: those
// of its letters and digits (the last 17, as CorrectField takes them), or
// empty when it gives none or they do not line up.
std::vector<float> VinCharConfidences(const ValueCandidate& c) {
  if (c.char_confidences.size() != c.text.size()) return {};
  std::vector<float> out;
  for (size_t i = 0; i < c.text.size(); ++i) {
    if (std::isalnum(static_cast<unsigned char>(c.text[i]))) out.push_back(c.char_confidences[i]);
  }
  if (out.size() < 17) return {};
  out.erase(out.begin(), out.end() - 17);
  return out;
}

// Votes character by character among the 17-character readings of the best
// reading's line, each weighted by its confidence times the recognizer's
// confidence in that character (where it gives them): a crop that read the
// character sure of it outweighs crops that read another unsure of theirs. A
// tie keeps the best reading's character. Only a valid result replaces a
// valid best.
void VoteVin(const std::vector<ValueCandidate>& candidates,
             const std::vector<CorrectedValue>& corrected, ValueChoice* choice) {
  const std::string best = choice->value.value;
  if (best.size() != 17) return;
  std::vector<size_t> voters;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const CorrectedValue& c = corrected[i];
    if (c.value.size() != 17 || fields::DifferingPositions(c.value, best) > kSameLineMaxDiffs)
      continue;
    if (candidates[i].only_if_valid && !c.valid) continue;
    voters.push_back(i);
  }
  // Two readings are enough: where they differ, the surer of its character wins.
  if (voters.size() < 2) return;
  std::vector<std::vector<float>> sure_of(candidates.size());
  for (size_t i : voters) sure_of[i] = VinCharConfidences(candidates[i]);
  std::string voted = best;
  double least_share = 1.0;  // of the votes, for the least agreed character
  // A listed maker code (WMI) in the best reading stays: crops that start on
  // the colon or leader misread the first letters alike ("HH3" for "MH3").
  const size_t first = fields::KnownVinWmi(std::string_view(best).substr(0, 3)) ? 3 : 0;
  // The best reading's own certainty per character, where the recognizer gives it.
  const std::vector<float> best_sure =
      VinCharConfidences(candidates[static_cast<size_t>(choice->index)]);
  for (size_t pos = first; pos < 17; ++pos) {
    // A character the best reading is sure of is not voted away: crops cut
    // across a glyph misread it alike ("0" as "8" in four narrower crops).
    if (!best_sure.empty() && best_sure[pos] >= kSureCharacter) continue;
    std::map<char, double> weight;
    for (size_t i : voters) {
      const float char_sure = sure_of[i].empty() ? 1.0f : sure_of[i][pos];
      weight[corrected[i].value[pos]] +=
          candidates[i].confidence * corrected[i].confidence_factor * char_sure + 1e-3;
    }
    double top = weight[best[pos]], sum = 0;
    for (const auto& [ch, w] : weight) {
      sum += w;
      if (w > top) {
        top = w;
        voted[pos] = ch;
      }
    }
    least_share = std::min(least_share, top / std::max(sum, 1e-9));
  }
  if (voted == best) return;
  CorrectedValue v = CorrectField("no_rangka", voted);
  if (!v.valid && choice->value.valid) return;
  choice->value = v;
  // As sure as the readings agree on the least agreed character, never surer
  // than the best reading alone.
  choice->confidence = std::min(choice->confidence, std::clamp(least_share, 0.0, 1.0));
}

// A narrower crop that starts after the value's first characters reads the
// rest (often surer: 'P 819 GVK' at 0.999 for DP 819 GVK at 0.990, "0 CC" at
// 0.9996 for 110 CC at 0.994); both are valid. When a valid reading is the
// chosen one's text with one or two more characters in front (letters of a
// plate's region, digits of a cylinder capacity), and the recognizer was sure
// of it, it is the value.
void PreferUncutReading(const std::vector<ValueCandidate>& candidates,
                        const std::vector<CorrectedValue>& corrected, bool digits_in_front,
                        ValueChoice* choice) {
  const std::string cut =
      fields::CollapseSpaces(candidates[static_cast<size_t>(choice->index)].text);
  if (cut.empty()) return;
  double best = -1;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const double sure = candidates[i].confidence * corrected[i].confidence_factor;
    if (!corrected[i].valid || sure < kSureReading || sure <= best) continue;
    // (Not a long shot: a crop started left of the value's line, over the
    // label's tail and the colon, reads them as a letter in front, "BB 474 ALP".)
    if (candidates[i].only_if_valid) continue;
    const std::string text = fields::CollapseSpaces(candidates[i].text);
    if (text.size() <= cut.size() || text.size() > cut.size() + 2) continue;
    if (text.compare(text.size() - cut.size(), cut.size(), cut) != 0) continue;
    const bool in_class =
        std::all_of(text.begin(), text.end() - static_cast<long>(cut.size()), [&](unsigned char c) {
          return digits_in_front ? std::isdigit(c) != 0 : std::isalpha(c) != 0;
        });
    if (!in_class) continue;
    best = sure;
    choice->index = static_cast<int>(i);
    choice->value = corrected[i];
    choice->confidence = std::clamp(sure, 0.0, 1.0);
  }
}

// The grammar-held reading of a name, voted across views of an unsure line,
// can trade a letter of a common name for a likely-looking other one
// ("SIROMBING" where the greedy path read SIHOMBING, "PANGGAUEAN" for
// PANGGABEAN). Where the greedy reading has the same words and one of them is
// a listed name where the chosen reading's is not, that word is the name's.
void PreferListedNameWords(const ValueCandidate& chosen, ValueChoice* choice) {
  if (chosen.greedy.empty()) return;
  const CorrectedValue greedy = CorrectField("nama_pemilik", chosen.greedy);
  std::vector<std::string> words = fields::SplitWords(choice->value.value);
  const std::vector<std::string> alt = fields::SplitWords(greedy.value);
  if (words.size() != alt.size()) return;
  bool changed = false;
  for (size_t i = 0; i < words.size(); ++i) {
    if (words[i] != alt[i] && !fields::IsListedName(words[i]) && fields::IsListedName(alt[i])) {
      words[i] = alt[i];
      changed = true;
    }
  }
  if (changed) choice->value.value = fields::JoinWords(words, 0, words.size());
}

// A chosen reading whose value is invalid where the recognizer's greedy path
// of the same crop gives a valid one: the views of an unsure line voted a
// NIK's first digit 9 (no region 95.09.03), the greedy path read 1 (15.09.03).
void PreferValidGreedy(const std::string& field, const std::vector<ValueCandidate>& candidates,
                       ValueChoice* choice) {
  const ValueCandidate& chosen = candidates[static_cast<size_t>(choice->index)];
  if (chosen.greedy.empty() || chosen.greedy == chosen.text) return;
  CorrectedValue greedy = CorrectField(field, chosen.greedy);
  if (!greedy.valid) return;
  choice->value = std::move(greedy);
  choice->confidence = std::clamp(chosen.confidence * choice->value.confidence_factor, 0.0, 1.0);
}

}  // namespace

ValueChoice ChooseValue(const std::string& field, const std::vector<ValueCandidate>& candidates) {
  ValueChoice choice;
  std::vector<CorrectedValue> corrected;
  double best_score = -1;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const ValueCandidate& cand = candidates[i];
    corrected.push_back(CorrectField(field, cand.text));
    const CorrectedValue& c = corrected.back();
    if (cand.only_if_valid && !c.valid) continue;
    const double score = cand.confidence * c.confidence_factor + (c.valid ? 1 : 0);
    if (score > best_score) {
      best_score = score;
      choice.index = static_cast<int>(i);
      choice.value = c;
      choice.confidence = std::clamp(cand.confidence * c.confidence_factor, 0.0, 1.0);
    }
  }
  if (field == "no_rangka" && choice.index >= 0) VoteVin(candidates, corrected, &choice);
  if ((field == "nomor_polisi" || field == "isi_silinder") && choice.index >= 0)
    PreferUncutReading(candidates, corrected, field == "isi_silinder", &choice);
  if (field == "nama_pemilik" && choice.index >= 0)
    PreferListedNameWords(candidates[static_cast<size_t>(choice.index)], &choice);
  if (choice.index >= 0 && !choice.value.valid) PreferValidGreedy(field, candidates, &choice);
  return choice;
}

void CheckFields(PageKind kind, std::map<std::string, FieldReading>* fields) {
  fields::CheckPage(kind, fields);
}

}  // namespace bpkb
