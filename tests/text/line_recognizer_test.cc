#include "bpkb/text/line_recognizer.h"

#include <gtest/gtest.h>

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <opencv2/imgcodecs.hpp>

#include "bpkb/fields/grammar.h"
#include "bpkb/paths.h"
#include "bpkb/text/pattern_automaton.h"

namespace bpkb::text {
namespace {

// Line crops from the corpus generator: 16 in held-out faces, 16 in train faces
// (neither used in training), with their printed text and field.
struct Fixture {
  std::string file, text, field, face;
};

const std::string kData = std::string(BPKB_DEFAULT_ROOT) + "/tests/text/data";

std::vector<Fixture> Fixtures() {
  std::vector<Fixture> out;
  std::ifstream in(kData + "/lines.tsv");
  for (std::string line; std::getline(in, line);) {
    std::stringstream ss(line);
    Fixture f;
    std::getline(ss, f.file, '\t');
    std::getline(ss, f.text, '\t');
    std::getline(ss, f.field, '\t');
    std::getline(ss, f.face, '\t');
    out.push_back(f);
  }
  return out;
}

class LineRecognizerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Status s = LineRecognizer::Open(ResolveRoot(), &rec_);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  std::unique_ptr<LineRecognizer> rec_;
};

// Floors measured with the committed model (stage 5: 29 of 32 greedy, 28
// constrained); only ever raised. Constrained was at least greedy up to stage 4;
// stage 5 reads heldout_l0000024 ("CGA1442301") right greedily and at 0.34 with
// the grammar, and the second read's views (one lost the "C") vote it wrong, as
// stage 4 read it wrong both ways.
TEST_F(LineRecognizerTest, ReadsMostFixtureLinesExactly) {
  auto fixtures = Fixtures();
  ASSERT_EQ(fixtures.size(), 32u);
  int greedy_right = 0, constrained_right = 0;
  for (const Fixture& f : fixtures) {
    cv::Mat img = cv::imread(kData + "/" + f.file, cv::IMREAD_UNCHANGED);
    ASSERT_FALSE(img.empty()) << f.file;
    LineReading plain;
    ASSERT_TRUE(rec_->Read(img, nullptr, &plain).ok());
    EXPECT_EQ(plain.text, plain.greedy_text);
    greedy_right += plain.text == f.text;
    const fields::FieldGrammar* g = fields::GrammarFor(f.field);
    ASSERT_NE(g, nullptr) << f.field;
    LineReading r;
    ASSERT_TRUE(rec_->Read(img, g, &r).ok());
    constrained_right += r.text == f.text;
    EXPECT_EQ(r.char_confidences.size(), r.text.size()) << f.file;
    EXPECT_GE(r.confidence, 0.0);
    EXPECT_LE(r.confidence, 1.0);
  }
  EXPECT_GE(greedy_right, 29);
  EXPECT_GE(constrained_right, 28);
}

TEST_F(LineRecognizerTest, GrammarKeepsTheTextInsideThePattern) {
  // a VIN has no I, O or Q: whatever the crop shows, the constrained text fits
  fields::FieldGrammar vin{"no_rangka", "[A-HJ-NPR-Z0-9]{17}", {}, false};
  PatternAutomaton a;
  ASSERT_TRUE(PatternAutomaton::Compile(vin.pattern, &a).ok());
  for (const Fixture& f : Fixtures()) {
    cv::Mat img = cv::imread(kData + "/" + f.file, cv::IMREAD_UNCHANGED);
    LineReading r;
    ASSERT_TRUE(rec_->Read(img, &vin, &r).ok());
    if (f.field == "no_rangka" || f.text.size() >= 10) {
      EXPECT_TRUE(a.Matches(r.text) || r.confidence < 0.5) << f.file << " " << r.text;
    }
  }
}

TEST_F(LineRecognizerTest, ClosedLexiconSnapsToAnEntry) {
  fields::FieldGrammar fuel{"bahan_bakar", "[A-Z][A-Z /]*", {"BENSIN", "SOLAR", "LISTRIK"}, true};
  for (const Fixture& f : Fixtures()) {
    if (f.field != "bahan_bakar") continue;
    cv::Mat img = cv::imread(kData + "/" + f.file, cv::IMREAD_UNCHANGED);
    LineReading r;
    ASSERT_TRUE(rec_->Read(img, &fuel, &r).ok());
    EXPECT_EQ(r.text, f.text);
    EXPECT_GT(r.confidence, 0.5);
  }
}

TEST_F(LineRecognizerTest, BadInputIsAnErrorNotACrash) {
  LineReading r;
  EXPECT_EQ(rec_->Read(cv::Mat(), nullptr, &r).code(), StatusCode::kInvalidInput);
  EXPECT_EQ(rec_->Read(cv::Mat(1, 1, CV_8U), nullptr, &r).code(), StatusCode::kInvalidInput);
  // blank paper reads as nothing
  ASSERT_TRUE(rec_->Read(cv::Mat(40, 300, CV_8U, cv::Scalar(230)), nullptr, &r).ok());
  EXPECT_EQ(r.text, "");
  fields::FieldGrammar broken{"x", "([A-Z]", {}, false};
  cv::Mat line = cv::imread(kData + "/" + Fixtures()[0].file, cv::IMREAD_UNCHANGED);
  EXPECT_EQ(rec_->Read(line, &broken, &r).code(), StatusCode::kInternal);
}

TEST_F(LineRecognizerTest, ObserverSeesEveryReadLineUntilRemoved) {
  auto fx = Fixtures();
  cv::Mat img = cv::imread(kData + "/" + fx[0].file, cv::IMREAD_UNCHANGED);
  std::vector<std::string> seen;
  SetLineObserver([&](const cv::Mat& line, const std::string& field, const LineReading& r) {
    EXPECT_EQ(line.size(), img.size());
    seen.push_back(field + "=" + r.text);
  });
  const fields::FieldGrammar* g = fields::GrammarFor(fx[0].field);
  LineReading a, b, c;
  ASSERT_TRUE(rec_->Read(img, g, &a).ok());
  ASSERT_TRUE(rec_->Read(img, nullptr, &b).ok());
  SetLineObserver({});
  ASSERT_TRUE(rec_->Read(img, g, &c).ok());
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0], fx[0].field + "=" + a.text);
  EXPECT_EQ(seen[1], "=" + b.text);
}

