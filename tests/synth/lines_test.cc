// Line mode: deterministic by seed, decodable images, a tsv that matches them.
#include <gtest/gtest.h>
#include <unistd.h>

#include <opencv2/imgcodecs.hpp>
#include <set>

#include "synth/faces.h"
#include "synth/values.h"
#include "synth_run.h"

namespace bpkb::synth {
namespace {

using testing::FreshDir;
using testing::ReadFile;
using testing::RunSynth;
using testing::Split;

TEST(LineMode, WritesDecodableLinesWithMatchingTsv) {
  const std::string dir = FreshDir("lines");
  ASSERT_EQ(RunSynth("--lines --out " + dir + " --seed 3 --count 60 --threads 2"), 0);
  auto rows = Split(ReadFile(dir + "/lines.tsv"), '\n');
  ASSERT_EQ(rows.size(), 60u);
  std::set<std::string> fields(LineFields().begin(), LineFields().end());
  for (const auto& row : rows) {
    auto cols = Split(row, '\t');
    ASSERT_EQ(cols.size(), 4u) << row;
    cv::Mat img = cv::imread(dir + "/" + cols[0], cv::IMREAD_UNCHANGED);
    ASSERT_FALSE(img.empty()) << cols[0];
    EXPECT_EQ(img.channels(), 1);
    EXPECT_GE(img.rows, 12);
    EXPECT_GT(img.cols, img.rows / 2);
    EXPECT_FALSE(cols[1].empty());
    EXPECT_EQ(cols[1], Normalise(cols[1])) << "printed text is uppercase, single-spaced";
    EXPECT_TRUE(fields.count(cols[2])) << cols[2];
    const Face* face = FindFace(cols[3]);
    ASSERT_NE(face, nullptr) << cols[3];
    EXPECT_EQ(face->split, FaceSplit::kTrain) << "default faces are the training faces";
  }
  std::filesystem::remove_all(dir);
}

TEST(LineMode, SameSeedSameBytesWhateverTheThreads) {
  const std::string a = FreshDir("lines-a"), b = FreshDir("lines-b"), c = FreshDir("lines-c");
  ASSERT_EQ(RunSynth("--lines --out " + a + " --seed 9 --count 25 --threads 1"), 0);
  ASSERT_EQ(RunSynth("--lines --out " + b + " --seed 9 --count 25 --threads 2"), 0);
  ASSERT_EQ(RunSynth("--lines --out " + c + " --seed 10 --count 25 --threads 2"), 0);
  EXPECT_EQ(ReadFile(a + "/lines.tsv"), ReadFile(b + "/lines.tsv"));
  EXPECT_NE(ReadFile(a + "/lines.tsv"), ReadFile(c + "/lines.tsv"));
  for (int i = 0; i < 25; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "/l%07d.png", i);
    EXPECT_EQ(ReadFile(a + name), ReadFile(b + name)) << name;
  }
  for (const auto& d : {a, b, c}) std::filesystem::remove_all(d);
}

TEST(LineMode, HeldOutFacesAndOneField) {
  const std::string dir = FreshDir("lines-heldout");
  ASSERT_EQ(
      RunSynth("--lines --out " + dir + " --seed 4 --count 30 --faces heldout --field no_rangka"),
      0);
  for (const auto& row : Split(ReadFile(dir + "/lines.tsv"), '\n')) {
    auto cols = Split(row, '\t');
    ASSERT_EQ(cols.size(), 4u);
    EXPECT_EQ(cols[2], "no_rangka");
    EXPECT_EQ(cols[1].size(), 17u) << cols[1];
    ASSERT_NE(FindFace(cols[3]), nullptr);
    EXPECT_EQ(FindFace(cols[3])->split, FaceSplit::kHeldout);
  }
  std::filesystem::remove_all(dir);
}

TEST(LineMode, BadOptionsAreUsageErrors) {
  const std::string dir = FreshDir("lines-bad");
  EXPECT_EQ(WEXITSTATUS(RunSynth("--lines --out " + dir + " --faces nope")), 2);
  EXPECT_EQ(WEXITSTATUS(RunSynth("--lines --out " + dir + " --field nope")), 2);
  EXPECT_EQ(WEXITSTATUS(RunSynth("--lines")), 2);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace bpkb::synth
