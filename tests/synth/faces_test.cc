// The face table: fonts resolve to themselves, splits are sound, every face prints.
#include <gtest/gtest.h>

#include <opencv2/core.hpp>

#include "synth/faces.h"

// Fontconfig keeps the font patterns Pango matched until the process ends; under
// LeakSanitizer they are reported as leaks that are not ours (see src/synth/main.cc).
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }

namespace bpkb::synth {
namespace {

TEST(Faces, EveryFontResolvesToItsOwnFamily) { EXPECT_EQ(CheckFonts(), ""); }

TEST(Faces, AtLeastThreeHeldOutFacesAndNamesAreUnique) {
  EXPECT_GE(FacesFor("heldout").size(), 3u);
  EXPECT_GE(FacesFor("train").size(), 10u);
  EXPECT_EQ(FacesFor("all").size(), AllFaces().size());
  for (const Face* f : FacesFor("heldout")) EXPECT_EQ(f->split, FaceSplit::kHeldout);
  // Extra faces make training lines only: tune pages draw from the train faces.
  for (const Face* f : FacesFor("extra")) EXPECT_EQ(f->split, FaceSplit::kExtra);
  for (const auto& a : AllFaces()) {
    int same = 0;
    for (const auto& b : AllFaces()) same += a.name == b.name;
    EXPECT_EQ(same, 1) << a.name;
  }
}

// Models are chosen on validation faces, so none of them may be trained on or
// be a held-out face.
TEST(Faces, ValidationFacesAreApartFromTrainAndHeldOutFaces) {
  const auto validation = FacesFor("validation");
  EXPECT_GE(validation.size(), 3u);
  EXPECT_EQ(FacesFor("train").size() + FacesFor("extra").size() + validation.size() +
                FacesFor("heldout").size(),
            AllFaces().size());
  for (const Face* f : validation) EXPECT_EQ(f->split, FaceSplit::kValidation);
}

TEST(Faces, EveryFacePrintsEveryCharacterItNeeds) {
  const std::string text = "B 1413 KLT MW-CG0O/.,()&'";
  for (const auto& face : AllFaces()) {
    Rng rng(5);
    InkStyle style = RandomInkStyle(face, 24, rng);
    style.fade = 0;
    int baseline = 0;
    cv::Mat ink = RenderInk(face, text, style, rng, &baseline);
    ASSERT_FALSE(ink.empty()) << face.name;
    EXPECT_GT(cv::countNonZero(ink > 128), 200) << face.name;
    EXPECT_GT(baseline, 0);
    EXPECT_LT(baseline, ink.rows);
    // Each glyph must leave ink: printing one glyph alone is never blank.
    for (char c : std::string("MW1CG04KD")) {
      Rng r2(6);
      cv::Mat one = RenderInk(face, std::string(1, c), style, r2, &baseline);
      EXPECT_GT(cv::countNonZero(one > 128), 10) << face.name << " " << c;
    }
  }
}

}  // namespace
}  // namespace bpkb::synth
