// Value regions of the vehicle (IK) page on pixels drawn at test time: the cases
// that cost most fields on the synthetic corpus (a VIN under its label's English
// subtitle, wrapped colours and types, values running up to the next column,
// labels Tesseract missed, bold values whose letters touch, a stray word before
// a plate). Labels are given as Tesseract would find them; the pixels are real.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "bpkb/layout/ink_lines.h"
#include "bpkb/layout/value_regions.h"
#include "label_fixture.h"

namespace bpkb::layout {
namespace {

using testing::Label;

constexpr double kH = 22;  // capital height of the drawn values (pixels)

// Draws `text` with its baseline at `y`, capitals about kH high.
void Print(cv::Mat* page, const std::string& text, int x, int y, double scale = 0.85,
           int thickness = 2, int gray = 40) {
  cv::putText(*page, text, cv::Point(x, y), cv::FONT_HERSHEY_SIMPLEX, scale, cv::Scalar(gray),
              thickness, cv::LINE_AA);
}

cv::Rect TextBox(const std::string& text, int x, int y, double scale = 0.85, int thickness = 2) {
  int base = 0;
  cv::Size s = cv::getTextSize(text, cv::FONT_HERSHEY_SIMPLEX, scale, thickness, &base);
  return cv::Rect(x, y - s.height, s.width, s.height);
}

// An IK page: labels of both columns printed (bold, larger) at the usual rows,
// returned as found labels, except those in `missing`.
struct IkPage {
  cv::Mat gray = cv::Mat(1200, 1700, CV_8U, cv::Scalar(245));
  std::vector<LabelMatch> labels;
  std::map<std::string, int> row;  // label baseline per field

  IkPage(const std::map<std::string, int>& extra_pitch = {},
         const std::vector<std::string>& missing = {}) {
    const std::vector<std::pair<std::string, std::string>> left = {
        {"nomor_polisi", "Nomor Registrasi"},
        {"merek", "Merek"},
        {"tipe", "Type"},
        {"jenis", "Jenis"},
        {"model", "Model"},
        {"tahun_pembuatan", "Tahun Pembuatan"},
        {"isi_silinder", "Isi Silinder"}};
    const std::vector<std::pair<std::string, std::string>> right = {
        {"warna", "Warna"},
        {"no_rangka", "Nomor Rangka/NIK/VIN"},
        {"no_mesin", "Nomor Mesin"},
        {"bahan_bakar", "Bahan Bakar"},
        {"jumlah_sumbu", "Jumlah Sumbu"},
        {"jumlah_roda", "Jumlah Roda"}};
    for (int c = 0; c < 2; ++c) {
      int y = 290;
      const auto& col = c == 0 ? left : right;
      const int x = c == 0 ? 155 : 945;
      for (const auto& [field, text] : col) {
        row[field] = y;
        cv::putText(gray, text, cv::Point(x, y), cv::FONT_HERSHEY_DUPLEX, 0.8, cv::Scalar(30), 2,
                    cv::LINE_AA);
        cv::putText(gray, ":", cv::Point(c == 0 ? 430 : 1200, y), cv::FONT_HERSHEY_DUPLEX, 0.8,
                    cv::Scalar(30), 2, cv::LINE_AA);
        int base = 0;
        cv::Size s = cv::getTextSize(text, cv::FONT_HERSHEY_DUPLEX, 0.8, 2, &base);
        if (std::find(missing.begin(), missing.end(), field) == missing.end()) {
          labels.push_back(Label(field, cv::Rect(x, y - s.height, s.width, s.height + base)));
        }
        auto it = extra_pitch.find(field);
        y += 86 + (it == extra_pitch.end() ? 0 : it->second);
      }
    }
  }

