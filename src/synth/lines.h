// Line mode: single printed value lines, rendered as the page renderer prints
// values (same faces, printer effects, paper, leaders, overlays, degradations),
// cropped loosely as a text detector would, with their exact printed text. For
// training and evaluating the line recognizer (issue 4).
#pragma once

#include <cstdint>
#include <string>

#include <opencv2/core.hpp>

#include "synth/ref_data.h"

namespace bpkb::synth {

struct LineOptions {
  uint64_t seed = 1;
  std::string faces = "train";  // train | extra | validation | heldout | all
  std::string field;            // "" = any value field
};

struct LineSample {
  cv::Mat image;  // CV_8U grayscale
  std::string text, field, face;
};

// Item `index` of the run: depends only on (options, index).
LineSample RenderLine(const RefData& ref, const LineOptions& options, uint64_t index);

}  // namespace bpkb::synth
