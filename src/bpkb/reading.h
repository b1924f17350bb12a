// What the reader makes of one document: plain data, filled by Reader::Read and
// turned into the API's result_data/result_detail by result_json.h.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "bpkb/page_kind.h"

namespace bpkb {

// A rectangle in the pixels of the submitted image (after EXIF orientation is
// NOT applied: the client's own pixel grid), [x0, y0) to [x1, y1).
struct Box {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

struct FieldReading {
  std::string value;        // corrected, normalised per BPKB.md; "" when not found
  std::string raw;          // the recognizer's text before correction
  double confidence = 0.0;  // 0..1
  bool valid = false;       // passes the field's syntax and cross-field checks
  bool found = false;       // the label or value region was located on the page
  Box box;
};

// Scores in 0..1 where 1 is good, and flags (e.g. "BLURRY", "DARK", "GLARE",
// "LOW_RESOLUTION") for those under their thresholds.
struct Quality {
  double blur = 0.0;
  double brightness = 0.0;
  double glare = 0.0;
  double resolution = 0.0;
  std::vector<std::string> flags;
};

// Time spent in one stage of the pipeline (summed when a stage runs several
// times): for benchmarks and profiling only, never sent to clients.
struct StageTime {
  std::string stage;
  double wall_ms = 0.0;
  double cpu_ms = 0.0;  // CPU time of the calling thread
};

struct PageReading {
  PageKind page_type = PageKind::kUnknown;  // what the page looks like
  double page_type_confidence = 0.0;
  int page_index = 1;  // 1-based PDF page used (1 for images)
  int rotation = 0;    // degrees clockwise applied to make the page upright
  Quality quality;
  // Keyed by API field name; holds every required field of the page read
  // plus the optional ones that were found.
  std::map<std::string, FieldReading> fields;
  std::vector<std::string> warnings;  // codes: LOW_CONFIDENCE, PAGE_TYPE_MISMATCH, ...
  double processing_ms = 0.0;
  std::vector<StageTime> stages;  // in pipeline order
};

}  // namespace bpkb
