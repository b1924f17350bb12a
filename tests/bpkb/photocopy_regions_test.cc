// Value regions on pixels drawn at test time, for cases that cost fields on
// tune photocopies: a wrapped value whose two lines are printed so close that
// their glyphs join (also when the region's edge cuts the next row's glyphs),
// a type's wrapped line under a first line that took in a mark before the
// value, a value whose letters' bars line up like leaders (also an address's
// word, on a validation page's rows in data/), an IK label box
// ending a letter short, faint letters at either end of a value, and the
// label's colon before a value (left out) next to the first stroke of a
// dot-matrix glyph (kept). Labels are given as Tesseract would find them; the
// pixels are real.
#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "bpkb/layout/ink_lines.h"
#include "bpkb/layout/value_regions.h"
#include "label_fixture.h"

namespace bpkb::layout {
namespace {

constexpr double kH = 22;  // text height handed to the regions (pixels)

void Print(cv::Mat* page, const std::string& text, int x, int y, double scale = 0.85,
           int thickness = 2) {
  cv::putText(*page, text, cv::Point(x, y), cv::FONT_HERSHEY_SIMPLEX, scale, cv::Scalar(40),
              thickness, cv::LINE_AA);
}

cv::Rect TextBox(const std::string& text, int x, int y, double scale = 0.85, int thickness = 2) {
  int base = 0;
  cv::Size s = cv::getTextSize(text, cv::FONT_HERSHEY_SIMPLEX, scale, thickness, &base);
  return cv::Rect(x, y - s.height, s.width, s.height);
}

cv::Rect Union(const std::vector<cv::Rect>& boxes) {
  cv::Rect u = boxes.at(0);
  for (const cv::Rect& b : boxes) u |= b;
  return u;
}

// Labels of one page kind printed down the left (and, for IK, a right column),
// each returned as found unless listed in `missing`.
struct Page {
  cv::Mat gray = cv::Mat(1200, 1700, CV_8U, cv::Scalar(245));
  std::vector<LabelMatch> labels;
  std::map<std::string, int> row;         // label baseline per field
  std::map<std::string, cv::Rect> label;  // label text's box per field
  PageKind kind;

  void AddLabel(const std::string& field, const std::string& text, int x, int y,
                const std::vector<std::string>& missing) {
    cv::putText(gray, text, cv::Point(x, y), cv::FONT_HERSHEY_TRIPLEX, 0.8, cv::Scalar(30), 2,
                cv::LINE_AA);
    int base = 0;
    const cv::Size s = cv::getTextSize(text, cv::FONT_HERSHEY_TRIPLEX, 0.8, 2, &base);
    row[field] = y;
    label[field] = cv::Rect(x, y - s.height, s.width, s.height);
    if (std::find(missing.begin(), missing.end(), field) != missing.end()) return;
    LabelMatch m = testing::Label(field, label[field]);
    m.kind = kind;
    labels.push_back(m);
  }

  std::map<std::string, ValueRegion> Regions(double h = kH) const {
    return FindValueRegions(gray, labels, kind, h);
  }
};

// The owner page: the address takes `address_lines` lines 59 px apart.
Page IpPage(int address_lines, const std::vector<std::string>& missing = {}) {
  Page p;
  p.kind = PageKind::kIp;
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"nama_pemilik", "Nama Pemilik"},
      {"pekerjaan", "Pekerjaan"},
      {"alamat", "Alamat"},
      {"no_id", "No. KTP"},
      {"lokasi_dikeluarkan", "Dikeluarkan di"},
      {"tanggal_dikeluarkan", "Pada Tanggal"}};
  int y = 300;
  for (const auto& [field, text] : rows) {
    p.AddLabel(field, text, 175, y, missing);
    cv::putText(p.gray, ":", cv::Point(540, y), cv::FONT_HERSHEY_TRIPLEX, 0.8, cv::Scalar(30), 2,
                cv::LINE_AA);
    y += 74 + (field == "alamat" ? (address_lines - 1) * 59 : 0);
  }
  return p;
}

