// Matching Tesseract's words to the printed labels (`MatchLabels`), on words as
// Tesseract gives them for a vehicle page.
#include <gtest/gtest.h>

#include "bpkb/layout/labels.h"

namespace bpkb::layout {
namespace {

Word W(const std::string& text, int x, int width, int line) {
  return Word{text, cv::Rect(x, 680, width, 26), 90, line};
}

const LabelMatch* Find(const std::vector<LabelMatch>& ms, const std::string& field) {
  for (const LabelMatch& m : ms) {
    if (m.field == field) return &m;
  }
  return nullptr;
}

TEST(LabelMatchTest, ValueGluedToTheLabelIsLeftOutOfItsBox) {
  // The year printed against "Pembuatan" is read as part of the word: the
  // label's box ends where its letters do (9 of the word's 13 characters).
  const auto ms =
      MatchLabels({W("6.", 110, 24, 1), W("Tahun", 146, 90, 1), W("Pembuatan2017", 246, 260, 1)});
  const LabelMatch* m = Find(ms, "tahun_pembuatan");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->box.x, 146);
  EXPECT_EQ(m->box.br().x, 246 + 260 * 9 / 13);
  // Read as marks ("#¥@", multi-byte), it is cut alike: 9 of 12 characters.
  const auto marks = MatchLabels({W("Tahun", 146, 90, 1), W("Pembuatan#¥@", 246, 240, 1)});
  ASSERT_NE(Find(marks, "tahun_pembuatan"), nullptr);
  EXPECT_EQ(Find(marks, "tahun_pembuatan")->box.br().x, 246 + 240 * 9 / 12);
}

TEST(LabelMatchTest, ColonAndOneStrayMarkStayInTheLabel) {
  for (const char* last : {"Pembuatan:", "Pembuatan'", "Pembuatan."}) {
    const auto ms = MatchLabels({W("Tahun", 146, 90, 1), W(last, 246, 190, 1)});
    const LabelMatch* m = Find(ms, "tahun_pembuatan");
    ASSERT_NE(m, nullptr) << last;
    EXPECT_EQ(m->box.br().x, 246 + 190) << last;
  }
}

}  // namespace
}  // namespace bpkb::layout
