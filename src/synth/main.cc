// bpkb-ocr-synth: synthetic BPKB pages and value lines with ground truth (issue 3).
//   bpkb-ocr-synth --lines --out DIR --seed N --count N [--faces train|heldout|all]
//                  [--field NAME] [--threads N]
//   bpkb-ocr-synth --out DIR --seed N --count N [--split tune|heldout]
//                  [--conditions scan,photocopy,photo,lowres,rotated,pdf] [--threads N]
// Output depends only on the options (never on --threads).
#include <CLI/CLI.hpp>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include <opencv2/imgcodecs.hpp>

#include "bpkb/paths.h"
#include "synth/faces.h"
#include "synth/lines.h"
#include "synth/pages.h"
#include "synth/values.h"

// Fontconfig keeps the font patterns Pango matched until the process ends; under
// LeakSanitizer (the suite's ASan pass) they are reported as leaks that are not ours.
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }

namespace {

// Runs work(i) for i in [0, count) on `threads` threads.
template <typename Fn>
void ParallelFor(int count, int threads, Fn work) {
  std::atomic<int> next{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < std::max(1, threads); ++t)
    pool.emplace_back([&] {
      for (int i = next++; i < count; i = next++) work(i);
    });
  for (auto& th : pool) th.join();
}

int RunLines(const bpkb::synth::RefData& ref, const std::string& out, uint64_t seed, int count,
             const std::string& faces, const std::string& field, int threads) {
  using namespace bpkb::synth;
  LineOptions opt{seed, faces, field};
  std::vector<std::string> rows(count);
  std::atomic<bool> failed{false};
  ParallelFor(count, threads, [&](int i) {
    LineSample s = RenderLine(ref, opt, static_cast<uint64_t>(i));
    char name[32];
    std::snprintf(name, sizeof name, "l%07d.png", i);
    if (!cv::imwrite(out + "/" + name, s.image)) failed = true;
    rows[i] = std::string(name) + "\t" + s.text + "\t" + s.field + "\t" + s.face + "\n";
  });
  if (failed) {
    std::fprintf(stderr, "bpkb-ocr-synth: cannot write images under %s\n", out.c_str());
    return 1;
  }
  std::ofstream tsv(out + "/lines.tsv", std::ios::binary);
  for (const auto& r : rows) tsv << r;
  return tsv ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"bpkb-ocr-synth: synthetic BPKB pages and value lines with ground truth"};
  bool lines = false;
  std::string out, faces = "train", field, split = "tune", conditions, root;
  uint64_t seed = 1;
  int count = 10;
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  app.add_flag("--lines", lines, "write single value lines (PNG + lines.tsv) instead of pages");
  app.add_option("--out", out, "output folder (created)")->required();
  app.add_option("--seed", seed, "random seed; same seed, same output");
  app.add_option("--count", count, "number of pages or lines")->check(CLI::Range(0, 10000000));
  app.add_option("--faces", faces, "line mode: value faces to use")
      ->check(CLI::IsMember({"train", "extra", "validation", "heldout", "all"}));
  app.add_option("--field", field, "line mode: only this API field")
      ->check(CLI::IsMember(bpkb::synth::LineFields()));
  app.add_option("--split", split,
                 "page mode: tune (train faces), validation (validation faces, held-out "
                 "distortions) or heldout (held-out faces)")
      ->check(CLI::IsMember({"tune", "validation", "heldout"}));
  app.add_option("--conditions", conditions,
                 "page mode: comma-separated subset of scan,photocopy,photo,lowres,rotated,pdf");
  app.add_option("--threads", threads, "worker threads")->check(CLI::Range(1, 256));
  app.add_option("--root", root, "source tree holding ref/ and node_modules/ (default: built-in)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  if (ec) {
    std::fprintf(stderr, "bpkb-ocr-synth: cannot create %s: %s\n", out.c_str(),
                 ec.message().c_str());
    return 1;
  }
  const auto& ref = bpkb::synth::RefData::Get(bpkb::ResolveRoot(root));
  bpkb::synth::InitFonts();
  if (lines) return RunLines(ref, out, seed, count, faces, field, threads);

  bpkb::synth::PageOptions opt;
  opt.seed = seed;
  bpkb::synth::ParseSplit(split, &opt.split);  // the option accepts split names only
  std::string err = bpkb::synth::ParseConditions(conditions, &opt.conditions);
  if (!err.empty()) {
    std::fprintf(stderr, "bpkb-ocr-synth: %s\n", err.c_str());
    return 2;
  }
  return bpkb::synth::WriteCorpus(ref, opt, out, count, threads);
}