// The vehicle page: labels 1-7 in the left column, 8-13 in the right one.
Page IkPage(const std::map<std::string, int>& extra_pitch = {},
            const std::vector<std::string>& missing = {}) {
  Page p;
  p.kind = PageKind::kIk;
  const std::vector<std::vector<std::pair<std::string, std::string>>> columns = {
      {{"nomor_polisi", "Nomor Registrasi"},
       {"merek", "Merek"},
       {"tipe", "Type"},
       {"jenis", "Jenis"},
       {"model", "Model"},
       {"tahun_pembuatan", "Tahun Pembuatan"},
       {"isi_silinder", "Isi Silinder"}},
      {{"warna", "Warna"},
       {"no_rangka", "Nomor Rangka/NIK/VIN"},
       {"no_mesin", "Nomor Mesin"},
       {"bahan_bakar", "Bahan Bakar"},
       {"jumlah_sumbu", "Jumlah Sumbu"},
       {"jumlah_roda", "Jumlah Roda"}}};
  for (int c = 0; c < 2; ++c) {
    int y = 290;
    for (const auto& [field, text] : columns[c]) {
      p.AddLabel(field, text, c == 0 ? 155 : 945, y, missing);
      auto it = extra_pitch.find(field);
      y += 86 + (it == extra_pitch.end() ? 0 : it->second);
    }
  }
  return p;
}

TEST(StackedLinesTest, WrappedLinesPrintedCloseAreTwoLinesWithAllTheirGlyphs) {
  // The two lines of a wrapped type printed with almost no gap: joining the
  // glyphs' dots along their height joins "X" to the "M" under it, and the
  // lines to one band; the crop of the first line lost its "X" and the second
  // line was not read at all.
  // (Values a little taller than the labels' text height, as on tune pages.)
  Page p = IkPage({{"tipe", 30}});
  const int y = p.row["tipe"];
  Print(&p.gray, "XENIA 1.3 R", 460, y, 1.1);
  Print(&p.gray, "M/T", 460, y + 29, 1.1);
  auto regions = p.Regions();
  ASSERT_EQ(regions.at("tipe").candidates.size(), 1u);
  const auto& lines = regions.at("tipe").candidates[0];
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_LE(lines[0].x, TextBox("XENIA 1.3 R", 460, y, 1.1).x);
  EXPECT_LT(lines[0].y + lines[0].height / 2, lines[1].y + lines[1].height / 2 - 0.7 * kH);
  EXPECT_GE(lines[1].br().y, y + 29);
}

TEST(StackedLinesTest, GlyphsCutByTheRegionsEdgeDoNotSetTheTypicalHeight) {
  // A type printed high over two lines ("C 200" / "AVANTGARDE"), a mark
  // between its first glyphs that joining along their height made one
  // component of "C" and "A"; under it, the next row's glyph tops that the
  // region's bottom edge cuts short. Taken as glyphs, those short tops made
  // the typical height the text height, the pair too tall to split and too
  // tall for a glyph, and both lines lost their first letters.
  cv::Mat gray(260, 700, CV_8U, cv::Scalar(245));
  const int y1 = 80, y2 = 121;  // baselines: glyphs 31 px high, 10 px apart
  Print(&gray, "C 200", 100, y1, 1.4, 3);
  Print(&gray, "AVANTGARDE", 100, y2, 1.4, 3);
  gray(cv::Rect(112, y1 + 3, 5, 4)).setTo(40);  // the mark between "C" and "A"
  Print(&gray, "I I I I I I I I I I I I I I I I I I I I", 100, 200, 1.4, 3);
  const int bottom = 200 - 31 + 13;  // the next row's tops, 13 px of them
  auto lines = FindInkLines(gray, cv::Rect(60, 30, 620, bottom - 30), kH, false);
  std::vector<InkLine> value;
  for (const InkLine& l : lines) {
    if (l.box.height >= 20) value.push_back(l);
  }
  ASSERT_EQ(value.size(), 2u);
  EXPECT_LE(value[0].box.x, TextBox("C 200", 100, y1, 1.4, 3).x + 2);
  EXPECT_LE(value[1].box.x, TextBox("AVANTGARDE", 100, y2, 1.4, 3).x + 2);
}

