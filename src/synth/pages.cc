#include "synth/pages.h"

#include <cstdio>

namespace bpkb::synth {

const char* ConditionName(Condition c) {
  switch (c) {
    case Condition::kScan:
      return "scan";
    case Condition::kPhotocopy:
      return "photocopy";
    case Condition::kPhoto:
      return "photo";
    case Condition::kLowres:
      return "lowres";
    case Condition::kRotated:
      return "rotated";
    case Condition::kPdf:
      return "pdf";
  }
  return "scan";
}

const std::vector<Condition>& AllConditions() {
  static const std::vector<Condition> all = {Condition::kScan,    Condition::kPhotocopy,
                                             Condition::kPhoto,   Condition::kLowres,
                                             Condition::kRotated, Condition::kPdf};
  return all;
}

std::string ParseConditions(const std::string& csv, std::vector<Condition>* out) {
  out->clear();
  size_t start = 0;
  while (start <= csv.size()) {
    size_t end = csv.find(',', start);
    if (end == std::string::npos) end = csv.size();
    std::string name = csv.substr(start, end - start);
    if (!name.empty()) {
      bool found = false;
      for (Condition c : AllConditions())
        if (name == ConditionName(c)) {
          out->push_back(c);
          found = true;
        }
      if (!found) return "unknown condition '" + name + "'";
    }
    start = end + 1;
  }
  if (out->empty()) *out = AllConditions();
  return "";
}

int WriteCorpus(const RefData&, const PageOptions&, const std::string&, int, int) {
  std::fprintf(stderr, "bpkb-ocr-synth: page mode is not built yet\n");
  return 1;
}

}  // namespace bpkb::synth
