// bpkb-ocr bench --data DIR [--threads N] [--json OUT] [--baseline] [--limit N] [--stages]
//                 [--cv-threads N]
// Runs the reader in-process over a synthetic corpus (bpkb-ocr-synth's truth.jsonl)
// and prints, per condition and per field, exact-match rate and character error
// rate, the document-level all-fields-right rate, latency p50/p95/max per page on
// one thread (wall clock, and the process's CPU time, which a loaded machine does
// not inflate), pages/s on --threads threads and peak RSS. --stages adds where the
// time goes per condition (the reader's stage clock). --baseline also runs the
// plain tesseract command with a simple label parser, for the ratio. --json writes
// the summary, so runs can be compared.
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <opencv2/core/utility.hpp>
#include <sstream>
#include <thread>

#include "bpkb/reader.h"
#include "cli/bench_baseline.h"
#include "cli/bench_corpus.h"
#include "cli/commands.h"

namespace bpkb::cli {
namespace {

struct BenchOptions {
  std::string data, json_out, root;
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  int limit = 0;
  bool baseline = false;
  bool stages = false;
  int cv_threads = -1;  // OpenCV's thread pool; -1 leaves OpenCV's default
};

// One page read on the single-thread pass: its condition, wall and CPU time and
// the reader's own stage breakdown.
struct PageTiming {
  std::string condition;
  double wall_ms = 0, cpu_ms = 0;
  std::vector<StageTime> stages;
};

using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t i = std::min(v.size() - 1, static_cast<size_t>(p * (v.size() - 1) + 0.5));
  return v[i];
}

// CPU time of the whole process (all threads: OpenCV's pool included).
double ProcessCpuMs() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 +
         (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

double PeakRssMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024.0;
}

bool LoadBytes(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

// Reads one page with `reader`; fills `fields` (API name -> value).
bool ReadPage(Reader& reader, const TruthPage& truth, const std::string& bytes,
              std::map<std::string, std::string>* fields, PageTiming* timing = nullptr) {
  ReadRequest req;
  req.bytes = bytes;
  // The client names the page kind it sends (bpkb_ik / bpkb_ip) but not the PDF
  // page: the reader must find it.
  req.expected = ParsePageKind(truth.page).value_or(PageKind::kUnknown);
  PageReading reading;
  Status s = reader.Read(req, &reading);
  if (timing) timing->stages = reading.stages;
  if (!s.ok()) return false;
  for (const auto& [name, f] : reading.fields) (*fields)[name] = f.value;
  return true;
}

nlohmann::ordered_json GroupJson(const Scores::Group& g) {
  nlohmann::ordered_json j;
  j["pages"] = g.pages;
  j["all_fields_right"] = g.pages ? static_cast<double>(g.all_right) / g.pages : 0.0;
  j["field_exact"] = g.fields.ExactRate();
  j["cer"] = g.fields.Cer();
  j["failures"] = g.failures;
  nlohmann::ordered_json fields;
  for (const auto& [name, t] : g.by_field)
    fields[name] = {{"exact", t.ExactRate()}, {"cer", t.Cer()}, {"n", t.n}};
  j["by_field"] = fields;
  return j;
}

nlohmann::ordered_json ScoresJson(const Scores& s) {
  nlohmann::ordered_json j;
  j["overall"] = GroupJson(s.overall);
  nlohmann::ordered_json by;
  for (const auto& [c, g] : s.by_condition) by[c] = GroupJson(g);
  j["by_condition"] = by;
  j["latency_ms"] = {{"p50", Percentile(s.latency_ms, 0.5)},
                     {"p95", Percentile(s.latency_ms, 0.95)},
                     {"max", Percentile(s.latency_ms, 1.0)}};
  return j;
}

// Latency per condition (wall and CPU) and, with --stages, the mean time per stage.
nlohmann::ordered_json TimingJson(const std::vector<PageTiming>& pages) {
  std::map<std::string, std::vector<const PageTiming*>> by;
  for (const PageTiming& p : pages) {
    by[p.condition].push_back(&p);
    by["ALL"].push_back(&p);
  }
  nlohmann::ordered_json j;
  for (const auto& [cond, ps] : by) {
    std::vector<double> wall, cpu;
    std::vector<std::string> order;
    std::map<std::string, std::pair<double, double>> sum;  // stage -> (wall, cpu)
    for (const PageTiming* p : ps) {
      wall.push_back(p->wall_ms);
      cpu.push_back(p->cpu_ms);
      for (const StageTime& st : p->stages) {
        if (!sum.count(st.stage)) order.push_back(st.stage);
        sum[st.stage].first += st.wall_ms;
        sum[st.stage].second += st.cpu_ms;
      }
    }
    nlohmann::ordered_json c;
    c["pages"] = ps.size();
    c["wall_ms"] = {{"p50", Percentile(wall, 0.5)},
                    {"p95", Percentile(wall, 0.95)},
                    {"max", Percentile(wall, 1.0)}};
    c["cpu_ms"] = {{"p50", Percentile(cpu, 0.5)},
                   {"p95", Percentile(cpu, 0.95)},
                   {"max", Percentile(cpu, 1.0)}};
    nlohmann::ordered_json st;
    for (const std::string& name : order) {
      st[name] = {{"wall_ms", sum[name].first / ps.size()},
                  {"cpu_ms", sum[name].second / ps.size()}};
    }
    c["stages_mean"] = st;
    j[cond] = c;
  }
  return j;
}

void PrintTiming(const nlohmann::ordered_json& t, bool stages) {
  std::printf("\n%-12s %6s %9s %9s %9s %9s\n", "condition", "pages", "wall p50", "wall p95",
              "cpu p50", "cpu p95");
  for (const auto& [cond, c] : t.items()) {
    std::printf("%-12s %6d %7.0fms %7.0fms %7.0fms %7.0fms\n", cond.c_str(), c["pages"].get<int>(),
                c["wall_ms"]["p50"].get<double>(), c["wall_ms"]["p95"].get<double>(),
                c["cpu_ms"]["p50"].get<double>(), c["cpu_ms"]["p95"].get<double>());
  }
  if (!stages) return;
  std::printf("\nmean per stage, wall/thread-cpu ms\n");
  for (const auto& [cond, c] : t.items()) {
    std::printf("%-12s", cond.c_str());
    for (const auto& [name, st] : c["stages_mean"].items()) {
      std::printf(" %s %.0f/%.0f", name.c_str(), st["wall_ms"].get<double>(),
                  st["cpu_ms"].get<double>());
    }
    std::printf("\n");
  }
}

void PrintScores(const std::string& title, const Scores& s) {
  std::printf("\n== %s\n%-12s %6s %10s %12s %8s %9s\n", title.c_str(), "condition", "pages",
              "all-right", "field-exact", "CER", "failures");
  auto row = [](const std::string& name, const Scores::Group& g) {
    std::printf("%-12s %6ld %9.1f%% %11.1f%% %7.2f%% %9ld\n", name.c_str(), g.pages,
                g.pages ? 100.0 * g.all_right / g.pages : 0.0, 100 * g.fields.ExactRate(),
                100 * g.fields.Cer(), g.failures);
  };
  for (const auto& [c, g] : s.by_condition) row(c, g);
  row("ALL", s.overall);
  std::printf("\n%-22s %6s %8s %8s\n", "field", "n", "exact", "CER");
  for (const auto& [f, t] : s.overall.by_field)
    std::printf("%-22s %6ld %7.1f%% %7.2f%%\n", f.c_str(), t.n, 100 * t.ExactRate(), 100 * t.Cer());
  std::printf("\nlatency per page (one thread): p50 %.0f ms, p95 %.0f ms, max %.0f ms\n",
              Percentile(s.latency_ms, 0.5), Percentile(s.latency_ms, 0.95),
              Percentile(s.latency_ms, 1.0));
}

int Run(const BenchOptions& opt) {
  std::vector<TruthPage> pages;
  if (std::string err = LoadTruth(opt.data, &pages); !err.empty()) {
    std::cerr << "error: " << err << "\n";
    return 1;
  }
  if (opt.limit > 0 && static_cast<size_t>(opt.limit) < pages.size()) pages.resize(opt.limit);
  if (pages.empty()) {
    std::cerr << "error: the corpus has no pages\n";
    return 1;
  }
  std::vector<std::string> bytes(pages.size());
  for (size_t i = 0; i < pages.size(); ++i)
    if (!LoadBytes(opt.data + "/" + pages[i].file, &bytes[i])) {
      std::cerr << "error: cannot read " << pages[i].file << "\n";
      return 1;
    }

  if (opt.cv_threads >= 0) cv::setNumThreads(opt.cv_threads);
  // Accuracy and latency: one reader, one thread.
  std::unique_ptr<Reader> reader;
  if (Status s = Reader::Open(ReaderConfig{opt.root}, &reader); !s.ok()) {
    std::cerr << "error: " << s.ToString() << "\n";
    return 1;
  }
  Scores scores;
  std::vector<PageTiming> timings(pages.size());
  double total_ms = 0;
  for (size_t i = 0; i < pages.size(); ++i) {
    std::map<std::string, std::string> fields;
    const auto t0 = Clock::now();
    const double cpu0 = ProcessCpuMs();
    const bool ok = ReadPage(*reader, pages[i], bytes[i], &fields, &timings[i]);
    const double ms = Ms(Clock::now() - t0);
    timings[i].condition = pages[i].condition;
    timings[i].wall_ms = ms;
    timings[i].cpu_ms = ProcessCpuMs() - cpu0;
    scores.latency_ms.push_back(ms);
    total_ms += ms;
    scores.Add(pages[i], fields, !ok);
    if (isatty(fileno(stderr))) std::fprintf(stderr, "\r[%zu/%zu] reading", i + 1, pages.size());
  }
  if (isatty(fileno(stderr))) std::fprintf(stderr, "\n");

  // Throughput: one reader per thread, all pages.
  double pages_per_s = pages.size() / (total_ms / 1000.0);
  if (opt.threads > 1) {
    std::vector<std::unique_ptr<Reader>> readers(opt.threads);
    for (auto& r : readers)
      if (Status s = Reader::Open(ReaderConfig{opt.root}, &r); !s.ok()) {
        std::cerr << "error: " << s.ToString() << "\n";
        return 1;
      }
    std::atomic<size_t> next{0};
    const auto t0 = Clock::now();
    std::vector<std::thread> pool;
    for (int t = 0; t < opt.threads; ++t)
      pool.emplace_back([&, t] {
        for (size_t i = next++; i < pages.size(); i = next++) {
          std::map<std::string, std::string> fields;
          ReadPage(*readers[t], pages[i], bytes[i], &fields);
        }
      });
    for (auto& th : pool) th.join();
    pages_per_s = pages.size() / (Ms(Clock::now() - t0) / 1000.0);
  }
  const double rss_mb = PeakRssMb();
  PrintScores("reader", scores);
  const nlohmann::ordered_json timing = TimingJson(timings);
  PrintTiming(timing, opt.stages);
  std::printf("throughput: %.2f pages/s on %d thread(s); peak RSS %.0f MB\n", pages_per_s,
              opt.threads, rss_mb);

  nlohmann::ordered_json summary;
  summary["data"] = opt.data;
  summary["pages"] = pages.size();
  summary["reader"] = ScoresJson(scores);
  summary["reader"]["pages_per_s"] = pages_per_s;
  summary["reader"]["threads"] = opt.threads;
  summary["reader"]["timing"] = timing;
  summary["peak_rss_mb"] = rss_mb;

  if (opt.baseline) {
    Scores base;
    base.latency_ms.resize(pages.size());
    std::vector<std::map<std::string, std::string>> found(pages.size());
    std::vector<char> failed(pages.size(), 0);
    const std::string scratch = std::filesystem::temp_directory_path().string();
    std::atomic<size_t> next{0};
    std::vector<std::thread> pool;
    for (int t = 0; t < opt.threads; ++t)
      pool.emplace_back([&] {
        for (size_t i = next++; i < pages.size(); i = next++) {
          std::string text;
          const auto t0 = Clock::now();
          failed[i] =
              !RunTesseract(opt.data + "/" + pages[i].file, pages[i].pdf_page, scratch, &text);
          found[i] = ParseLabelledFields(text, pages[i].page);
          base.latency_ms[i] = Ms(Clock::now() - t0);
        }
      });
    for (auto& th : pool) th.join();
    for (size_t i = 0; i < pages.size(); ++i) base.Add(pages[i], found[i], failed[i]);
    PrintScores("baseline: tesseract --psm 3 + label parser", base);
    const double ratio = base.overall.fields.ExactRate() > 0
                             ? scores.overall.fields.ExactRate() / base.overall.fields.ExactRate()
                             : 0.0;
    std::printf("reader/baseline field-exact ratio: %.2f\n", ratio);
    summary["baseline"] = ScoresJson(base);
    summary["ratio_field_exact"] = ratio;
  }
  if (!opt.json_out.empty()) {
    std::ofstream out(opt.json_out);
    out << summary.dump(2) << "\n";
    if (!out) {
      std::cerr << "error: cannot write " << opt.json_out << "\n";
      return 1;
    }
  }
  return 0;
}

}  // namespace

void AddBenchCommand(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<BenchOptions>();
  CLI::App* cmd = app.add_subcommand(
      "bench", "accuracy and speed of the reader on a synthetic corpus (bpkb-ocr-synth)");
  cmd->add_option("--data", opt->data, "corpus folder holding truth.jsonl")->required();
  cmd->add_option("--threads", opt->threads, "threads for the throughput run")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--json", opt->json_out, "write a JSON summary here");
  cmd->add_flag("--baseline", opt->baseline, "also run plain tesseract with a label parser");
  cmd->add_option("--limit", opt->limit, "read only the first N pages")
      ->check(CLI::Range(0, 1 << 30));
  cmd->add_option("--root", opt->root, "folder holding models/ and reference data");
  cmd->add_flag("--stages", opt->stages, "print the mean time per pipeline stage");
  cmd->add_option("--cv-threads", opt->cv_threads,
                  "OpenCV worker threads (0 or 1: none, all on the reading thread)")
      ->check(CLI::Range(0, 256));
  cmd->callback([opt, exit_code] { *exit_code = Run(*opt); });
}

}  // namespace bpkb::cli