TEST(WrappedTypeTest, SecondLineUnderTheValueOfAFirstLineThatTookInAMarkBeforeIt) {
  // The type's first line took in a mark between the label and the colon
  // (the label's last letter that Tesseract's box left out, a stroke of the
  // background): it started 11 capitals left of the value, and the wrapped
  // line under the value ("CVT" under "MOBILIO 1.5 E") was not taken for
  // the type's, as not starting where the first line did.
  Page p = IkPage({{"tipe", 30}});
  const int y = p.row["tipe"];
  Print(&p.gray, "e", p.label["tipe"].br().x + 35, y);
  cv::putText(p.gray, ":", cv::Point(420, y), cv::FONT_HERSHEY_TRIPLEX, 0.8, cv::Scalar(30), 2,
              cv::LINE_AA);
  Print(&p.gray, "MOBILIO 1.5 E", 460, y);
  Print(&p.gray, "CVT", 460, y + 36);
  auto regions = p.Regions();
  ASSERT_EQ(regions.at("tipe").candidates.size(), 1u);
  const auto& lines = regions.at("tipe").candidates[0];
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_GE(lines[1].br().y, y + 36);
}

TEST(StackedLinesTest, TallGlyphsOfOneLineAreNotSplit) {
  // One line of tall capitals (twice the text height) stays one line.
  cv::Mat gray(160, 700, CV_8U, cv::Scalar(245));
  Print(&gray, "BENGKULU SELATAN", 20, 110, 1.9, 4);
  const cv::Rect truth = TextBox("BENGKULU SELATAN", 20, 110, 1.9, 4);
  auto lines = FindInkLines(gray, cv::Rect(0, 20, 700, 130), kH, false);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_LE(lines[0].box.y, truth.y + 3);
  EXPECT_GE(lines[0].box.br().y, truth.br().y - 3);
}

TEST(MissedLabelTest, OwnerLabelAfterTheAddressIsPlacedFromTheLabelsBelow) {
  // The ID label missed after a three-line address: put one pitch under the
  // address's label, it sat on the address's second line (which it read as
  // the ID, and the address lost its last lines). The label below says where.
  Page p = IpPage(3, {"no_id"});
  Print(&p.gray, "RONI SAPUTRA", 600, p.row["nama_pemilik"]);
  Print(&p.gray, "SWASTA", 600, p.row["pekerjaan"]);
  const int y = p.row["alamat"];
  Print(&p.gray, "KP. GULAK RT 010 RW 010 DS.", 600, y);
  Print(&p.gray, "MINGGEN", 600, y + 59);
  Print(&p.gray, "KEC. TAGIME KAB. TOLIKARA", 600, y + 118);
  Print(&p.gray, "3272030511861915", 600, p.row["no_id"]);
  Print(&p.gray, "BENGKULU SELATAN", 600, p.row["lokasi_dikeluarkan"]);
  Print(&p.gray, "28 - 11 - 2017", 600, p.row["tanggal_dikeluarkan"]);
  auto regions = p.Regions();
  ASSERT_EQ(regions.at("alamat").candidates.size(), 1u);
  EXPECT_EQ(regions.at("alamat").candidates[0].size(), 3u);
  ASSERT_EQ(regions.count("no_id"), 1u);
  ASSERT_EQ(regions.at("no_id").candidates.size(), 1u);
  const cv::Rect id = Union(regions.at("no_id").candidates[0]);
  EXPECT_LT(std::abs(id.y + id.height / 2 - (p.row["no_id"] - 9)), kH / 2);
}