// The recognizer runs the LSTM and the Linear in its own code (BiLstmHead);
// BPKB_FULL_RECOGNIZER_NET makes it run the whole net in OpenCV: same readings.
TEST(LineRecognizerOpen, OwnLayersReadAsTheFullNet) {
  std::unique_ptr<LineRecognizer> own, full;
  ASSERT_TRUE(LineRecognizer::Open(ResolveRoot(), &own).ok());
  setenv("BPKB_FULL_RECOGNIZER_NET", "1", 1);
  Status s = LineRecognizer::Open(ResolveRoot(), &full);
  unsetenv("BPKB_FULL_RECOGNIZER_NET");
  ASSERT_TRUE(s.ok());
  int bitwise_same = 0, compared = 0;
  for (const Fixture& f : Fixtures()) {
    cv::Mat img = cv::imread(kData + "/" + f.file, cv::IMREAD_UNCHANGED);
    const fields::FieldGrammar* g = fields::GrammarFor(f.field);
    for (const fields::FieldGrammar* grammar :
         {g, static_cast<const fields::FieldGrammar*>(nullptr)}) {
      LineReading a, b;
      ASSERT_TRUE(own->Read(img, grammar, &a).ok());
      ASSERT_TRUE(full->Read(img, grammar, &b).ok());
      EXPECT_EQ(a.text, b.text) << f.file;
      EXPECT_EQ(a.greedy_text, b.greedy_text) << f.file;
      EXPECT_NEAR(a.confidence, b.confidence, 1e-3) << f.file;
      bitwise_same += a.confidence == b.confidence;
      ++compared;
    }
  }
  // the two really are different paths (float sums in another order): had Open's
  // check refused the head, every confidence would be bit for bit the same
  EXPECT_LT(bitwise_same, compared);
}

