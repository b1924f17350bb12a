// Page mode: whole BPKB pages (IK and IP) rendered under capture conditions, with
// a truth.jsonl line per file (BPKB.md conventions for every required field).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "synth/ref_data.h"
#include "synth/values.h"

namespace bpkb::synth {

enum class Condition { kScan, kPhotocopy, kPhoto, kLowres, kRotated, kPdf };
const char* ConditionName(Condition c);
const std::vector<Condition>& AllConditions();
// "" or "scan,photo" -> the list (all when empty); returns an error message or "".
std::string ParseConditions(const std::string& csv, std::vector<Condition>* out);

struct PageOptions {
  uint64_t seed = 1;
  Split split = Split::kTune;
  std::vector<Condition> conditions;  // cycled through by item index
};

// Writes `count` files and DIR/truth.jsonl; returns a process exit code.
int WriteCorpus(const RefData& ref, const PageOptions& options, const std::string& dir, int count,
                int threads);

}  // namespace bpkb::synth