TEST(MissedLabelTest, IkLabelBoxEndingALetterShortIsLeftOutOfTheValue) {
  // Tesseract's box of "Nomor Mesin" ends before its "n": the value's crop
  // started with that letter and the colon, read as a leading "M".
  Page p = IkPage();
  for (LabelMatch& m : p.labels) {
    if (m.field == "no_mesin") m.box.width -= 20;
  }
  const int y = p.row["no_mesin"];
  cv::putText(p.gray, ":", cv::Point(1200, y), cv::FONT_HERSHEY_DUPLEX, 0.8, cv::Scalar(30), 2,
              cv::LINE_AA);
  Print(&p.gray, "LF163G318290", 1225, y);
  auto regions = p.Regions();
  ASSERT_EQ(regions.at("no_mesin").candidates.size(), 1u);
  const cv::Rect r = Union(regions.at("no_mesin").candidates[0]);
  EXPECT_GT(r.x, p.label["no_mesin"].br().x);
  EXPECT_GE(r.br().x, TextBox("LF163G318290", 1225, y).br().x);
}

TEST(RuleRemovalTest, IkValueWhoseBarsLineUpKeepsItsLastLetters) {
  // A value whose letters' bars line up at two heights and almost touch
  // ("BARANG" after "MB"; here stems 17 px apart with two bars each, 5 px
  // between letters): erasing long thin runs took the bars for leaders, the
  // letters fell apart into pieces too small for glyphs, and the crop ended
  // inside the value. (Text height 19: the pieces stay apart when joined.)
  Page p = IkPage();
  const int y = p.row["jenis"];
  Print(&p.gray, "MWM", 440, y);
  const int top = y - 22, x0 = 540;
  for (int k = 0; k < 6; ++k) {
    const int x = x0 + k * 25;
    p.gray(cv::Rect(x, top, 3, 22)).setTo(40);
    p.gray(cv::Rect(x + 17, top, 3, 22)).setTo(40);
    p.gray(cv::Rect(x, top + 7, 20, 4)).setTo(40);
    p.gray(cv::Rect(x, top + 14, 20, 4)).setTo(40);
  }
  const int value_end = x0 + 5 * 25 + 20;
  auto regions = p.Regions(19);
  ASSERT_EQ(regions.at("jenis").candidates.size(), 1u);
  const cv::Rect r = Union(regions.at("jenis").candidates[0]);
  EXPECT_LE(r.x, 440);
  EXPECT_GE(r.br().x, value_end);
}

// An owner page's values, the name and place of issue given, with leader dots
// under each row; `faint` glyphs printed light (a photocopy's uneven toner).
void PrintFaint(cv::Mat* page, const std::string& text, int x, int y) {
  cv::putText(*page, text, cv::Point(x, y), cv::FONT_HERSHEY_SIMPLEX, 0.85, cv::Scalar(175), 2,
              cv::LINE_AA);
}

void Leaders(cv::Mat* page, int x0, int x1, int y) {
  for (int x = x0; x < x1; x += 9) (*page)(cv::Rect(x, y + 4, 3, 3)).setTo(40);
}

TEST(FaintGlyphsTest, FaintLettersAtEitherEndOfAValueAreInItsCrop) {
  // "H. EKO" whose "KO" the toner printed light, "KEPULAUAN ARU" whose "KE"
  // too: the region's ink level left them out of the line, and the crops
  // read "H. EK" and "PULAUAN ARU".
  Page p = IpPage(1);
  for (const auto& [field, y] : p.row) Leaders(&p.gray, 560, 1300, y);
  const int name = p.row["nama_pemilik"], place = p.row["lokasi_dikeluarkan"];
  Print(&p.gray, "H. E", 600, name);
  const int faint_x = TextBox("H. E", 600, name).br().x + 2;
  PrintFaint(&p.gray, "KO", faint_x, name);
  PrintFaint(&p.gray, "KE", 600, place);
  const int dark_x = TextBox("KE", 600, place).br().x + 2;
  Print(&p.gray, "PULAUAN ARU", dark_x, place);
  Print(&p.gray, "SWASTA", 600, p.row["pekerjaan"]);
  Print(&p.gray, "3272030511861915", 600, p.row["no_id"]);
  auto regions = p.Regions();
  ASSERT_EQ(regions.at("nama_pemilik").candidates.size(), 1u);
  const cv::Rect n = Union(regions.at("nama_pemilik").candidates[0]);
  EXPECT_GE(n.br().x, TextBox("KO", faint_x, name).br().x);
  ASSERT_EQ(regions.at("lokasi_dikeluarkan").candidates.size(), 1u);
  const cv::Rect l = Union(regions.at("lokasi_dikeluarkan").candidates[0]);
  EXPECT_LE(l.x, 600);
  // (Not over the label's colon.)
  EXPECT_GT(l.x, 550);
}

