// The benchmark's view of a corpus: truth.jsonl (written by bpkb-ocr-synth) and
// the scores of a reader against it (exact match and character error rate per
// field and per condition, document-level all-fields-right, latency).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace bpkb::cli {

struct TruthPage {
  std::string file;                           // path relative to the corpus folder
  std::string page;                           // "ik" | "ip"
  int pdf_page = 0;                           // 1-based page of a multi-page PDF, else 0
  std::string condition;                      // scan, photocopy, photo, lowres, rotated, pdf
  std::string split;                          // tune | heldout
  std::map<std::string, std::string> fields;  // required fields: expected values
};

// Reads DIR/truth.jsonl; returns "" or why it cannot.
std::string LoadTruth(const std::string& dir, std::vector<TruthPage>* pages);

size_t EditDistance(const std::string& a, const std::string& b);

// Exact matches and character errors over a set of (truth, read) pairs.
struct Tally {
  long n = 0, exact = 0;
  double edits = 0, chars = 0;
  void Add(const std::string& truth, const std::string& got);
  double ExactRate() const { return n ? static_cast<double>(exact) / n : 0.0; }
  double Cer() const { return chars > 0 ? edits / chars : (edits > 0 ? 1.0 : 0.0); }
};

// One reader's results on a corpus.
struct Scores {
  struct Group {
    long pages = 0, all_right = 0, failures = 0;
    Tally fields;
    std::map<std::string, Tally> by_field;
  };
  Group overall;
  std::map<std::string, Group> by_condition;
  std::vector<double> latency_ms;  // one per page read on one thread

  // `read` holds the fields read (missing = ""); `failed` when the reader refused.
  void Add(const TruthPage& truth, const std::map<std::string, std::string>& read, bool failed);
};

}  // namespace bpkb::cli
