// Value regions on pixels drawn at test time, for the cases that cost most
// fields on tune photocopies and photos: a wrapped value whose two lines are
// printed so close that their glyphs join, an owner label Tesseract missed
// whose text is longer than its neighbour's, a label after a multi-line
// address, a label box that took in marks under it, and an IK label found in
// the other column. Labels are given as Tesseract would find them; the
// pixels are real.
#include <gtest/gtest.h>

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

  std::map<std::string, ValueRegion> Regions() const {
    return FindValueRegions(gray, labels, kind, kH);
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

TEST(MissedLabelTest, OwnerLabelLongerThanItsNeighbourEndsAtItsOwnInk) {
  // "Dikeluarkan di" missed by Tesseract and put where "No. KTP" is, one pitch
  // down, with No. KTP's width: the region started inside its "di", and the
  // read value was that "di".
  Page p = IpPage(2, {"lokasi_dikeluarkan"});
  Print(&p.gray, "RONI SAPUTRA", 600, p.row["nama_pemilik"]);
  Print(&p.gray, "SWASTA", 600, p.row["pekerjaan"]);
  Print(&p.gray, "JL. MAWAR NO. 4", 600, p.row["alamat"]);
  Print(&p.gray, "KEL. SUKAJADI", 600, p.row["alamat"] + 59);
  Print(&p.gray, "3529034506030063", 600, p.row["no_id"]);
  Print(&p.gray, "SUMENEP", 600, p.row["lokasi_dikeluarkan"], 0.7, 1);
  Print(&p.gray, "28 - 11 - 2017", 600, p.row["tanggal_dikeluarkan"]);
  auto regions = p.Regions();
  ASSERT_EQ(regions.count("lokasi_dikeluarkan"), 1u);
  ASSERT_EQ(regions.at("lokasi_dikeluarkan").candidates.size(), 1u);
  const cv::Rect r = Union(regions.at("lokasi_dikeluarkan").candidates[0]);
  const cv::Rect value = TextBox("SUMENEP", 600, p.row["lokasi_dikeluarkan"], 0.7, 1);
  EXPECT_GT(r.x, p.label["lokasi_dikeluarkan"].br().x);
  EXPECT_LE(r.x, value.x);
  EXPECT_GE(r.br().x, value.br().x);
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

TEST(MissedLabelTest, LabelBoxTakingInMarksBelowItDoesNotHideAMissedLabel) {
  // Tesseract's box of "Pekerjaan" took in specks under it (two lines high):
  // its centre, a line low, made the labels' pitch too long, and the missed
  // "Dikeluarkan di" looked taken by its neighbours from either side.
  Page p = IpPage(1, {"lokasi_dikeluarkan"});
  for (LabelMatch& m : p.labels) {
    if (m.field == "pekerjaan") m.box.height += 40;
  }
  cv::circle(p.gray, cv::Point(200, p.row["pekerjaan"] + 36), 2, cv::Scalar(60), -1);
  Print(&p.gray, "RONI SAPUTRA", 600, p.row["nama_pemilik"]);
  Print(&p.gray, "SWASTA", 600, p.row["pekerjaan"]);
  Print(&p.gray, "JL. MAWAR NO. 4", 600, p.row["alamat"]);
  Print(&p.gray, "3529034506030063", 600, p.row["no_id"]);
  Print(&p.gray, "NIAS SELATAN", 600, p.row["lokasi_dikeluarkan"]);
  Print(&p.gray, "16 - 3 - 2013", 600, p.row["tanggal_dikeluarkan"]);
  auto regions = p.Regions();
  ASSERT_EQ(regions.count("lokasi_dikeluarkan"), 1u);
  ASSERT_EQ(regions.at("lokasi_dikeluarkan").candidates.size(), 1u);
  const cv::Rect r = Union(regions.at("lokasi_dikeluarkan").candidates[0]);
  const cv::Rect value = TextBox("NIAS SELATAN", 600, p.row["lokasi_dikeluarkan"]);
  EXPECT_LE(r.x, value.x);
  EXPECT_GE(r.br().x, value.br().x);
  EXPECT_LT(std::abs(r.y + r.height / 2 - (value.y + value.height / 2)), kH / 2);
}

TEST(MissedLabelTest, IkLabelFoundInTheOtherColumnIsPutByTheOrder) {
  // "Type" read in the right column at the fuel's row (its subtitle), while
  // the real type label and the fuel label were missed: the type's value was
  // the fuel's, and the fuel had none.
  Page p = IkPage({}, {"tipe", "bahan_bakar"});
  const int fuel = p.row["bahan_bakar"];
  p.labels.push_back(testing::Label("tipe", cv::Rect(946, fuel - 16, 37, 15)));
  Print(&p.gray, "AYLA 1.0 D M/T", 460, p.row["tipe"]);
  Print(&p.gray, "MB PENUMPANG", 460, p.row["jenis"]);
  Print(&p.gray, "BENSIN", 1225, fuel);
  Print(&p.gray, "2 (DUA)", 1225, p.row["jumlah_sumbu"]);
  auto regions = p.Regions();
  ASSERT_EQ(regions.at("tipe").candidates.size(), 1u);
  const cv::Rect type = Union(regions.at("tipe").candidates[0]);
  EXPECT_LT(type.br().x, 900);
  EXPECT_LT(std::abs(type.y + type.height / 2 - (p.row["tipe"] - 9)), kH / 2);
  ASSERT_EQ(regions.count("bahan_bakar"), 1u);
  ASSERT_EQ(regions.at("bahan_bakar").candidates.size(), 1u);
  const cv::Rect fuel_box = Union(regions.at("bahan_bakar").candidates[0]);
  EXPECT_GT(fuel_box.x, 1100);
  EXPECT_LT(std::abs(fuel_box.y + fuel_box.height / 2 - (fuel - 9)), kH / 2);
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

}  // namespace
}  // namespace bpkb::layout