TEST(RuleRemovalTest, AddressWordWhoseBarsLineUpIsInTheCrop) {
  // A validation photocopy's address (data/address_bars_line_up.png, rows of
  // the rectified page, labels where Tesseract found them): its last line
  // starts with "NEGERI", whose italic E, G, E and R have bars that line up.
  // Erasing long thin runs took the word apart, and the line found without
  // removal, a little taller than a capital and a third for the leader dots
  // under it, gave back only a glyph's worth: the line read "BESAR KAB. WAY
  // KANAN" and was dropped as starting too far right.
  const cv::Mat gray =
      cv::imread(std::string(BPKB_DEFAULT_ROOT) + "/tests/bpkb/data/address_bars_line_up.png",
                 cv::IMREAD_GRAYSCALE);
  ASSERT_FALSE(gray.empty());
  std::vector<LabelMatch> labels;
  for (const auto& [field, box] :
       std::vector<std::pair<std::string, cv::Rect>>{{"pekerjaan", {67, 15, 136, 31}},
                                                     {"alamat", {66, 91, 101, 24}},
                                                     {"no_id", {66, 282, 349, 41}}}) {
    labels.push_back(testing::Label(field, box));
    labels.back().kind = PageKind::kIp;
  }
  auto regions = FindValueRegions(gray, labels, PageKind::kIp, 29);
  ASSERT_EQ(regions.at("alamat").candidates.size(), 1u);
  const auto& lines = regions.at("alamat").candidates[0];
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_LE(lines[2].x, lines[0].x + 15);
}

TEST(ColonTest, ColonBeforeTheValueIsLeftOut) {
  // The label's colon, its dots joined (a short narrow mark whose top is well
  // under the capitals'), a gap before the value: the line starts at the value.
  cv::Mat gray(120, 700, CV_8U, cv::Scalar(245));
  const int base = 80;
  gray(cv::Rect(100, base - 13, 5, 13)).setTo(40);
  Print(&gray, "SUMENEP", 118, base);
  const cv::Rect value = TextBox("SUMENEP", 118, base);
  auto lines = FindInkLines(gray, cv::Rect(80, 20, 600, 90), kH);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_GE(lines[0].box.x, value.x - 2);
}

TEST(ColonTest, FirstStrokeOfADotMatrixGlyphIsNotTakenForTheColon) {
  // A dot-matrix S whose upper left stroke came apart from the rest of the
  // glyph: as short and narrow as a colon, but level with the capitals' tops
  // and right against the rest of its glyph. Stripped as a colon, "SIGRA"
  // was read "IGRA".
  cv::Mat gray(120, 700, CV_8U, cv::Scalar(245));
  const int base = 80;
  const cv::Rect value = TextBox("IGRA", 130, base);
  // (The stroke 13 px high, the rest of the S from 1 px right of it.)
  gray(cv::Rect(110, value.y, 4, 13)).setTo(40);
  gray(cv::Rect(115, value.y, 11, 4)).setTo(40);
  gray(cv::Rect(115, value.y + 9, 11, 4)).setTo(40);
  gray(cv::Rect(122, value.y + 9, 4, value.height - 9)).setTo(40);
  gray(cv::Rect(115, value.br().y - 4, 11, 4)).setTo(40);
  Print(&gray, "IGRA", 134, base);
  auto lines = FindInkLines(gray, cv::Rect(80, 20, 600, 90), kH);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_LE(lines[0].box.x, 111);
}

}  // namespace
}  // namespace bpkb::layout
