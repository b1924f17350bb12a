// Choosing a field's value among its candidate readings (field_correction.h):
// the best by confidence and validity, and for a VIN a vote over the
// characters of the readings of one line.
#include <gtest/gtest.h>

#include "bpkb/field_correction.h"

namespace bpkb {
namespace {

ValueCandidate Read(const std::string& text, double confidence) {
  ValueCandidate c;
  c.text = text;
  c.confidence = confidence;
  return c;
}

TEST(ChooseValueTest, BestReadingOfAnOrdinaryField) {
  ValueChoice c = ChooseValue("nomor_bpkb", {Read("F-03839991", 0.6), Read("F-03839997", 0.9)});
  EXPECT_EQ(c.index, 1);
  EXPECT_EQ(c.value.value, "F-03839997");
  // A long shot counts only when valid.
  ValueCandidate shot = Read("J2", 0.99);
  shot.only_if_valid = true;
  c = ChooseValue("tahun_pembuatan", {Read("2O13", 0.5), shot});
  EXPECT_EQ(c.index, 0);
  EXPECT_EQ(c.value.value, "2013");
}

TEST(ChooseValueTest, PlateReadWholeAndSureBeatsACropThatCutItsFirstLetter) {
  // Tune pages (lowres): narrower crops start after the region code's first
  // letter and are surer of the rest.
  ValueCandidate cut = Read("P 819 GVK", 0.999), cut_more = Read("819 GVK", 0.498);
  cut.only_if_valid = cut_more.only_if_valid = true;
  ValueChoice c = ChooseValue("nomor_polisi", {Read("DP 819 GVK", 0.990), cut, cut_more});
  EXPECT_EQ(c.value.value, "DP 819 GVK");
  EXPECT_EQ(c.index, 0);
  // A letter in front read unsure (a stroke of the label or a border) stays out.
  ValueCandidate stroke = Read("BB 9 RF", 0.752);
  stroke.only_if_valid = true;
  EXPECT_EQ(ChooseValue("nomor_polisi", {Read("B 9 RF", 0.999), stroke}).value.value, "B 9 RF");
  // Nor does one read sure by a long shot: a crop started over the label's
  // tail and the colon reads them as a letter in front.
  ValueCandidate colon = Read("BB 474 ALP", 0.972);
  colon.only_if_valid = true;
  EXPECT_EQ(ChooseValue("nomor_polisi", {Read("B 474 ALP", 0.9998), colon}).value.value,
            "B 474 ALP");
}

TEST(ChooseValueTest, CylinderReadWholeAndSureBeatsACropThatCutItsFirstDigits) {
  // A tune page's "110 CC": a crop from the line's last word starts read "0 CC".
  ValueCandidate cut = Read("0 CC", 0.9996);
  cut.only_if_valid = true;
  EXPECT_EQ(ChooseValue("isi_silinder", {Read("110 CC", 0.994), cut}).value.value, "110 CC");
  // Read unsure, the whole line (the label's tail and the colon read as
  // digits in front) gives way to the crop from the value's start.
  ValueCandidate from_value = Read("3.908 CC", 0.888);
  from_value.only_if_valid = true;
  EXPECT_EQ(ChooseValue("isi_silinder", {Read("673.908 CC", 0.413), from_value}).value.value,
            "3.908 CC");
}

TEST(ChooseValueTest, VinOfAListedMakerBeatsASomewhatSurerUnlistedOne) {
  // A crop that began on the label's last letters reads "FR" before the VIN.
  ValueChoice c =
      ChooseValue("no_rangka", {Read("FRMH3VKF2RZ101537", 0.77), Read("MH32VKMF2RZ101537", 0.63)});
  EXPECT_EQ(c.value.value, "MH32VKMF2RZ101537");
  // Alone, an unlisted maker's VIN is read as printed.
  EXPECT_EQ(ChooseValue("no_rangka", {Read("LBB3AB2C5PT123456", 0.8)}).value.value,
            "LBB3AB2C5PT123456");
}

TEST(ChooseValueTest, VinCharactersAreVotedAcrossTheLinesReadings) {
  // The two most confident crops read B as R; more crops read it right.
  std::vector<ValueCandidate> reads = {
      Read("MH3BGZEXX5X137296", 0.26), Read("WANGAWAAMMUNWM58", 0.04),
      Read("MH3RGZEXX5X137296", 0.61), Read("MH3RGZEXX5X137296", 0.59),
      Read("MH3BGZEXX5X137296", 0.38), Read("MH3BGZEXX5X137296", 0.44),
      Read("MH3BGZEXX5X137296", 0.52), Read("MH3RGZEXX5X137296", 0.45),
      Read("MH3BGZEXX5X137296", 0.49), Read("MH3BGZEXX5X137296", 0.50),
      Read("MH3RGZEXX5X137296", 0.62)};
  ValueChoice c = ChooseValue("no_rangka", reads);
  EXPECT_EQ(c.value.value, "MH3BGZEXX5X137296");
  EXPECT_TRUE(c.value.valid);
  EXPECT_EQ(c.index, 10);  // the raw text and box are the best crop's
  EXPECT_LT(c.confidence, 0.62);
}

// A reading with the recognizer's certainty of each character: 0.98, but
// `unsure` at position `at`.
ValueCandidate Sure(const std::string& text, double confidence, size_t at, float unsure) {
  ValueCandidate c = Read(text, confidence);
  c.char_confidences.assign(text.size(), 0.98f);
  c.char_confidences[at] = unsure;
  return c;
}

TEST(ChooseValueTest, VinVoteKeepsACharacterTheBestReadingIsSureOf) {
  // A tune page (rotated): four narrower crops read the serial's 0 as 8, all
  // sure of it; the best crop (0.96) read it right and was as sure.
  std::vector<ValueCandidate> reads = {
      Sure("MH34CJ0E47D290440", 0.96, 5, 0.97), Sure("MH3HCJ0E47D298440", 0.36, 3, 0.56),
      Sure("MH3HCJ0E47D298440", 0.31, 3, 0.49), Sure("MH3MCJ8E47D298440", 0.33, 3, 0.54),
      Sure("MH3HC78E47D298440", 0.12, 3, 0.33)};
  EXPECT_EQ(ChooseValue("no_rangka", reads).value.value, "MH34CJ0E47D290440");
  // A character the best reading was unsure of is still voted on.
  reads[0].char_confidences[13] = 0.6f;
  EXPECT_EQ(ChooseValue("no_rangka", reads).value.value, "MH34CJ0E47D298440");
}

TEST(ChooseValueTest, VinVoteWeighsEachCharacterByHowSureItsReadingIs) {
  // Two crops of a tune page (photo): the surer crop read the serial's R as K,
  // unsure of it; the other read R and was sure.
  std::vector<ValueCandidate> reads = {Sure("LZWJVZYRXH2938266", 0.64, 0, 0.99),
                                       Sure("LZWJVZYKXH2938266", 0.67, 7, 0.91)};
  EXPECT_EQ(ChooseValue("no_rangka", reads).value.value, "LZWJVZYRXH2938266");
  // Two crops read 8, unsure of it; one read 6, sure of it.
  reads = {Sure("MHMTEPL42PD820377", 0.70, 11, 0.5), Sure("MHMTEPL42PD820377", 0.50, 11, 0.3),
           Sure("MHMTEPL42PD620377", 0.60, 0, 0.99)};
  EXPECT_EQ(ChooseValue("no_rangka", reads).value.value, "MHMTEPL42PD620377");
  // Alike unsure, the surer crop's reading stays.
  reads = {Sure("LZWJVZYRXH2938266", 0.64, 7, 0.91), Sure("LZWJVZYKXH2938266", 0.67, 7, 0.91)};
  EXPECT_EQ(ChooseValue("no_rangka", reads).value.value, "LZWJVZYKXH2938266");
}

TEST(ChooseValueTest, VinVoteKeepsAListedMakerCode) {
  // Crops starting on the colon read the first M as H: a listed WMI stays.
  std::vector<ValueCandidate> reads = {
      Read("HH3J4TPG08D415810", 0.79), Read("HH3J4TPG08D415810", 0.85),
      Read("HH3J4TPG08D415810", 0.75), Read("HH3J4TPG08D415810", 0.69),
      Read("MH3J4TPG08D415810", 0.92), Read("MH3J4TPG08D415810", 0.92)};
  EXPECT_EQ(ChooseValue("no_rangka", reads).value.value, "MH3J4TPG08D415810");
  // Two readings that disagree, with no character confidences: the surer
  // reading stays.
  EXPECT_EQ(
      ChooseValue("no_rangka", {Read("MH3RGZEXX5X137296", 0.61), Read("MH3BGZEXX5X137296", 0.26)})
          .value.value,
      "MH3RGZEXX5X137296");
}

TEST(ChooseValueTest, NameKeepsACommonNameTheGreedyReadingRead) {
  // A validation photocopy: the views of an unsure line voted SIROMBING where
  // the greedy path read the listed family name.
  ValueCandidate c = Read("TEGUH ROBERT MARIA SIROMBING", 0.53);
  c.greedy = "TEGUH ROBERT MARIA SIHOMBING";
  EXPECT_EQ(ChooseValue("nama_pemilik", {c}).value.value, "TEGUH ROBERT MARIA SIHOMBING");
  // A word the lists do not know stays as chosen, and so does a listed one.
  c.greedy = "TEGUH ROBERT MARIA SIROMBINC";
  EXPECT_EQ(ChooseValue("nama_pemilik", {c}).value.value, "TEGUH ROBERT MARIA SIROMBING");
  c.text = "TEGUH ROBERT MARIA SIHOMBING";
  c.greedy = "TEGUH ROBERT MARIA SIROMBING";
  EXPECT_EQ(ChooseValue("nama_pemilik", {c}).value.value, "TEGUH ROBERT MARIA SIHOMBING");
  // Words that do not line up: no word-for-word fix.
  c.text = "TEGUH ROBERT MARIA SIROMBING";
  c.greedy = "TEGUH ROBERTMARIA SIHOMBING";
  EXPECT_EQ(ChooseValue("nama_pemilik", {c}).value.value, "TEGUH ROBERT MARIA SIROMBING");
}

TEST(ChooseValueTest, InvalidReadingGivesWayToAValidGreedyPath) {
  // A validation photocopy: the views of an unsure NIK line voted its first
  // digit 9 (no region 95.09.03); the greedy path of the crop read 1.
  ValueCandidate c = Read("9509032608960757", 0.44);
  c.greedy = "1509032608960757";
  ValueChoice v = ChooseValue("no_id", {c});
  EXPECT_EQ(v.value.value, "1509032608960757");
  EXPECT_TRUE(v.value.valid);
  // An invalid greedy path changes nothing; nor does one beside a valid reading.
  c.greedy = "9909032608960757";
  EXPECT_EQ(ChooseValue("no_id", {c}).value.value, "9509032608960757");
  c.text = "1509032608960757";
  c.greedy = "1509032608960751";
  EXPECT_EQ(ChooseValue("no_id", {c}).value.value, "1509032608960757");
}

}  // namespace
}  // namespace bpkb
