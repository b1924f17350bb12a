// Value regions of the owner (IP) page on pixels drawn at test time: the cases
// that cost most IP fields on the synthetic corpus (an address wrapped to many
// lines with a short one among them, values printed half a line above their
// labels, the vertical serial beside a QR code and the leaders' ends, the
// officer's title printed on the date's row, a dot-matrix value lost with the
// leaders or partly lost before a word kept, labels missed around the
// address). Labels are given as Tesseract would find them; the pixels are real.
#include <cmath>

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "bpkb/layout/ink_lines.h"
#include "bpkb/layout/value_regions.h"

namespace bpkb::layout {
namespace {

constexpr double kH = 24;  // text height handed to the regions (pixels)

void Print(cv::Mat* page, const std::string& text, int x, int y, double scale = 0.9) {
  cv::putText(*page, text, cv::Point(x, y), cv::FONT_HERSHEY_SIMPLEX, scale, cv::Scalar(30), 2,
              cv::LINE_AA);
}

cv::Rect Union(const std::vector<cv::Rect>& boxes) {
  cv::Rect u = boxes.at(0);
  for (const cv::Rect& b : boxes) u |= b;
  return u;
}

// An IP page: bold labels down the left with dotted leaders to the right; the
// alamat row takes `address_slots` leader lines (59 px apart, as printed).
struct IpPage {
  cv::Mat gray = cv::Mat(1200, 1700, CV_8U, cv::Scalar(245));
  std::vector<LabelMatch> labels;
  std::map<std::string, int> row;  // label baseline per field

  explicit IpPage(int address_slots) {
    const std::vector<std::pair<std::string, std::string>> rows = {
        {"nama_pemilik", "Nama Pemilik"},
        {"pekerjaan", "Pekerjaan"},
        {"alamat", "Alamat"},
        {"no_id", "No. KTP"},
        {"lokasi_dikeluarkan", "Dikeluarkan di"},
        {"tanggal_dikeluarkan", "Pada Tanggal"}};
    int y = 300;
    for (const auto& [field, text] : rows) {
      cv::putText(gray, text, cv::Point(175, y), cv::FONT_HERSHEY_TRIPLEX, 0.8, cv::Scalar(40), 2,
                  cv::LINE_AA);
      int base = 0;
      cv::Size s = cv::getTextSize(text, cv::FONT_HERSHEY_TRIPLEX, 0.8, 2, &base);
      LabelMatch m;
      m.field = field;
      m.kind = PageKind::kIp;
      m.box = cv::Rect(175, y - s.height, s.width, s.height);
      m.score = 1;
      labels.push_back(m);
      row[field] = y;
      const int slots = field == "alamat" ? address_slots : 1;
      for (int k = 0; k < slots; ++k) {
        for (int x = 582; x < 1510; x += 9) {
          cv::circle(gray, cv::Point(x, y + k * 59 + 4), 1, cv::Scalar(90), -1);
        }
      }
      y += 74 + (slots - 1) * 59;
    }
  }

