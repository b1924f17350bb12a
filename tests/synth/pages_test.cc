// Page mode: every condition writes decodable files, truth.jsonl is complete and
// follows BPKB.md's conventions, and the same seed gives the same bytes.
#include <gtest/gtest.h>
#include <poppler-document.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <map>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <regex>
#include <set>

#include "bpkb/page_kind.h"
#include "synth/faces.h"
#include "synth/values.h"
#include "synth_run.h"

namespace bpkb::synth {
namespace {

using testing::FreshDir;
using testing::ReadFile;
using testing::RunSynth;
using testing::Split;

std::vector<nlohmann::json> ReadTruth(const std::string& dir) {
  std::vector<nlohmann::json> out;
  for (const auto& line : Split(ReadFile(dir + "/truth.jsonl"), '\n'))
    out.push_back(nlohmann::json::parse(line));
  return out;
}

// Decodes an image or renders the PDF page; returns its size (0x0 on failure).
cv::Size Decode(const std::string& path, int pdf_page) {
  if (path.size() > 4 && path.substr(path.size() - 4) == ".pdf") {
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path));
    if (!doc) return {};
    const int index = pdf_page > 0 ? pdf_page - 1 : 0;
    if (index >= doc->pages()) return {};
    std::unique_ptr<poppler::page> page(doc->create_page(index));
    poppler::page_renderer renderer;
    poppler::image img = renderer.render_page(page.get(), 72, 72);
    return img.is_valid() ? cv::Size(img.width(), img.height()) : cv::Size();
  }
  cv::Mat img = cv::imread(path, cv::IMREAD_COLOR);
  return img.size();
}

TEST(PageMode, EveryConditionWritesDecodableFilesWithCompleteTruth) {
  const std::string dir = FreshDir("pages");
  ASSERT_EQ(RunSynth("--out " + dir + " --seed 5 --count 12 --threads 2"), 0);
  auto truth = ReadTruth(dir);
  ASSERT_EQ(truth.size(), 12u);
  std::map<std::string, int> per_condition;
  const std::regex date("^[0-3][0-9]-[01][0-9]-(19|20)[0-9]{2}$");
  const std::regex vin("^[A-HJ-NPR-Z0-9]{17}$");
  for (const auto& t : truth) {
    const std::string file = t.at("file");
    const std::string condition = t.at("condition");
    per_condition[condition]++;
    EXPECT_EQ(t.at("split"), "tune");
    EXPECT_EQ(t.at("seed"), 5);
    const Face* face = FindFace(t.at("face"));
    ASSERT_NE(face, nullptr);
    EXPECT_EQ(face->split, FaceSplit::kTrain);
    auto kind = ParsePageKind(t.at("page").get<std::string>());
    ASSERT_TRUE(kind.has_value());
    const auto& fields = t.at("fields");
    EXPECT_EQ(fields.size(), RequiredFields(*kind).size());
    for (const auto& f : RequiredFields(*kind)) {
      ASSERT_TRUE(fields.contains(f)) << file << " " << f;
      const std::string v = fields.at(f);
      EXPECT_EQ(v, Normalise(v)) << f;
      if (f != "pekerjaan") {
        EXPECT_FALSE(v.empty()) << file << " " << f;
      }
    }
    if (*kind == PageKind::kIp) {
      EXPECT_TRUE(std::regex_match(fields.at("tanggal_dikeluarkan").get<std::string>(), date));
    } else {
      const std::string v = fields.at("no_rangka");
      ASSERT_TRUE(std::regex_match(v, vin)) << v;
      EXPECT_EQ(v[9], VinYearCode(std::stoi(fields.at("tahun_pembuatan").get<std::string>())));
    }
    const int pdf_page = t.value("pdf_page", 0);
    if (condition == "pdf") {
      EXPECT_EQ(file.substr(file.size() - 4), ".pdf");
    }
    const cv::Size size = Decode(dir + "/" + file, pdf_page);
    EXPECT_GT(size.area(), 0) << file;
    if (condition == "photo") {
      EXPECT_GE(size.width, 2800) << file;
    }
    if (condition == "lowres") {
      EXPECT_LE(size.width, 900) << file;
    }
    if (condition == "rotated") {
      const std::string detail = t.at("detail");
      const std::string bytes = ReadFile(dir + "/" + file);
      EXPECT_EQ(detail.find("exif=") != std::string::npos,
                bytes.find(std::string("Exif\0\0", 6)) != std::string::npos)
          << detail;
    }
  }
  for (const char* c : {"scan", "photocopy", "photo", "lowres", "rotated", "pdf"})
    EXPECT_EQ(per_condition[c], 2) << c;
  std::filesystem::remove_all(dir);
}

TEST(PageMode, SameSeedSameBytes) {
  const std::string a = FreshDir("pages-a"), b = FreshDir("pages-b");
  ASSERT_EQ(RunSynth("--out " + a + " --seed 8 --count 6 --threads 1"), 0);
  ASSERT_EQ(RunSynth("--out " + b + " --seed 8 --count 6 --threads 2"), 0);
  const std::string ta = ReadFile(a + "/truth.jsonl");
  EXPECT_EQ(ta, ReadFile(b + "/truth.jsonl"));
  for (const auto& t : ReadTruth(a)) {
    const std::string file = t.at("file");
    EXPECT_EQ(ReadFile(a + "/" + file), ReadFile(b + "/" + file)) << file;
  }
  std::filesystem::remove_all(a);
  std::filesystem::remove_all(b);
}

TEST(PageMode, HeldOutAndValidationSplitsUseTheirOwnFacesOnly) {
  struct Case {
    std::string split;
    FaceSplit faces;
    int seed;
  };
  for (const Case& c :
       {Case{"heldout", FaceSplit::kHeldout, 21}, Case{"validation", FaceSplit::kValidation, 22}}) {
    const std::string dir = FreshDir("pages-" + c.split);
    ASSERT_EQ(RunSynth("--out " + dir + " --seed " + std::to_string(c.seed) +
                       " --count 4 --split " + c.split + " --conditions scan,pdf"),
              0);
    for (const auto& t : ReadTruth(dir)) {
      EXPECT_EQ(t.at("split"), c.split);
      const Face* face = FindFace(t.at("face"));
      ASSERT_NE(face, nullptr);
      EXPECT_EQ(face->split, c.faces) << c.split;
      const std::string condition = t.at("condition");
      EXPECT_TRUE(condition == "scan" || condition == "pdf") << condition;
    }
    std::filesystem::remove_all(dir);
  }
}

TEST(PageMode, UnknownConditionIsAUsageError) {
  const std::string dir = FreshDir("pages-bad");
  EXPECT_EQ(WEXITSTATUS(RunSynth("--out " + dir + " --conditions scan,fax")), 2);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace bpkb::synth