// Unsure lines are read again in other views of the crop and the views vote.
// Three tune lines (train faces, generator seed 303, not trained on) that the
// first read of the installed model (stage 5) gets wrong with a confidence under
// 0.9, and that the vote gets right;
// BPKB_RECOGNIZER_SECOND_READ=0 turns the second read off.
TEST(LineRecognizerSecondRead, UnsureLinesAreReadAgainInOtherViews) {
  struct Case {
    std::string file, field, text;
  };
  const std::vector<Case> cases = {
      {"reread_no_mesin.png", "no_mesin", "2GDBR286118"},
      {"reread_tipe.png", "tipe", "FORTUNER 2.4 VRZ"},
      {"reread_alamat.png", "alamat", "JL. MERDEKA GG. ANGGREK NO. 46"}};
  std::unique_ptr<LineRecognizer> twice, once;
  ASSERT_TRUE(LineRecognizer::Open(ResolveRoot(), &twice).ok());
  setenv("BPKB_RECOGNIZER_SECOND_READ", "0", 1);
  Status s = LineRecognizer::Open(ResolveRoot(), &once);
  unsetenv("BPKB_RECOGNIZER_SECOND_READ");
  ASSERT_TRUE(s.ok());
  for (const Case& c : cases) {
    cv::Mat img = cv::imread(kData + "/" + c.file, cv::IMREAD_UNCHANGED);
    ASSERT_FALSE(img.empty()) << c.file;
    const fields::FieldGrammar* g = fields::GrammarFor(c.field);
    LineReading first, voted;
    ASSERT_TRUE(once->Read(img, g, &first).ok());
    ASSERT_TRUE(twice->Read(img, g, &voted).ok());
    EXPECT_NE(first.text, c.text) << c.file;
    EXPECT_LT(first.confidence, 0.9) << c.file;
    EXPECT_EQ(voted.text, c.text) << c.file;
    EXPECT_GT(voted.confidence, first.confidence) << c.file;
    EXPECT_EQ(voted.char_confidences.size(), voted.text.size()) << c.file;
    EXPECT_EQ(voted.greedy_text, first.greedy_text) << c.file;  // raw stays the first view's
  }
  // a reading that does not fit its grammar is not read again: a pekerjaan line
  // and a colour read as VINs, and a colour read as an ID number
  for (const auto& [file, field] :
       std::vector<std::pair<std::string, std::string>>{{"heldout_l0000018.png", "no_rangka"},
                                                        {"train_l0000011.png", "no_rangka"},
                                                        {"train_l0000011.png", "no_id"}}) {
    cv::Mat img = cv::imread(kData + "/" + file, cv::IMREAD_UNCHANGED);
    ASSERT_FALSE(img.empty()) << file;
    LineReading a, b;
    ASSERT_TRUE(once->Read(img, fields::GrammarFor(field), &a).ok());
    ASSERT_TRUE(twice->Read(img, fields::GrammarFor(field), &b).ok());
    EXPECT_LT(a.confidence, 0.9) << file;
    EXPECT_EQ(a.text, b.text) << file << " " << field;
    EXPECT_EQ(a.confidence, b.confidence) << file << " " << field;
  }
  // nor is a VIN (the reader votes across its crops): this tune VIN would be fixed
  {
    cv::Mat img = cv::imread(kData + "/reread_vin.png", cv::IMREAD_UNCHANGED);
    ASSERT_FALSE(img.empty());
    LineReading a, b;
    ASSERT_TRUE(once->Read(img, fields::GrammarFor("no_rangka"), &a).ok());
    ASSERT_TRUE(twice->Read(img, fields::GrammarFor("no_rangka"), &b).ok());
    EXPECT_LT(a.confidence, 0.9);
    EXPECT_TRUE(a.text == b.text && a.confidence == b.confidence) << b.text;
  }
  // a sure line is read once: both recognizers give the same reading, bit for bit
  for (const Fixture& f : Fixtures()) {
    cv::Mat img = cv::imread(kData + "/" + f.file, cv::IMREAD_UNCHANGED);
    LineReading a, b;
    ASSERT_TRUE(once->Read(img, fields::GrammarFor(f.field), &a).ok());
    if (a.confidence < 0.9) continue;
    ASSERT_TRUE(twice->Read(img, fields::GrammarFor(f.field), &b).ok());
    EXPECT_EQ(a.text, b.text) << f.file;
    EXPECT_EQ(a.confidence, b.confidence) << f.file;
  }
}

// A blank field's dotted leader with a few specks (a tune photocopy page): the
// best path holds no character, so no grammar may make a value of it; a closed
// lexicon's decoder returned its likeliest entry ("TNI" for pekerjaan).
TEST_F(LineRecognizerTest, LineWithNoCharacterOnItsBestPathIsBlankWhateverTheGrammar) {
  cv::Mat img = cv::imread(kData + "/blank_leader.png", cv::IMREAD_UNCHANGED);
  ASSERT_FALSE(img.empty());
  for (const char* field : {"pekerjaan", "warna", "nama_pemilik", "bahan_bakar"}) {
    LineReading r;
    ASSERT_TRUE(rec_->Read(img, fields::GrammarFor(field), &r).ok());
    EXPECT_EQ(r.greedy_text, "") << field;
    EXPECT_EQ(r.text, "") << field;
    EXPECT_TRUE(r.char_confidences.empty()) << field;
  }
}