  std::map<std::string, ValueRegion> Regions() const {
    return FindValueRegions(gray, labels, PageKind::kIk, kH);
  }
};

// The union of a candidate's line boxes.
cv::Rect Union(const std::vector<cv::Rect>& lines) {
  cv::Rect u = lines.at(0);
  for (const cv::Rect& r : lines) u |= r;
  return u;
}

TEST(IkValueRegionsTest, VinUnderTheSubtitleKeepsItsFirstCharacters) {
  // The VIN printed on the line below its label, its first characters under the
  // label's small italic subtitle and touching it: those glyphs merge with the
  // subtitle into components taller than a character.
  IkPage p({{"no_rangka", 45}});
  const int y = p.row["no_rangka"];
  cv::putText(p.gray, "Vehicle Identity Number", cv::Point(945, y + 22), cv::FONT_HERSHEY_SIMPLEX,
              0.55, cv::Scalar(30), 1, cv::LINE_AA);
  const std::string vin = "MH3G88FS0GU195361";
  Print(&p.gray, vin, 1010, y + 45);
  const cv::Rect truth = TextBox(vin, 1010, y + 45);
  auto regions = p.Regions();
  const ValueRegion& r = regions.at("no_rangka");
  bool whole = false;
  for (const auto& c : r.candidates) {
    cv::Rect u = Union(c);
    if (u.x <= truth.x && u.br().x >= truth.br().x &&
        std::abs(u.y + u.height / 2 - (truth.y + truth.height / 2)) < kH)
      whole = true;
  }
  EXPECT_TRUE(whole) << "no candidate spans the whole VIN";
}

TEST(IkValueRegionsTest, WrappedColourAndTypeAreReadToTheEnd) {
  // warna wraps to 2 lines in the right column, tipe to 3 in the left one; the
  // rows below them are pushed down by the extra lines.
  IkPage p({{"tipe", 2 * 36}, {"warna", 36}});
  Print(&p.gray, "KIJANG INNOVA", 460, p.row["tipe"]);
  Print(&p.gray, "2.5 V", 460, p.row["tipe"] + 36);
  Print(&p.gray, "A/T DIESEL", 460, p.row["tipe"] + 72);
  Print(&p.gray, "MB PENUMPANG", 460, p.row["jenis"]);
  Print(&p.gray, "ABU-ABU TUA", 1225, p.row["warna"]);
  Print(&p.gray, "METALIK", 1225, p.row["warna"] + 36);
  Print(&p.gray, "MHRA5Z2E0PF937668", 1225, p.row["no_rangka"]);
  auto regions = p.Regions();
  ASSERT_EQ(regions.at("tipe").candidates.size(), 1u);
  EXPECT_EQ(regions.at("tipe").candidates[0].size(), 3u);
  ASSERT_EQ(regions.at("warna").candidates.size(), 1u);
  EXPECT_EQ(regions.at("warna").candidates[0].size(), 2u);
  // The next rows' values are not taken as continuations.
  EXPECT_LT(Union(regions.at("tipe").candidates[0]).br().y, p.row["jenis"] - kH);
}

TEST(IkValueRegionsTest, WrappedTypeWithOneLetterAloneOnALineIsReadToTheEnd) {
  // A validation page: "V" alone on the type's second line is too faint in the
  // profile of the block of full lines to be found, and the third line is
  // two pitches below the first; "D" alone on the last line likewise.
  IkPage p({{"tipe", 2 * 36}});
  Print(&p.gray, "KIJANG INNOVA 2.5", 460, p.row["tipe"]);
  Print(&p.gray, "V", 460, p.row["tipe"] + 36);
  Print(&p.gray, "A/T DIESEL", 460, p.row["tipe"] + 72);
  Print(&p.gray, "MB PENUMPANG", 460, p.row["jenis"]);
  auto regions = p.Regions();
  ASSERT_EQ(regions.at("tipe").candidates.size(), 1u);
  const auto& lines = regions.at("tipe").candidates[0];
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_GE(lines[1].br().y, p.row["tipe"] + 36);
  EXPECT_LT(lines[1].y, p.row["tipe"] + 36 - kH / 2);
  EXPECT_GE(lines[2].br().y, p.row["tipe"] + 72);

  IkPage q({{"tipe", 36}});
  Print(&q.gray, "GRAN MAX MB 1.3", 460, q.row["tipe"]);
  Print(&q.gray, "D", 460, q.row["tipe"] + 36);
  Print(&q.gray, "MB PENUMPANG", 460, q.row["jenis"]);
  regions = q.Regions();
  ASSERT_EQ(regions.at("tipe").candidates.size(), 1u);
  ASSERT_EQ(regions.at("tipe").candidates[0].size(), 2u);
  EXPECT_GE(regions.at("tipe").candidates[0][1].br().y, q.row["tipe"] + 36);
  EXPECT_LT(Union(regions.at("tipe").candidates[0]).br().y, q.row["jenis"] - kH);
  // The crops of the two lines stop halfway between them: the first line's
  // padding does not take in the "D" under it (read twice, "1.3 D D").
  EXPECT_LE(regions.at("tipe").candidates[0][0].br().y, regions.at("tipe").candidates[0][1].y);
}

TEST(IkValueRegionsTest, LabelOfTheSameColumnFoundByItsLastWordIsNoNextColumn) {
  // A photocopy: "Nomor Registrasi" found as "Registrasi" only, its box ~110 px
  // right of the column's other labels, is no label of a next column: the
  // type's value right of it is still looked for up to the right column.
  IkPage p;
  for (LabelMatch& m : p.labels) {
    if (m.field == "nomor_polisi") m.box.x += 110, m.box.width -= 110;
  }
  Print(&p.gray, "MIO M3 125", 460, p.row["tipe"]);
  const cv::Rect truth = TextBox("MIO M3 125", 460, p.row["tipe"]);
  auto regions = p.Regions();
  ASSERT_FALSE(regions.at("tipe").candidates.empty());
  const cv::Rect u = Union(regions.at("tipe").candidates[0]);
  EXPECT_LE(u.x, truth.x);
  EXPECT_GE(u.br().x, truth.br().x);
}

TEST(IkValueRegionsTest, TypeLabelFoundOnlyAsItsSubtitleStartsAtTheLabelsLine) {
  // "Type" is printed twice, bold and under it as the italic English subtitle;
  // Tesseract read only the subtitle. A type printed high, its first line over
  // the label's line, is still read from that first line.
  IkPage p({{"tipe", 36}});
  const int y = p.row["tipe"];
  cv::putText(p.gray, "Type", cv::Point(155, y + 26), cv::FONT_HERSHEY_SIMPLEX | cv::FONT_ITALIC,
              0.55, cv::Scalar(30), 1, cv::LINE_AA);
  for (LabelMatch& m : p.labels) {
    if (m.field == "tipe") m.box = TextBox("Type", 155, y + 26, 0.55, 1);
  }
  Print(&p.gray, "KIJANG INNOVA", 460, y - 10);
  Print(&p.gray, "2.0 G M/T", 460, y + 28);
  auto regions = p.Regions();
  ASSERT_EQ(regions.at("tipe").candidates.size(), 1u);
  const auto& lines = regions.at("tipe").candidates[0];
  ASSERT_EQ(lines.size(), 2u);
  const cv::Rect first = TextBox("KIJANG INNOVA", 460, y - 10);
  EXPECT_LE(lines[0].y, first.y);
  EXPECT_GE(lines[0].br().y, first.br().y);
  EXPECT_GT(lines[1].br().y, y + 28);
}

TEST(IkValueRegionsTest, LongLeftValueRunsUpToTheNextColumnsNumbers) {
  // Labels 10-13 are found with their number ("10. Nomor Mesin"): the left
  // column's value may run to just before those numbers.
  IkPage p;
  for (LabelMatch& m : p.labels) {
    if (m.field == "no_mesin" || m.field == "bahan_bakar") {
      m.box.x -= 50;
      m.box.width += 50;
    }
  }
  const std::string tipe = "GRAN MAX MB 1.3 D X";
  const cv::Rect truth = TextBox(tipe, 560, p.row["tipe"]);
  ASSERT_GT(truth.br().x, 840);  // past where a margin of 3.5 capitals would cut
  Print(&p.gray, tipe, 560, p.row["tipe"]);
  auto regions = p.Regions();
  ASSERT_EQ(regions.at("tipe").candidates.size(), 1u);
  EXPECT_GE(Union(regions.at("tipe").candidates[0]).br().x, truth.br().x);
}

TEST(IkValueRegionsTest, MissedRightColumnLabelIsPlacedFromItsOwnColumn) {
  // warna (first of the right column) and merek/tipe missed by Tesseract, tipe
  // wrapped so that jenis and below are pushed down: the labels are placed by
  // their column's order and snapped to their own ink.
  IkPage p({{"tipe", 36}}, {"warna", "merek", "tipe"});
  Print(&p.gray, "HIJAU", 1225, p.row["warna"]);
  Print(&p.gray, "FINO 125 BLUE", 460, p.row["tipe"]);
  Print(&p.gray, "CORE", 460, p.row["tipe"] + 36);
  Print(&p.gray, "YAMAHA", 460, p.row["merek"]);
  auto regions = p.Regions();
  ASSERT_EQ(regions.at("warna").candidates.size(), 1u);
  cv::Rect w = Union(regions.at("warna").candidates[0]);
  cv::Rect hijau = TextBox("HIJAU", 1225, p.row["warna"]);
  EXPECT_LE(w.x, hijau.x);
  EXPECT_GE(w.br().x, hijau.br().x);
  EXPECT_LT(std::abs(w.y + w.height / 2 - (hijau.y + hijau.height / 2)), kH);
  ASSERT_EQ(regions.at("tipe").candidates.size(), 1u);
  EXPECT_EQ(regions.at("tipe").candidates[0].size(), 2u);
  cv::Rect t = Union(regions.at("tipe").candidates[0]);
  EXPECT_LT(t.y, p.row["tipe"] - kH / 2);  // starts at FINO, not at CORE
}

TEST(IkValueRegionsTest, MissedColourLabelIsOnThePlatesRow) {
  // warna and the VIN's label missed, the VIN printed on the line below its
  // label: placed from below (Nomor Mesin), warna would land on the VIN's
  // label. Labels 1 and 8 open the two columns on one row.
  IkPage p({{"no_rangka", 45}}, {"warna", "no_rangka"});
  Print(&p.gray, "COKLAT METALIK", 1225, p.row["warna"]);
  Print(&p.gray, "MHYLJE3R43W701702", 1000, p.row["no_rangka"] + 45);
  auto regions = p.Regions();
  ASSERT_EQ(regions.at("warna").candidates.size(), 1u);
  const cv::Rect w = Union(regions.at("warna").candidates[0]);
  const cv::Rect truth = TextBox("COKLAT METALIK", 1225, p.row["warna"]);
  EXPECT_LE(w.x, truth.x);
  EXPECT_GE(w.br().x, truth.br().x);
  EXPECT_LT(w.br().y, p.row["no_rangka"]);
}

TEST(IkValueRegionsTest, ColourWrappedToThreeLinesIsReadToTheEnd) {
  // A wide face wraps "ABU-ABU TUA METALIK" to three lines in the right column.
  IkPage p({{"warna", 2 * 36}});
  Print(&p.gray, "ABU-ABU", 1225, p.row["warna"]);
  Print(&p.gray, "TUA", 1225, p.row["warna"] + 36);
  Print(&p.gray, "METALIK", 1225, p.row["warna"] + 72);
  auto regions = p.Regions();
  ASSERT_EQ(regions.at("warna").candidates.size(), 1u);
  EXPECT_EQ(regions.at("warna").candidates[0].size(), 3u);
  EXPECT_LT(Union(regions.at("warna").candidates[0]).br().y, p.row["no_rangka"] - kH);
}

TEST(IkValueRegionsTest, BoldValueWithTouchingLettersIsFound) {
  // A heavy, blurred value whose letters touch: long thin runs through it look
  // like printed rules.
  IkPage p;
  cv::Mat word(40, 200, CV_8U, cv::Scalar(245));
  cv::putText(word, "MERAH", cv::Point(2, 32), cv::FONT_HERSHEY_TRIPLEX, 1.0, cv::Scalar(110), 5,
              cv::LINE_AA);
  word.copyTo(p.gray(cv::Rect(1225, p.row["warna"] - 32, 200, 40)));
  auto regions = p.Regions();
  ASSERT_EQ(regions.at("warna").candidates.size(), 1u);
  EXPECT_GE(Union(regions.at("warna").candidates[0]).width, 100);
}

TEST(IkValueRegionsTest, PlateAfterAStrayWordHasACandidateWithoutIt) {
  IkPage p;
  Print(&p.gray, "4M", 440, p.row["nomor_polisi"]);
  Print(&p.gray, "B 2897 CZ", 520, p.row["nomor_polisi"]);
  auto regions = p.Regions();
  const cv::Rect plate = TextBox("B 2897 CZ", 520, p.row["nomor_polisi"]);
  bool trimmed = false;
  for (const auto& c : regions.at("nomor_polisi").candidates) {
    cv::Rect u = Union(c);
    if (u.x > 440 + 10 && u.x <= plate.x && u.br().x >= plate.br().x) trimmed = true;
  }
  EXPECT_TRUE(trimmed);
}

TEST(IkValueRegionsTest, VinAcrossItsMissedLabelHasCandidatesFromItsStart) {
  // A VIN too long for the room printed left, across its own label, which
  // Tesseract then misses: only the part right of the label's end would be read.
  IkPage p({}, {"no_rangka"});
  const std::string vin = "MH32VKTF2RZ101537";
  const int x = 1090;
  Print(&p.gray, vin, x, p.row["no_rangka"] - 4);
  const cv::Rect truth = TextBox(vin, x, p.row["no_rangka"] - 4);
  auto regions = p.Regions();
  const ValueRegion& r = regions.at("no_rangka");
  bool from_start = false;
  for (size_t i = 0; i < r.candidates.size(); ++i) {
    cv::Rect u = Union(r.candidates[i]);
    bool strict = i < r.only_if_valid.size() && r.only_if_valid[i];
    if (strict && u.x <= truth.x && u.x > truth.x - 1.5 * kH && u.br().x >= truth.br().x) {
      from_start = true;
    }
  }
  EXPECT_TRUE(from_start);
}

TEST(IkValueRegionsTest, ValuePrintedWellAboveItsLineIsNotCut) {
  // The printer's offset puts a value 1.5 capitals above its label's line.
  IkPage p;
  const int y = p.row["tipe"] - static_cast<int>(1.2 * kH);
  Print(&p.gray, "YARIS 1.5 G", 470, y);
  const cv::Rect truth = TextBox("YARIS 1.5 G", 470, y);
  auto regions = p.Regions();
  ASSERT_EQ(regions.at("tipe").candidates.size(), 1u);
  cv::Rect u = Union(regions.at("tipe").candidates[0]);
  EXPECT_LE(u.y, truth.y);
  EXPECT_GE(u.br().y, truth.br().y);
}

// True when some candidate of `r` spans `truth` left to right, centred on it
// within a capital.
bool SomeCandidateSpans(const ValueRegion& r, const cv::Rect& truth) {
  for (const auto& c : r.candidates) {
    cv::Rect u = Union(c);
    if (u.x <= truth.x && u.br().x >= truth.br().x &&
        std::abs(u.y + u.height / 2 - (truth.y + truth.height / 2)) < kH) {
      return true;
    }
  }
  return false;
}

TEST(IkValueRegionsTest, BoldVinWhoseGlyphsAllTouchIsFound) {
  // An extra-bold italic VIN on a photocopy: its 17 glyphs ran together into
  // one solid component longer than any word, dropped as a rule would be.
  IkPage p({{"no_rangka", 60}});
  const int y = p.row["no_rangka"] + 62;
  const std::string vin = "MHRVMV6C7JB541622";
  Print(&p.gray, vin, 1000, y, 1.0, 5);
  cv::Mat band = p.gray(cv::Rect(990, y - 34, 460, 46));
  cv::erode(band, band, cv::getStructuringElement(cv::MORPH_RECT, {9, 1}));
  const cv::Rect truth = TextBox(vin, 1000, y, 1.0, 5);
  cv::Mat ink, labels, stats, centroids;
  cv::threshold(band, ink, 128, 255, cv::THRESH_BINARY_INV);
  cv::connectedComponentsWithStats(ink, labels, stats, centroids);
  int longest = 0;
  for (int i = 1; i < stats.rows; ++i)
    longest = std::max(longest, stats.at<int>(i, cv::CC_STAT_WIDTH));
  ASSERT_GT(longest, 14 * kH) << "the drawn VIN no longer shows the case";
  auto regions = p.Regions();
  EXPECT_TRUE(SomeCandidateSpans(regions.at("no_rangka"), truth));
}

TEST(IkValueRegionsTest, CylinderLineBegunByTheSubtitlesTailIsAlsoReadFromItsValue) {
  // The English subtitle "Cylinder Capacity" runs on past its label, and the
  // value printed low shares its row: the line began at the region's edge
  // with the subtitle's tail and the colon ("673.908 CC" for 3.908 CC).
  IkPage p;
  const int y = p.row["isi_silinder"];
  cv::putText(p.gray, "Cylinder Capacity Of The Engine", cv::Point(155, y + 20),
              cv::FONT_HERSHEY_SIMPLEX, 0.6, cv::Scalar(30), 1, cv::LINE_AA);
  Print(&p.gray, "3.908 CC", 470, y + 14);
  auto regions = p.Regions();
  const ValueRegion& r = regions.at("isi_silinder");
  ASSERT_GE(r.candidates.size(), 1u);
  bool from_value = false;
  for (const auto& c : r.candidates) {
    const cv::Rect u = Union(c);
    from_value = from_value || (u.x > 440 && u.x <= 470);
  }
  EXPECT_TRUE(from_value);
}

TEST(IkValueRegionsTest, VinPrintedFarBelowItsLabelIsFound) {
  // The VIN printed low, its centre ~3.7 capitals under the label's.
  IkPage p({{"no_rangka", 80}});
  const int y = p.row["no_rangka"];
  const std::string vin = "MH3Z10U609Z059377";
  Print(&p.gray, vin, 1000, y + 85);
  auto regions = p.Regions();
  EXPECT_TRUE(SomeCandidateSpans(regions.at("no_rangka"), TextBox(vin, 1000, y + 85)));
}

TEST(IkValueRegionsTest, VinTouchingTheSubtitlesBandHasACandidateUnderIt) {
  // Printed high, the VIN's tops reach into the subtitle's band: the two make
  // one ink line, and a crop of it holds the subtitle over the VIN's start.
  IkPage p({{"no_rangka", 45}});
  const int y = p.row["no_rangka"];
  const std::string sub = "Vehicle Identity Number";
  cv::putText(p.gray, sub, cv::Point(945, y + 22), cv::FONT_HERSHEY_SIMPLEX, 0.55, cv::Scalar(30),
              1, cv::LINE_AA);
  LabelMatch subtitle = Label("", TextBox(sub, 945, y + 22, 0.55, 1));
  subtitle.subtitle = true;
  p.labels.push_back(subtitle);
  const std::string vin = "JTFXE5VG0HD311804";
  Print(&p.gray, vin, 1080, y + 40);
  const cv::Rect truth = TextBox(vin, 1080, y + 40);
  auto regions = p.Regions();
  bool under = false;
  for (const auto& c : regions.at("no_rangka").candidates) {
    const cv::Rect u = Union(c);
    under = under || (u.y >= subtitle.box.br().y - 1 && u.x <= truth.x &&
                      u.br().x >= truth.br().x && u.br().y >= truth.br().y);
  }
  EXPECT_TRUE(under) << "no candidate starts under the subtitle";
}

TEST(IkValueRegionsTest, LabelBoxReachingAboveItsLineIsCutToIt) {
  // Tesseract's box of the VIN's label reached 1.5 capitals above the label:
  // the label's line is its heaviest ink, not the box's top.
  IkPage p({{"no_rangka", 45}});
  for (LabelMatch& m : p.labels) {
    if (m.field != "no_rangka") continue;
    m.box.y -= static_cast<int>(1.5 * kH);
    m.box.height += static_cast<int>(1.5 * kH);
  }
  const int y = p.row["no_rangka"];
  const std::string vin = "LZWDUYKH36Z405612";
  Print(&p.gray, vin, 1000, y + 45);
  auto regions = p.Regions();
  EXPECT_TRUE(SomeCandidateSpans(regions.at("no_rangka"), TextBox(vin, 1000, y + 45)));
}

TEST(IkValueRegionsTest, WrappedValuePrintedHighStartsAtItsFirstLine) {
  // Printed high, a wrapped colour's heavier second line lies nearest the
  // label's line: the value still starts at the short line above it.
  IkPage p({{"warna", 36}});
  const int y = p.row["warna"];
  Print(&p.gray, "BIRU", 1225, y - 21);
  Print(&p.gray, "METALIK", 1225, y + 14);
  auto regions = p.Regions();
  ASSERT_EQ(regions.at("warna").candidates.size(), 1u);
  const auto& lines = regions.at("warna").candidates[0];
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_LT(lines[0].y, y - 21 - kH / 2);
  EXPECT_GT(lines[1].br().y, y + 14);
}

TEST(InkLinesTest, DotMatrixGlyphsSplitInHalvesKeepTheirFullHeight) {
  // Dot-matrix strokes that the joining leaves in an upper and a lower piece:
  // the line spans both.
  cv::Mat gray(120, 600, CV_8U, cv::Scalar(245));
  Print(&gray, "VARIO 150 ESP", 20, 80, 1.0, 3);
  const cv::Rect truth = TextBox("VARIO 150 ESP", 20, 80, 1.0, 3);
  gray(cv::Rect(0, truth.y + truth.height / 2 - 3, 600, 6)).setTo(245);
  auto lines = FindInkLines(gray, cv::Rect(0, 20, 600, 90), kH);
  ASSERT_FALSE(lines.empty());
  const InkLine* line = &lines[0];
  for (const InkLine& l : lines) {
    if (l.box.width > line->box.width) line = &l;
  }
  EXPECT_LE(line->box.y, truth.y + 3);
  EXPECT_GE(line->box.br().y, truth.br().y - 3);
}

TEST(InkLinesTest, LineHeightIgnoresAMarkMergedFromAbove) {
  cv::Mat gray(120, 600, CV_8U, cv::Scalar(245));
  Print(&gray, "MH3G88FS0GU195361", 20, 80);
  cv::putText(gray, "Identity", cv::Point(30, 58), cv::FONT_HERSHEY_SIMPLEX, 0.55, cv::Scalar(30),
              1, cv::LINE_AA);
  auto lines = FindInkLines(gray, cv::Rect(0, 40, 600, 60), kH);
  ASSERT_FALSE(lines.empty());
  const InkLine* vin = &lines[0];
  for (const InkLine& l : lines) {
    if (l.box.width > vin->box.width) vin = &l;
  }
  const cv::Rect truth = TextBox("MH3G88FS0GU195361", 20, 80);
  EXPECT_LE(vin->box.x, truth.x + 2);
  EXPECT_LT(vin->box.height, 1.5 * truth.height);
}

TEST(InkLinesTest, GlyphTopsErasedWithTheRulesAreTheLines) {
  // A tall dot-matrix face's top bars line up along the plate ("5224"): rule
  // removal took them, and the line kept began under the glyphs' tops; its
  // crop read 9659. The line found without removal gives them back.
  cv::Mat gray(120, 600, CV_8U, cv::Scalar(245));
  Print(&gray, "BN 5224 KX", 40, 80, 1.2);  // (glyphs 1.2 capitals high)
  const cv::Rect truth = TextBox("BN 5224 KX", 40, 80, 1.2);
  const cv::Rect region(0, 30, 600, 80);
  const std::vector<InkLine> whole = FindInkLines(gray, region, kH, false);
  ASSERT_EQ(whole.size(), 1u);
  InkLine cut = whole[0];  // as rule removal left it: its top 9 px gone
  cut.box.y += 9;
  cut.box.height -= 9;
  cut.ink = whole[0].ink * 2 / 3;
  const std::vector<InkLine> lines = WithLinesRulesErased(gray, region, kH, {cut});
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_LE(lines[0].box.y, truth.y + 2);
  EXPECT_EQ(lines[0].box.br().y, cut.box.br().y);
}

}  // namespace
}  // namespace bpkb::layout
