// Hand-made CTC outputs for decoder tests: one frame per map entry, naming the
// probable classes by their character ('_' is the blank); the rest of each
// frame's mass is spread evenly over the other classes.
#pragma once

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "bpkb/text/ctc_decoder.h"

namespace bpkb::text::testing {

// `symbols[0]` is the blank (""), `symbols[k]` the k-th class's character.
inline int ClassOf(const std::vector<std::string>& symbols, char c) {
  if (c == '_') return 0;
  for (size_t k = 1; k < symbols.size(); ++k) {
    if (symbols[k][0] == c) return static_cast<int>(k);
  }
  return -1;
}

inline CtcMatrix Frames(const std::vector<std::string>& symbols,
                        const std::vector<std::map<char, float>>& frames) {
  CtcMatrix m;
  m.frames = static_cast<int>(frames.size());
  m.classes = static_cast<int>(symbols.size());
  for (const auto& f : frames) {
    std::vector<float> p(m.classes, 0.0f);
    float used = 0.0f;
    for (auto [c, prob] : f) {
      p[ClassOf(symbols, c)] = prob;
      used += prob;
    }
    const int rest = m.classes - static_cast<int>(f.size());
    for (auto& v : p) {
      if (v == 0.0f) v = (1.0f - used) / rest;
    }
    for (float v : p) m.logp.push_back(std::log(v));
  }
  return m;
}

}  // namespace bpkb::text::testing
