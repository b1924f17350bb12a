// The committed recognizer model and the real line crops of tests/text/data, for the
// tests that check our own layers against OpenCV's forward of the same net.
#pragma once

#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <opencv2/dnn.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "bpkb/paths.h"
#include "bpkb/text/line_preprocess.h"

namespace bpkb::text::testing {

inline const std::string kLineData = std::string(BPKB_DEFAULT_ROOT) + "/tests/text/data";

// The crops' file names (first column of lines.tsv), relative to kLineData.
inline std::vector<std::string> LineFixtureFiles() {
  std::vector<std::string> out;
  std::ifstream in(kLineData + "/lines.tsv");
  for (std::string line; std::getline(in, line);) out.push_back(line.substr(0, line.find('\t')));
  return out;
}

inline cv::dnn::Net CommittedNet() {
  return cv::dnn::readNetFromONNX(ResolveRoot() + "/models/recognizer.onnx");
}

// Calls `check(label, blob)` with the net's input for every other fixture crop, at its
// own width (0) and squeezed or stretched to the others of `widths`; returns how many.
inline int ForEachLineBlob(const std::vector<int>& widths,
                           const std::function<void(const std::string&, const cv::Mat&)>& check) {
  const std::vector<std::string> files = LineFixtureFiles();
  EXPECT_GE(files.size(), 16u);
  int made = 0;
  for (size_t i = 0; i < files.size(); i += 2) {
    cv::Mat crop = cv::imread(kLineData + "/" + files[i], cv::IMREAD_UNCHANGED);
    cv::Mat line;
    if (crop.empty() || !NormaliseLine(crop, &line).ok()) {
      ADD_FAILURE() << "cannot read " << files[i];
      continue;
    }
    for (int width : widths) {
      cv::Mat sized = line;
      if (width > 0) cv::resize(line, sized, cv::Size(width, kLineHeight), 0, 0, cv::INTER_AREA);
      check(files[i] + " at " + std::to_string(width), LineBlob(sized));
      ++made;
    }
  }
  return made;
}

}  // namespace bpkb::text::testing
