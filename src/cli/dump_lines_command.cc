// bpkb-ocr dump-lines --data CORPUS --out DIR [--limit N] [--root DIR]
// Developer tool for the line recognizer (issue 4): runs the reader over a
// synthetic corpus (bpkb-ocr-synth's truth.jsonl) and writes every value-line crop
// the reader hands to the recognizer, as it was given, to DIR/lNNNNNNN.png, with
// DIR/lines.tsv in the line data sets' format (file, text, field, face) plus what
// was read:
//   file  truth  field  reader:CONDITION  read  greedy  page_file  k  n
// `truth` is the page's expected value of the field (the normalised value, which
// for most fields is the printed line); crop k of n crops of that field on the
// page (n > 1: a wrapped value or several candidate crops, so the truth is not
// this line's). train/reader_lines.py turns it into evaluation/training sets.
// Only for synthetic corpora: it writes page content to disk by design.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <opencv2/imgcodecs.hpp>

#include "bpkb/reader.h"
#include "bpkb/text/line_recognizer.h"
#include "cli/bench_corpus.h"
#include "cli/commands.h"

namespace bpkb::cli {

namespace {

struct DumpLinesOptions {
  std::string data, out, root;
  int limit = 0;
};

struct Crop {
  std::string file, field, read, greedy;
};

std::string Clean(std::string s) {  // no tabs or newlines inside a TSV cell
  for (char& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}

int RunDumpLines(const DumpLinesOptions& opt) {
  std::vector<TruthPage> pages;
  if (std::string err = LoadTruth(opt.data, &pages); !err.empty()) {
    std::fprintf(stderr, "dump-lines: %s\n", err.c_str());
    return 2;
  }
  if (opt.limit > 0 && static_cast<size_t>(opt.limit) < pages.size()) pages.resize(opt.limit);
  std::error_code ec;
  std::filesystem::create_directories(opt.out, ec);
  std::ofstream tsv(opt.out + "/lines.tsv");
  if (!tsv) {
    std::fprintf(stderr, "dump-lines: cannot write %s/lines.tsv\n", opt.out.c_str());
    return 1;
  }
  std::unique_ptr<Reader> reader;
  if (Status s = Reader::Open(ReaderConfig{opt.root}, &reader); !s.ok()) {
    std::fprintf(stderr, "dump-lines: %s\n", s.ToString().c_str());
    return 1;
  }
  long next_id = 0;
  std::vector<Crop> crops;  // of the page being read
  bool write_failed = false;
  text::SetLineObserver(
      [&](const cv::Mat& line, const std::string& field, const text::LineReading& r) {
        char name[32];
        std::snprintf(name, sizeof(name), "l%07ld.png", next_id++);
        if (!cv::imwrite(opt.out + "/" + name, line)) write_failed = true;
        crops.push_back({name, field, r.text, r.greedy_text});
      });
  long lines = 0;
  for (const TruthPage& page : pages) {
    std::ifstream in(opt.data + "/" + page.file, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ReadRequest req;
    req.bytes = bytes;
    req.expected = ParsePageKind(page.page).value_or(PageKind::kUnknown);
    crops.clear();
    PageReading reading;
    (void)reader->Read(req, &reading);  // a refused page simply gives no crops
    std::map<std::string, int> count, seen;
    for (const Crop& c : crops) ++count[c.field];
    for (const Crop& c : crops) {
      auto it = page.fields.find(c.field);
      const std::string truth = it != page.fields.end() ? it->second : "";
      tsv << c.file << '\t' << Clean(truth) << '\t' << c.field << "\treader:" << page.condition
          << '\t' << Clean(c.read) << '\t' << Clean(c.greedy) << '\t' << page.file << '\t'
          << seen[c.field]++ << '\t' << count[c.field] << '\n';
      ++lines;
    }
  }
  text::SetLineObserver({});
  if (!tsv || write_failed) {
    std::fprintf(stderr, "dump-lines: cannot write to %s\n", opt.out.c_str());
    return 1;
  }
  std::printf("%ld line crops from %zu pages in %s\n", lines, pages.size(), opt.out.c_str());
  return 0;
}

}  // namespace

void AddDumpLinesCommand(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<DumpLinesOptions>();
  CLI::App* cmd = app.add_subcommand(
      "dump-lines", "write the reader's value-line crops of a synthetic corpus with their truth");
  cmd->add_option("--data", opt->data, "corpus folder holding truth.jsonl")->required();
  cmd->add_option("--out", opt->out, "output folder (lines.tsv and PNG crops)")->required();
  cmd->add_option("--limit", opt->limit, "read only the first N pages")
      ->check(CLI::Range(0, 1 << 30));
  cmd->add_option("--root", opt->root, "folder holding models/ and reference data");
  cmd->callback([opt, exit_code] { *exit_code = RunDumpLines(*opt); });
}

}  // namespace bpkb::cli
