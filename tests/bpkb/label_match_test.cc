// Matching Tesseract's words to the printed labels (`MatchLabels`), on words as
// Tesseract gives them for a vehicle page.
#include <gtest/gtest.h>

#include "bpkb/layout/labels.h"

namespace bpkb::layout {
namespace {

Word W(const std::string& text, int x, int width, int line) {
  return Word{text, cv::Rect(x, 680, width, 26), 90, line};
}

// A word with its whole box as Tesseract gave it.
Word At(const std::string& text, int x, int y, int width, int height, int line) {
  return Word{text, cv::Rect(x, y, width, height), 90, line};
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

TEST(LabelMatchTest, ValueLettersAfterTheColonAreLeftOutOfTheBox) {
  // "B 262 LNK" printed against the colon: Tesseract reads "Registrasi:—R". The
  // label's box ends after "Registrasi:" (11 of the word's 13 characters).
  const auto ms = MatchLabels({W("1.", 110, 24, 1), W("Nomor", 151, 100, 1),
                               W("Registrasi:—R", 261, 260, 1), W("262", 540, 70, 1)});
  const LabelMatch* m = Find(ms, "nomor_polisi");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->box.br().x, 261 + 260 * 11 / 13);
  // The colon read as a letter: the value's capitals still go ("pBW)").
  const auto p = MatchLabels({W("Nomor", 151, 100, 1), W("RegistrasipBW)", 261, 280, 1)});
  ASSERT_NE(Find(p, "nomor_polisi"), nullptr);
  EXPECT_EQ(Find(p, "nomor_polisi")->box.br().x, 261 + 280 * 10 / 14);
  // The owner page's "No. KTP/TDP", its capitals and slash the label's own.
  const auto ktp = MatchLabels({W("No.", 151, 40, 1), W("KTP/TDP", 200, 120, 1)});
  ASSERT_NE(Find(ktp, "no_id"), nullptr);
  EXPECT_EQ(Find(ktp, "no_id")->box.br().x, 200 + 120);
  // "Nomor Rangka/NIK/VIN" read "Nomor Rangka/NMY": the rest after the slash
  // is the label's own, matched as "Nomor Rangka".
  const auto vin = MatchLabels({W("Nomor", 944, 90, 1), W("Rangka/NMY", 1040, 200, 1)});
  ASSERT_NE(Find(vin, "no_rangka"), nullptr);
  EXPECT_EQ(Find(vin, "no_rangka")->box.br().x, 1040 + 200);
  // A label with nothing after it keeps its whole box.
  const auto whole = MatchLabels({W("Nomor", 151, 100, 1), W("Registrasi", 261, 200, 1)});
  ASSERT_NE(Find(whole, "nomor_polisi"), nullptr);
  EXPECT_EQ(Find(whole, "nomor_polisi")->box.br().x, 261 + 200);
}

TEST(LabelMatchTest, ColonAndOneStrayMarkStayInTheLabel) {
  for (const char* last : {"Pembuatan:", "Pembuatan'", "Pembuatan."}) {
    const auto ms = MatchLabels({W("Tahun", 146, 90, 1), W(last, 246, 190, 1)});
    const LabelMatch* m = Find(ms, "tahun_pembuatan");
    ASSERT_NE(m, nullptr) << last;
    EXPECT_EQ(m->box.br().x, 246 + 190) << last;
  }
}

TEST(LabelMatchTest, TypeOfTheFuelSubtitleIsNoTypeLabel) {
  // Bahan Bakar's subtitle "Type Fuel" as Tesseract gave it on a validation
  // photocopy, its line's box overlapping the label's: its "Type" is no Type
  // label (whose value would be looked for beside the fuel's).
  const auto ms =
      MatchLabels({At("11", 896, 591, 21, 17, 36), At("Bahan", 941, 586, 64, 32, 37),
                   At("Bakar", 1018, 586, 64, 32, 37), At("\u2018Type", 941, 608, 31, 28, 38),
                   At("Fuel", 978, 608, 29, 28, 38)});
  EXPECT_NE(Find(ms, "bahan_bakar"), nullptr);
  EXPECT_EQ(Find(ms, "tipe"), nullptr);
  // Its "Fuel" misread ("Type Fact"), the words' boxes overlapping the
  // label's by a third: "Type" sits under the label, so it is the subtitle.
  const auto fact =
      MatchLabels({At("11.", 898, 587, 39, 23, 41), At("Bahan", 957, 582, 78, 33, 41),
                   At("Bakar", 1048, 582, 86, 33, 41), At("Type", 942, 603, 31, 37, 42),
                   At("Fact", 982, 603, 28, 37, 42)});
  EXPECT_NE(Find(fact, "bahan_bakar"), nullptr);
  EXPECT_EQ(Find(fact, "tipe"), nullptr);
  // The Type label itself is still one.
  const auto type = MatchLabels({W("3.", 110, 24, 1), W("Type", 146, 50, 1)});
  EXPECT_NE(Find(type, "tipe"), nullptr);
}

TEST(LabelMatchTest, ShortFormMatchedReachesOverTheRestOfTheLongForm) {
  // "No. KTP/TDP" on a validation photocopy, its "/TDP" read as a word "DP":
  // "No. KTP" matches exactly, but the label ends after "DP", else the value's
  // crop begins with it (read "DR" for the NIK). The value stays outside.
  const auto ms = MatchLabels({At("No.", 163, 674, 40, 36, 5), At("KTP", 212, 651, 83, 59, 5),
                               At("DP", 297, 679, 37, 20, 5), At("750386", 572, 678, 188, 59, 5)});
  const LabelMatch* m = Find(ms, "no_id");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->box.br().x, 297 + 37);
  // Without the tail the short form's box is all there is.
  const auto short_form =
      MatchLabels({At("No.", 163, 674, 40, 36, 5), At("KTP", 212, 651, 83, 59, 5),
                   At("750386", 572, 678, 188, 59, 5)});
  m = Find(short_form, "no_id");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->box.br().x, 212 + 83);
}

}  // namespace
}  // namespace bpkb::layout