TEST(LineRecognizerOpen, MissingModelIsAnError) {
  std::unique_ptr<LineRecognizer> rec;
  Status s = LineRecognizer::Open("/nonexistent-root", &rec);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(rec, nullptr);
}

std::string RunCli(const std::string& args, int* rc) {
  std::string cmd = std::string(BPKB_BINARY_DIR) + "/bpkb-ocr read-line " + args + " 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[512];
  while (p != nullptr && fgets(buf, sizeof buf, p) != nullptr) out += buf;
  int status = p != nullptr ? pclose(p) : -1;
  *rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

TEST(ReadLineCommand, PrintsTextAndConfidencePerImage) {
  int rc = 0;
  auto fx = Fixtures();
  std::string out = RunCli(
      "--field bahan_bakar " + kData + "/" + fx[6].file + " " + kData + "/" + fx[20].file, &rc);
  EXPECT_EQ(rc, 0);
  EXPECT_EQ(out.substr(0, 7), "BENSIN\t");
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 2);
  EXPECT_EQ(std::count(out.begin(), out.end(), '\t'), 2);
}

// --time leaves out the first read (OpenCV DNN's set-up), so it times warm reads only
TEST(ReadLineCommand, TimeReportsWarmReadsOnly) {
  auto fx = Fixtures();
  std::string images;
  for (int k = 0; k < 3; ++k) images += " " + kData + "/" + fx[k].file;
  std::string cmd =
      std::string(BPKB_BINARY_DIR) + "/bpkb-ocr read-line --time" + images + " 2>&1 >/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string err;
  char buf[512];
  while (fgets(buf, sizeof buf, p) != nullptr) err += buf;
  pclose(p);
  EXPECT_NE(err.find("read-line: 2 lines,"), std::string::npos) << err;
  EXPECT_NE(err.find("ms CPU per line"), std::string::npos) << err;
}

TEST(ReadLineCommand, UnknownFieldIsAUsageErrorAndBadImageAProcessingError) {
  int rc = 0;
  RunCli("--field no_such_field " + kData + "/" + Fixtures()[0].file, &rc);
  EXPECT_EQ(rc, 2);
  std::string out = RunCli(kData + "/lines.tsv", &rc);  // not an image
  EXPECT_EQ(rc, 1);
  EXPECT_EQ(out, "\t0.000\n");
}

// dump-lines on a one-page synthetic corpus: one crop file and one 9-column row
// per value line the reader read, with the page's truth beside it.
TEST(DumpLinesCommand, WritesTheReadersCropsWithTheirTruth) {
  char tmpl[] = "/tmp/bpkb-dump-lines-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  const std::string dir = tmpl, bin = BPKB_BINARY_DIR;
  ASSERT_EQ(std::system((bin + "/bpkb-ocr-synth --out " + dir + "/corpus --seed 4242 --count 1 " +
                         "--split tune --conditions scan >/dev/null 2>&1")
                            .c_str()),
            0);
  ASSERT_EQ(std::system((bin + "/bpkb-ocr dump-lines --data " + dir + "/corpus --out " + dir +
                         "/crops >/dev/null 2>&1")
                            .c_str()),
            0);
  std::ifstream in(dir + "/crops/lines.tsv");
  int rows = 0, with_truth = 0, read_right = 0;
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> cols;
    std::stringstream ss(line);
    for (std::string c; std::getline(ss, c, '\t');) cols.push_back(c);
    ASSERT_EQ(cols.size(), 9u) << line;
    EXPECT_FALSE(cv::imread(dir + "/crops/" + cols[0]).empty()) << cols[0];
    EXPECT_EQ(cols[3], "reader:scan");
    ++rows;
    if (cols[8] == "1" && !cols[1].empty()) ++with_truth, read_right += cols[4] == cols[1];
  }
  EXPECT_GE(rows, 7);  // a page has at least 7 value lines
  EXPECT_GE(with_truth, 5);
  EXPECT_GE(read_right, with_truth / 2);
  std::system(("rm -rf " + dir).c_str());
}

}  // namespace
}  // namespace bpkb::text
