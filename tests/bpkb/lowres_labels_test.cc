// Labels on low-resolution pages (about 100 and 80 dpi): the canonical page is
// enlarged from few source pixels, its labels reach Tesseract as soft grey
// strokes, and ScanLabels sharpens them when told the page's source scale.
// Real pages drawn by bpkb-ocr-synth (tune split, lowres condition) at test time;
// each is also shrunk to 0.8 of its size (~80 dpi), where plain Tesseract lost
// most labels of some pages.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "bpkb/layout/labels.h"
#include "bpkb/page/locate.h"
#include "bpkb/page/normalise.h"
#include "bpkb/paths.h"

namespace bpkb {
namespace {

namespace fs = std::filesystem;

struct LowresPage {
  std::string name;
  PageKind kind = PageKind::kUnknown;
  cv::Mat flat;
  double source_scale = 0;
  bool shrunk = false;  // ~80 dpi
};

int FieldLabels(const layout::LabelScan& scan) {
  std::set<std::string> fields;
  for (const layout::LabelMatch& m : scan.labels) {
    if (!m.field.empty() && !m.subtitle) fields.insert(m.field);
  }
  return static_cast<int>(fields.size());
}

class LowresLabelsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ASSERT_TRUE(layout::TesseractEngine::Open(ResolveRoot(""), &engine_).ok());
    const fs::path dir =
        fs::temp_directory_path() / ("bpkb_lowres_labels_" + std::to_string(getpid()));
    fs::remove_all(dir);
    const std::string cmd = std::string(BPKB_BINARY_DIR) + "/bpkb-ocr-synth --out " + dir.string() +
                            " --seed 7301 --count 10 --split tune --conditions lowres > /dev/null "
                            "2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    std::ifstream in(dir / "truth.jsonl");
    for (std::string line; std::getline(in, line);) {
      auto j = nlohmann::json::parse(line);
      const cv::Mat image = cv::imread((dir / j["file"].get<std::string>()).string());
      ASSERT_FALSE(image.empty());
      cv::Mat smaller;
      cv::resize(image, smaller, cv::Size(), 0.8, 0.8, cv::INTER_AREA);
      for (const cv::Mat* img : std::vector<const cv::Mat*>{&image, &smaller}) {
        page::LocatedPage located = page::LocatePage(*img);
        LowresPage p;
        p.name = j["file"].get<std::string>() + (img == &smaller ? " x0.8" : "");
        p.kind = *ParsePageKind(j["page"].get<std::string>());
        p.flat = page::FlattenLight(located.bgr);
        p.source_scale = located.source_scale;
        p.shrunk = img == &smaller;
        pages_.push_back(p);
      }
    }
    fs::remove_all(dir);
    ASSERT_EQ(pages_.size(), 20u);
  }
  static void TearDownTestSuite() {
    engine_.reset();
    pages_.clear();
  }

  static std::unique_ptr<layout::TesseractEngine> engine_;
  static std::vector<LowresPage> pages_;
};

std::unique_ptr<layout::TesseractEngine> LowresLabelsTest::engine_;
std::vector<LowresPage> LowresLabelsTest::pages_;

TEST_F(LowresLabelsTest, SharpenedLabelsOfLowResolutionPagesAreFound) {
  int sharpened = 0, plain = 0, total = 0;
  for (const LowresPage& p : pages_) {
    // The located page knows it was enlarged (the reader passes this figure).
    EXPECT_LT(p.source_scale, 0.6) << p.name;
    layout::LabelScan with, without;
    ASSERT_TRUE(layout::ScanLabels(engine_.get(), p.flat, layout::LabelScope::kColumns,
                                   p.source_scale, &with)
                    .ok());
    ASSERT_TRUE(
        layout::ScanLabels(engine_.get(), p.flat, layout::LabelScope::kColumns, &without).ok());
    // Every page is told apart; at ~100 dpi it needs no whole-page second look.
    EXPECT_EQ(with.evidence.kind, p.kind) << p.name;
    if (!p.shrunk) {
      EXPECT_TRUE(layout::ClearRead(with.evidence)) << p.name;
    }
    // Label boxes stay in the flat page's pixels: in its left half or the
    // vehicle page's right column, never off the page.
    for (const layout::LabelMatch& m : with.labels) {
      EXPECT_TRUE((m.box & cv::Rect(0, 0, p.flat.cols, p.flat.rows)) == m.box) << p.name;
    }
    // Even at ~80 dpi, where a blurred column can give Tesseract pale blobs
    // (a second, contrast-stretched read then), most of a page's labels.
    EXPECT_GE(FieldLabels(with), p.kind == PageKind::kIk ? 8 : 5) << p.name;
    sharpened += FieldLabels(with);
    plain += FieldLabels(without);
    total += p.kind == PageKind::kIk ? 14 : 6;
  }
  // Most labels found (measured 187 of 216), clearly more than Tesseract finds
  // on the soft page (149: under the bar).
  EXPECT_GE(sharpened, 0.8 * total) << plain << " without sharpening";
  EXPECT_GE(sharpened, plain + 20);
}

TEST_F(LowresLabelsTest, SharpPagesAreLeftAsTheyAre) {
  // A page from enough source pixels (scans, photos) is read as before.
  const LowresPage& p = pages_.front();
  layout::LabelScan given, unsharpened;
  ASSERT_TRUE(
      layout::ScanLabels(engine_.get(), p.flat, layout::LabelScope::kColumns, 0.9, &given).ok());
  ASSERT_TRUE(
      layout::ScanLabels(engine_.get(), p.flat, layout::LabelScope::kColumns, &unsharpened).ok());
  ASSERT_EQ(given.words.size(), unsharpened.words.size());
  for (size_t i = 0; i < given.words.size(); ++i) {
    EXPECT_EQ(given.words[i].text, unsharpened.words[i].text);
    EXPECT_EQ(given.words[i].box, unsharpened.words[i].box);
  }
}

}  // namespace
}  // namespace bpkb
