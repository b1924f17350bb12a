// The reader end to end on synthetic corpus pages (bpkb-ocr-synth, tune split),
// one or two per capture condition, generated at test time: page type, no
// failures, and how many fields are exactly right. The thresholds guard against
// regressions; the accuracy targets are measured by the benchmark on held-out data.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "bpkb/reader.h"

namespace bpkb {
namespace {

namespace fs = std::filesystem;

struct Page {
  std::string file, condition;
  PageKind kind = PageKind::kUnknown;
  std::map<std::string, std::string> fields;
};

class CorpusReadTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("bpkb_corpus_read_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    std::string cmd = std::string(BPKB_BINARY_DIR) + "/bpkb-ocr-synth --out " + dir_.string() +
                      " --seed 7 --count 12 --split tune --threads 2 > /dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    std::ifstream in(dir_ / "truth.jsonl");
    for (std::string line; std::getline(in, line);) {
      auto j = nlohmann::json::parse(line);
      Page p;
      p.file = (dir_ / j["file"].get<std::string>()).string();
      p.condition = j["condition"];
      p.kind = *ParsePageKind(j["page"].get<std::string>());
      for (auto& [k, v] : j["fields"].items()) p.fields[k] = v;
      pages_.push_back(p);
    }
    ASSERT_EQ(pages_.size(), 12u);
    ASSERT_TRUE(Reader::Open(ReaderConfig{}, &reader_).ok());
  }
  static void TearDownTestSuite() {
    reader_.reset();
    fs::remove_all(dir_);
  }

  static fs::path dir_;
  static std::vector<Page> pages_;
  static std::unique_ptr<Reader> reader_;
};

fs::path CorpusReadTest::dir_;
std::vector<Page> CorpusReadTest::pages_;
std::unique_ptr<Reader> CorpusReadTest::reader_;

TEST_F(CorpusReadTest, ReadsEveryConditionWithMostFieldsExact) {
  std::map<std::string, std::pair<int, int>> by_condition;  // exact, total
  std::map<std::string, std::pair<int, int>> by_field;
  for (const Page& p : pages_) {
    std::ifstream f(p.file, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    std::string bytes = ss.str();
    ReadRequest req;
    req.bytes = bytes;
    req.expected = p.kind;
    PageReading r;
    Status s = reader_->Read(req, &r);
    ASSERT_TRUE(s.ok()) << p.file << " " << p.condition << ": " << s.ToString();
    EXPECT_EQ(r.page_type, p.kind) << p.file << " " << p.condition;
    for (auto& [name, want] : p.fields) {
      bool exact = r.fields.count(name) && r.fields[name].value == want;
      by_condition[p.condition].first += exact;
      by_condition[p.condition].second += 1;
      by_field[name].first += exact;
      by_field[name].second += 1;
      if (exact && !want.empty()) {
        EXPECT_TRUE(r.fields[name].found) << name;
        EXPECT_GT(r.fields[name].box.x1, r.fields[name].box.x0) << name;
      }
    }
  }
  int exact = 0, total = 0;
  for (auto& [c, v] : by_condition) {
    exact += v.first;
    total += v.second;
    // Every condition reads most of its fields.
    EXPECT_GE(v.first, v.second * 6 / 10) << c << ": " << v.first << "/" << v.second;
  }
  EXPECT_GE(exact, total * 8 / 10) << exact << "/" << total;
  // Fields with a strict grammar are read reliably.
  for (const char* name : {"tahun_pembuatan", "no_mesin", "merek", "no_id", "jenis"}) {
    auto& v = by_field[name];
    EXPECT_GE(v.first, v.second - 1) << name << ": " << v.first << "/" << v.second;
  }
}

}  // namespace
}  // namespace bpkb