  std::map<std::string, ValueRegion> Regions(double h = kH) const {
    return FindValueRegions(gray, labels, PageKind::kIp, h);
  }
};

// The address's one candidate holds `lines` lines, and ends above the NIK's
// value (the next field's value is no continuation).
void ExpectAddressOf(const IpPage& p, size_t lines) {
  auto regions = p.Regions();
  const ValueRegion& r = regions.at("alamat");
  ASSERT_EQ(r.candidates.size(), 1u);
  EXPECT_EQ(r.candidates[0].size(), lines);
  EXPECT_LT(Union(r.candidates[0]).br().y, p.row.at("no_id") - kH);
}

TEST(IpValueRegionsTest, WrappedAddressIsReadToItsLastLine) {
  // Six printed lines, the second a lone house number (faint next to full lines).
  IpPage p(6);
  const int y = p.row["alamat"];
  const std::vector<std::string> lines = {"JL. PAHLAWAN GG. AHMAD YANI NO.",
                                          "49",
                                          "RT. 015 RW. 007 KEL.",
                                          "MARGASARI",
                                          "KEC. LABUHAN MARINGGAI",
                                          "KAB. LAMPUNG TIMUR"};
  for (size_t i = 0; i < lines.size(); ++i) Print(&p.gray, lines[i], 600, y + 59 * i);
  Print(&p.gray, "3201010101010001", 600, p.row["no_id"]);
  ExpectAddressOf(p, 6);
}

// The owner values of an IP page printed `up` px above their labels' lines
// (the printer's offset), the address on three lines 59 px apart.
struct ValuesHigh {
  std::string name, job;
  std::vector<std::string> address;
  std::string id, place, date;
};

void PrintHigh(IpPage* p, int up, const ValuesHigh& v) {
  Print(&p->gray, v.name, 600, p->row["nama_pemilik"] - up);
  Print(&p->gray, v.job, 600, p->row["pekerjaan"] - up);
  for (size_t i = 0; i < v.address.size(); ++i) {
    Print(&p->gray, v.address[i], 600, p->row["alamat"] - up + 59 * static_cast<int>(i));
  }
  Print(&p->gray, v.id, 600, p->row["no_id"] - up);
  Print(&p->gray, v.place, 600, p->row["lokasi_dikeluarkan"] - up);
  Print(&p->gray, v.date, 600, p->row["tanggal_dikeluarkan"] - up);
}

TEST(IpValueRegionsTest, ValuesPrintedAboveTheirLabelsKeepTheirLines) {
  // The printer put every value half a line high: the address's first line sits
  // above its label, its third line level with the next label's value would be.
  IpPage p(3);
  const int up = 26;
  PrintHigh(&p, up,
            {"WIDODO",
             "WARTAWAN",
             {"JL. PAHLAWAN NO.17", "RT 007 RW 013 DS. PAKAN SINAYAN", "KEC. BANUHAMPU AGAM"},
             "1306062604811285",
             "BIAK NUMFOR",
             "25 - 6 - 2020"});
  const int y = p.row["alamat"] - up;
  auto regions = p.Regions();
  const ValueRegion& r = regions.at("alamat");
  ASSERT_EQ(r.candidates.size(), 1u);
  ASSERT_EQ(r.candidates[0].size(), 3u);
  EXPECT_LT(r.candidates[0][0].y, y - 10);  // the first line, not the second
  EXPECT_LT(Union(r.candidates[0]).br().y, p.row["no_id"] - up - kH / 2);
}

TEST(IpValueRegionsTest, ValuesPrintedMostOfALineHighAreFound) {
  // A rotated validation page: every value printed 40 px (1.7 capitals) above
  // its label's line, nearer the leader above than its own; the occupation
  // was lost and the address began on its second line.
  IpPage p(3);
  const int up = 40;
  PrintHigh(&p, up,
            {"NANANG YANTI NASUTION",
             "SWASTA",
             {"JL. RAYA SERANG NO.81 RT 013 RW", "010", "DS. MARASIPNO KEC. MABA TENGAH"},
             "8206084509570092",
             "HALMAHERA TIMUR",
             "8 - 10 - 2020"});
  const int y = p.row["alamat"] - up;
  auto regions = p.Regions();
  const ValueRegion& job = regions.at("pekerjaan");
  ASSERT_FALSE(job.candidates.empty());
  const cv::Rect j = Union(job.candidates[0]);
  EXPECT_LT(j.y, p.row["pekerjaan"] - up - kH / 2);
  EXPECT_GT(j.br().y, p.row["pekerjaan"] - up);
  const ValueRegion& r = regions.at("alamat");
  ASSERT_EQ(r.candidates.size(), 1u);
  ASSERT_EQ(r.candidates[0].size(), 3u);
  EXPECT_LT(r.candidates[0][0].y, y - kH / 2);  // the first line, not the second
}

TEST(IpValueRegionsTest, LongNameWrapsToASecondLine) {
  IpPage p(3);
  // The name row is one slot: a wrapped name pushes the page down in print,
  // here the next label is simply further away.
  for (LabelMatch& m : p.labels) {
    if (m.field != "nama_pemilik") m.box.y += 59;
  }
  cv::Mat shifted = p.gray.clone();
  shifted.setTo(245);
  p.gray(cv::Rect(0, 260, 1700, 880)).copyTo(shifted(cv::Rect(0, 319, 1700, 880)));
  p.gray = shifted;
  Print(&p.gray, "PURNOMO SAPUTRA IRFAN", 600, p.row["nama_pemilik"]);
  Print(&p.gray, "PATTIASINA", 600, p.row["nama_pemilik"] + 59);
  Print(&p.gray, "WIRASWASTA", 600, p.row["pekerjaan"] + 59);
  auto regions = p.Regions();
  ASSERT_EQ(regions.at("nama_pemilik").candidates.size(), 1u);
  EXPECT_EQ(regions.at("nama_pemilik").candidates[0].size(), 2u);
  ASSERT_EQ(regions.at("pekerjaan").candidates.size(), 1u);
  EXPECT_EQ(regions.at("pekerjaan").candidates[0].size(), 1u);
}

TEST(IpValueRegionsTest, DateRowStopsBeforeTheOfficersTitle) {
  // Far off (its own line) and nearer (one line with the date, the dotted
  // leader running through the gap between them).
  for (int title_x : {1100, 1000}) {
    IpPage q(3);
    Print(&q.gray, "14-01-2025", 600, q.row["tanggal_dikeluarkan"]);
    Print(&q.gray, "KEPALA KEPOLISIAN DAERAH", title_x, q.row["tanggal_dikeluarkan"], 0.6);
    auto regions = q.Regions();
    const ValueRegion& r = regions.at("tanggal_dikeluarkan");
    ASSERT_GE(r.candidates.size(), 1u);
    EXPECT_LT(Union(r.candidates[0]).br().x, 900) << title_x;
  }
}

TEST(IpValueRegionsTest, DateCutBeforeASignatureOnItsRow) {
  // The officer's signature starts two capitals after the date, on its row
  // and reaching a line above and below it: the line takes it in, two lines
  // high. A crop of the date alone, its own glyphs' height, is read too.
  IpPage q(3);
  const int y = q.row["tanggal_dikeluarkan"];
  Print(&q.gray, "14-01-2025", 600, y);
  std::vector<cv::Point> scribble;
  for (int x = 830; x <= 1060; x += 4) {
    scribble.push_back(cv::Point(x, y - 12 + static_cast<int>(30 * std::sin(x / 17.0))));
  }
  cv::polylines(q.gray, scribble, false, cv::Scalar(40), 2, cv::LINE_AA);
  auto regions = q.Regions();
  const ValueRegion& r = regions.at("tanggal_dikeluarkan");
  ASSERT_GE(r.candidates.size(), 1u);
  ASSERT_GT(Union(r.candidates[0]).br().x, 1000);  // (the line as found: with the signature)
  bool date_alone = false;
  for (size_t i = 1; i < r.candidates.size(); ++i) {
    const cv::Rect b = Union(r.candidates[i]);
    const bool checked = i < r.only_if_valid.size() && r.only_if_valid[i];
    date_alone = date_alone ||
                 (checked && b.x < 600 && b.br().x > 770 && b.br().x < 830 && b.height < 2.2 * kH);
  }
  EXPECT_TRUE(date_alone);
}

// Prints `text` as a dense dot-matrix printer does, from 5x7 grids of touching
// square dots (`pitch` pixels) with its baseline at `y`; only the letters used here.
void PrintDots(cv::Mat* page, const std::string& text, int x, int y, int pitch = 3) {
  static const std::map<char, std::vector<std::string>> kGlyphs = {
      {'E', {"11111", "10000", "10000", "11110", "10000", "10000", "11111"}},
      {'T', {"11111", "00100", "00100", "00100", "00100", "00100", "00100"}},
      {'Z', {"11111", "00001", "00010", "00100", "01000", "10000", "11111"}}};
  for (char c : text) {
    const auto& rows = kGlyphs.at(c);
    for (int r = 0; r < 7; ++r) {
      for (int k = 0; k < 5; ++k) {
        if (rows[r][k] != '1') continue;
        const cv::Point p(x + k * pitch, y - (7 - r) * pitch);
        cv::rectangle(*page, p, p + cv::Point(pitch - 1, pitch - 1), cv::Scalar(30), cv::FILLED);
      }
    }
    x += 6 * pitch;
  }
}

TEST(IpValueRegionsTest, DotMatrixValueWhoseBarsLineUpIsFound) {
  // The top and bottom bars of dot-matrix capitals, joined across the letters,
  // look like printed rules: rule removal takes the short value away whole.
  IpPage p(3);
  const int y = p.row["pekerjaan"] - 6;
  PrintDots(&p.gray, "ZEZEZE", 600, y);
  const cv::Rect value(600, y - 21, 6 * 18 - 3, 21);
  bool with_removal = false;
  for (const InkLine& il : FindInkLines(p.gray, cv::Rect(560, y - 60, 900, 90), kH, true)) {
    with_removal = with_removal || (il.box.width >= 2 * kH && il.box.height >= 0.75 * kH);
  }
  ASSERT_FALSE(with_removal) << "the drawn value no longer shows the case";
  auto regions = p.Regions();
  ASSERT_EQ(regions.at("pekerjaan").candidates.size(), 1u);
  const cv::Rect u = Union(regions.at("pekerjaan").candidates[0]);
  EXPECT_LE(u.x, value.x);
  EXPECT_GE(u.br().x, value.br().x - 8);
  EXPECT_LE(u.y, value.y);
  EXPECT_GE(u.br().y, value.br().y);
}

TEST(IpValueRegionsTest, WordsErasedWithTheRulesBeforeAKeptWordAreRead) {
  // Letters whose bars line up and almost touch (erased with the leaders)
  // before a word that rule removal kept, its glyphs shorter than theirs: the
  // line found without removal is no taller than a capital and a third (no
  // signature in it), so all of it is the value's. Only a glyph's worth was
  // taken, and the crop started inside the value ("A MOTOR" for "SEPEDA
  // MOTOR"). (Text height 19: the letters' pieces stay apart when joined.)
  IpPage p(3);
  const int y = p.row["pekerjaan"] - 6, top = y - 22;
  for (int k = 0; k < 6; ++k) {
    const int x = 600 + k * 25;
    p.gray(cv::Rect(x, top, 3, 22)).setTo(30);
    p.gray(cv::Rect(x + 17, top, 3, 22)).setTo(30);
    p.gray(cv::Rect(x, top + 7, 20, 4)).setTo(30);
    p.gray(cv::Rect(x, top + 14, 20, 4)).setTo(30);
  }
  Print(&p.gray, "MOTOR", 600 + 6 * 25 + 30, y, 0.68);  // (a word space after it)
  bool with_removal = false;
  for (const InkLine& il : FindInkLines(p.gray, cv::Rect(560, y - 60, 190, 90), 19, true)) {
    with_removal = with_removal || (il.box.width >= 2 * 19 && il.box.height >= 0.75 * 19);
  }
  ASSERT_FALSE(with_removal) << "the drawn value no longer shows the case";
  auto regions = p.Regions(19);
  ASSERT_EQ(regions.at("pekerjaan").candidates.size(), 1u);
  const cv::Rect u = Union(regions.at("pekerjaan").candidates[0]);
  EXPECT_LE(u.x, 600);
}

TEST(IpValueRegionsTest, ShortAddressLineOverAFullOneCloseUnderIt) {
  // Lines printed closer than the leaders (under two capitals apart): the band
  // under the first line also holds the top of the third, a full line, next
  // to which the second, a lone word, is too faint in the band's profile.
  IpPage p(4);
  const int y = p.row["alamat"];
  Print(&p.gray, "KP. ARONGAN RT.011/RW.015 KEL. GUNONG", 600, y);
  Print(&p.gray, "CUT", 600, y + 43);
  Print(&p.gray, "KEC. DARUL HIKMAH KAB. ACEH JAYA BARAT", 600, y + 86);
  Print(&p.gray, "1116045503621418", 600, p.row["no_id"]);
  ExpectAddressOf(p, 3);
}

TEST(IpValueRegionsTest, MissedLabelTakesItsOwnWidthNotItsNeighbours) {
  // Tesseract missed "Dikeluarkan di": placed from "No. KTP" above it, its box
  // was that label's width, and its last word, inside the value's region,
  // was read as the value.
  IpPage p(3);
  Print(&p.gray, "1116045503621418", 600, p.row["no_id"]);
  Print(&p.gray, "SERDANG BEDAGAI", 600, p.row["lokasi_dikeluarkan"]);
  Print(&p.gray, "25 - 6 - 2020", 600, p.row["tanggal_dikeluarkan"]);
  std::erase_if(p.labels, [](const LabelMatch& m) { return m.field == "lokasi_dikeluarkan"; });
  auto regions = p.Regions();
  ASSERT_EQ(regions.count("lokasi_dikeluarkan"), 1u);
  const ValueRegion& r = regions.at("lokasi_dikeluarkan");
  ASSERT_GE(r.candidates.size(), 1u);
  const cv::Rect u = Union(r.candidates[0]);
  EXPECT_GT(u.x, 520);
  EXPECT_GT(u.br().x, 800);
}

TEST(IpValueRegionsTest, DatePrintedALineHighIsNotTheStampLevelWithItsLabel) {
  // The printer put every value a capital high; the stamp's ring, its ticks
  // level with the date's label, was nearer that label than the date was.
  IpPage p(3);
  const int up = 26;
  PrintHigh(&p, up,
            {"WIDODO",
             "WARTAWAN",
             {"JL. PAHLAWAN NO.17 RT 007 RW 013"},
             "1306062604811285",
             "BIAK NUMFOR",
             "25 - 6 - 2020"});
  const cv::Point centre(1000, p.row["tanggal_dikeluarkan"] + 80);
  cv::circle(p.gray, centre, 95, cv::Scalar(60), 3, cv::LINE_AA);
  for (int a = 0; a < 360; a += 10) {
    const double r = a * CV_PI / 180;
    const cv::Point2d d(std::cos(r), std::sin(r));
    cv::line(p.gray, centre + cv::Point(static_cast<int>(72 * d.x), static_cast<int>(72 * d.y)),
             centre + cv::Point(static_cast<int>(88 * d.x), static_cast<int>(88 * d.y)),
             cv::Scalar(60), 3, cv::LINE_AA);
  }
  auto regions = p.Regions();
  const ValueRegion& r = regions.at("tanggal_dikeluarkan");
  ASSERT_GE(r.candidates.size(), 1u);
  const cv::Rect u = Union(r.candidates[0]);
  EXPECT_LT(u.x, 620);
  EXPECT_LT(u.y + u.height / 2, p.row["tanggal_dikeluarkan"] - up);
}

TEST(IpValueRegionsTest, LabelsAfterTheAddressDoNotPlaceThoseAboveIt) {
  // Tesseract missed pekerjaan and alamat: the labels after a four-line address
  // are four lines further down, so neither is placed from them, nor is the
  // step over the address taken for the labels' pitch.
  IpPage p(4);
  Print(&p.gray, "WIDODO", 600, p.row["nama_pemilik"]);
  Print(&p.gray, "WARTAWAN", 600, p.row["pekerjaan"]);
  const int y = p.row["alamat"];
  Print(&p.gray, "JL. PAHLAWAN NO.17", 600, y);
  Print(&p.gray, "RT 007 RW 013", 600, y + 59);
  Print(&p.gray, "DS. PAKAN SINAYAN", 600, y + 118);
  Print(&p.gray, "KEC. BANUHAMPU AGAM", 600, y + 177);
  Print(&p.gray, "1306062604811285", 600, p.row["no_id"]);
  Print(&p.gray, "BIAK NUMFOR", 600, p.row["lokasi_dikeluarkan"]);
  Print(&p.gray, "25 - 6 - 2020", 600, p.row["tanggal_dikeluarkan"]);
  std::erase_if(p.labels,
                [](const LabelMatch& m) { return m.field == "pekerjaan" || m.field == "alamat"; });
  auto regions = p.Regions();
  ASSERT_EQ(regions.count("alamat"), 1u);
  ASSERT_EQ(regions.at("alamat").candidates.size(), 1u);
  EXPECT_EQ(regions.at("alamat").candidates[0].size(), 4u);
  EXPECT_LT(regions.at("alamat").candidates[0][0].y, y);
  ASSERT_EQ(regions.count("pekerjaan"), 1u);
  ASSERT_EQ(regions.at("pekerjaan").candidates.size(), 1u);
  const cv::Rect job = Union(regions.at("pekerjaan").candidates[0]);
  EXPECT_LT(std::abs(job.y + job.height / 2 - (p.row["pekerjaan"] - 9)), kH / 2);
}

TEST(IpValueRegionsTest, SerialIsTheTextColumnNotTheQrCodeOrLeaderEnds) {
  IpPage p(3);
  // A QR-like block of squares by the title, at the strip's left.
  cv::RNG rng(7);
  for (int r = 0; r < 25; ++r) {
    for (int c = 0; c < 25; ++c) {
      if (rng.uniform(0, 2)) {
        cv::rectangle(p.gray, cv::Rect(1480 + c * 5, 105 + r * 5, 5, 5), cv::Scalar(20), -1);
      }
    }
  }
  // The serial, printed bottom to top near the right edge.
  const std::string serial = "No.: F-03839991";
  int base = 0;
  cv::Size s = cv::getTextSize(serial, cv::FONT_HERSHEY_SIMPLEX, 0.7, 2, &base);
  cv::Mat text(s.height + base + 6, s.width + 6, CV_8U, cv::Scalar(245));
  cv::putText(text, serial, cv::Point(3, s.height + 3), cv::FONT_HERSHEY_SIMPLEX, 0.7,
              cv::Scalar(40), 2, cv::LINE_AA);
  cv::Mat turned;
  cv::rotate(text, turned, cv::ROTATE_90_COUNTERCLOCKWISE);
  const cv::Rect at(1590, 450, turned.cols, turned.rows);
  turned.copyTo(p.gray(at));
  auto regions = p.Regions();
  const ValueRegion& r = regions.at("nomor_bpkb");
  ASSERT_TRUE(r.label_found);
  ASSERT_GE(r.candidates.size(), 2u);
  const cv::Rect whole = Union(r.candidates[0]);
  EXPECT_LE(whole.x, at.x + 4);
  EXPECT_GE(whole.br().x, at.br().x - 4);
  EXPECT_LE(whole.y, at.y + 10);
  EXPECT_GE(whole.br().y, at.br().y - 10);
  // The second candidate is the number alone: the top two thirds (the text
  // reads bottom to top, so "No.:" is at the bottom).
  const cv::Rect number = Union(r.candidates[1]);
  EXPECT_LT(number.br().y, at.y + at.height * 0.8);
  EXPECT_GT(number.height, at.height / 2);
}

// The serial "No.: F-03839991" printed bottom to top at (1590, 450), its
// glyphs run together along the column by `join` pixels; returns its box.
cv::Rect PrintSerial(cv::Mat* page, int join = 0) {
  const std::string serial = "No.: F-03839991";
  int base = 0;
  cv::Size s = cv::getTextSize(serial, cv::FONT_HERSHEY_SIMPLEX, 0.7, 2, &base);
  cv::Mat text(s.height + base + 6, s.width + 6, CV_8U, cv::Scalar(245));
  cv::putText(text, serial, cv::Point(3, s.height + 3), cv::FONT_HERSHEY_SIMPLEX, 0.7,
              cv::Scalar(40), 2, cv::LINE_AA);
  if (join > 0) cv::erode(text, text, cv::getStructuringElement(cv::MORPH_RECT, {join, 1}));
  cv::Mat turned;
  cv::rotate(text, turned, cv::ROTATE_90_COUNTERCLOCKWISE);
  const cv::Rect at(1590, 450, turned.cols, turned.rows);
  turned.copyTo((*page)(at));
  return at;
}

TEST(IpValueRegionsTest, SerialIsNotAColumnOfMoreMarksThanCharactersFit) {
  // The leaders' ends under a photocopy's hatched background: a column of
  // small marks packed closer than characters are, more of them than the
  // serial's characters.
  IpPage p(3);
  for (int y = 420; y < 660; y += 6) {
    cv::rectangle(p.gray, cv::Rect(1530, y, 14, 5), cv::Scalar(40), -1);
  }
  const cv::Rect at = PrintSerial(&p.gray);
  auto regions = p.Regions();
  const ValueRegion& r = regions.at("nomor_bpkb");
  ASSERT_TRUE(r.label_found);
  ASSERT_GE(r.candidates.size(), 1u);
  const cv::Rect whole = Union(r.candidates[0]);
  EXPECT_LE(whole.x, at.x + 4);
  EXPECT_GE(whole.br().x, at.br().x - 4);
}

TEST(IpValueRegionsTest, SerialWhoseGlyphsRanTogetherIsFound) {
  // A low-resolution page's blur joined the serial's digits into runs.
  IpPage p(3);
  const cv::Rect at = PrintSerial(&p.gray, 5);
  auto regions = p.Regions();
  const ValueRegion& r = regions.at("nomor_bpkb");
  ASSERT_TRUE(r.label_found);
  ASSERT_GE(r.candidates.size(), 1u);
  const cv::Rect whole = Union(r.candidates[0]);
  EXPECT_LE(whole.x, at.x + 4);
  EXPECT_GE(whole.br().x, at.br().x - 4);
  EXPECT_LE(whole.y, at.y + 10);
  EXPECT_GE(whole.br().y, at.br().y - 10);
}

TEST(IpValueRegionsTest, AddressLineOfOneLetterIsReadWithTheLinesAfterIt) {
  // "KEC. NA IX - X" wrapped after its hyphen: the lone X was no substantial
  // line, and the band search stopped there, before the regency's line.
  IpPage p(4);
  const int y = p.row["alamat"];
  const std::vector<std::string> lines = {
      "DUSUN SIMPANG MARBAU RT 10/11", "DS. MERANTI OMAS KEC. NA IX -", "X", "LABUHANBATU UTARA"};
  for (size_t i = 0; i < lines.size(); ++i) Print(&p.gray, lines[i], 600, y + 59 * i, 1.0);
  Print(&p.gray, "1223066510740021", 600, p.row["no_id"]);
  ExpectAddressOf(p, 4);
}

TEST(IpValueRegionsTest, LabelFoundShortOfItsLastWordIsLeftOutOfTheValue) {
  // Tesseract found "Dikeluarkan" of "Dikeluarkan di": the value's line began
  // with "di" and the colon, and read "N" for NIAS UTARA.
  IpPage p(3);
  Print(&p.gray, ":", 560, p.row["lokasi_dikeluarkan"]);
  Print(&p.gray, "NIAS UTARA", 600, p.row["lokasi_dikeluarkan"]);
  for (LabelMatch& m : p.labels) {
    if (m.field != "lokasi_dikeluarkan") continue;
    int base = 0;
    m.box.width = cv::getTextSize("Dikeluarkan", cv::FONT_HERSHEY_TRIPLEX, 0.8, 2, &base).width;
  }
  auto regions = p.Regions();
  const ValueRegion& r = regions.at("lokasi_dikeluarkan");
  ASSERT_GE(r.candidates.size(), 1u);
  EXPECT_GT(Union(r.candidates[0]).x, 540);
}

TEST(IpValueRegionsTest, ValuePrintedCloseAfterItsLabelKeepsItsFirstGlyph) {
  // "Nomor KTP/KITAS/TDP3311013003760306": the value starts under a capital
  // after the label, which must not take its first digit as a last word.
  IpPage p(3);
  const LabelMatch* label = nullptr;
  for (const LabelMatch& m : p.labels) label = m.field == "no_id" ? &m : label;
  ASSERT_NE(label, nullptr);
  const int x = label->box.br().x + 12;
  Print(&p.gray, "3311013003760306", x, p.row["no_id"]);
  auto regions = p.Regions();
  const ValueRegion& r = regions.at("no_id");
  ASSERT_GE(r.candidates.size(), 1u);
  EXPECT_LE(Union(r.candidates[0]).x, x);
}

TEST(IpValueRegionsTest, SerialIsReadAfterColumnsWithMoreMarks) {
  // A rotated page's border: pieces of its inner edge, columns of marks the
  // size of characters beside the serial, had more of them than the serial.
  IpPage p(3);
  const cv::Rect at = PrintSerial(&p.gray);
  for (int y = 300; y < 700; y += 19) {
    cv::rectangle(p.gray, cv::Rect(1640, y, 15, 15), cv::Scalar(40), -1);
  }
  auto regions = p.Regions();
  const ValueRegion& r = regions.at("nomor_bpkb");
  ASSERT_TRUE(r.label_found);
  bool serial = false;
  for (const auto& c : r.candidates) {
    const cv::Rect u = Union(c);
    serial = serial || (u.x <= at.x + 4 && u.br().x >= at.br().x - 4 && u.x > at.x - 20);
  }
  EXPECT_TRUE(serial);
}

TEST(IpValueRegionsTest, AddressLineStruckThroughByItsLeaderIsFound) {
  // The printer put the second line on the leader, which runs through its
  // glyphs at mid-height: the leader joined them into one component longer
  // than any word (dropped), and its run, thick where it crosses the bars of
  // the letters, was no rule to remove. The address stopped at its first line.
  IpPage p(3);
  const int y = p.row["alamat"];
  Print(&p.gray, "DUSUN AYULA UTARA RT 13/09", 600, y);
  Print(&p.gray, "KEL. AYULA SELATAN", 600, y + 59);
  cv::line(p.gray, cv::Point(582, y + 59 - 9), cv::Point(1510, y + 59 - 9), cv::Scalar(60), 2);
  Print(&p.gray, "KEC. BULANGO SELATAN BONE BOLANGO", 600, y + 118);
  Print(&p.gray, "25.93.4.08.89508", 600, p.row["no_id"]);
  ExpectAddressOf(p, 3);
}

TEST(IpValueRegionsTest, DatePrintedHighIsNotTheSignatureUnderIt) {
  // Values a little high (under half a capital: the region's search stays at
  // the label), the date higher still and taller, its top cut by the look's
  // edge; a signature's strokes under it, nearer the label's line, outweighed
  // it. Where the first line is expected follows the page's printer offset.
  IpPage p(3);
  PrintHigh(&p, 9,
            {"YULIA SITI PANJAITAN",
             "GURU",
             {"PERUM NIAGA GLOBAL BLOK G19"},
             "6304126709760824",
             "BARITO KUALA",
             ""});  // (the date: below)
  const int y = p.row["tanggal_dikeluarkan"];
  Print(&p.gray, "10 - 7 - 2011", 600, y - 13, 1.3);
  cv::putText(p.gray, "Mmmmm", cv::Point(1000, y + 16), cv::FONT_HERSHEY_SCRIPT_SIMPLEX, 1.0,
              cv::Scalar(30), 3, cv::LINE_AA);
  auto regions = p.Regions();
  const ValueRegion& r = regions.at("tanggal_dikeluarkan");
  ASSERT_GE(r.candidates.size(), 1u);
  const cv::Rect u = Union(r.candidates[0]);
  EXPECT_LT(u.x, 620);
}

}  // namespace
}  // namespace bpkb::layout
