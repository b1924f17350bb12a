// bpkb-ocr read-line [--field NAME] [--root DIR] [--greedy] [--list FILE] IMAGE...
// Reads each image as one printed text line with our recognizer (issue 4) and
// prints `text<TAB>confidence` per image, in order; with --field the text is
// decoded against that field's grammar. --greedy adds the unconstrained text as a
// third column. An image that cannot be read prints an empty line's worth
// (`<TAB>0.000`), its error goes to stderr, and the exit code becomes 1.
// --time reports on stderr the mean wall and CPU milliseconds per line of Read (pre-processing,
// inference and decoding; image decoding excluded) over warm reads: the first read of a
// process sets up OpenCV DNN's buffers (tens of ms) and is left out when more images follow,
// as a serving worker reads with a recognizer loaded once. --threads sets OpenCV's threads.
#include <cstdio>
#include <ctime>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <opencv2/core/utility.hpp>
#include <opencv2/imgcodecs.hpp>

#include "bpkb/fields/grammar.h"
#include "bpkb/paths.h"
#include "bpkb/text/line_recognizer.h"
#include "cli/commands.h"

namespace bpkb::cli {

namespace {

struct ReadLineArgs {
  std::string field, root, list;
  bool greedy = false, time = false;
  int threads = 0;
  std::vector<std::string> images;
};

int RunReadLine(const ReadLineArgs& args) {
  const fields::FieldGrammar* grammar = nullptr;
  if (!args.field.empty()) {
    grammar = fields::GrammarFor(args.field);
    if (grammar == nullptr) {
      std::fprintf(stderr, "read-line: unknown field '%s'\n", args.field.c_str());
      return 2;
    }
  }
  std::vector<std::string> images = args.images;
  if (!args.list.empty()) {
    std::ifstream in(args.list);
    if (!in) {
      std::fprintf(stderr, "read-line: cannot open list %s\n", args.list.c_str());
      return 2;
    }
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) images.push_back(line);
    }
  }
  if (images.empty()) {
    std::fprintf(stderr, "read-line: no images given\n");
    return 2;
  }
  std::unique_ptr<text::LineRecognizer> rec;
  Status s = text::LineRecognizer::Open(ResolveRoot(args.root), &rec);
  if (!s.ok()) {
    std::fprintf(stderr, "read-line: %s\n", s.ToString().c_str());
    return 1;
  }
  if (args.threads > 0) cv::setNumThreads(args.threads);
  int rc = 0;
  double read_ms = 0.0, cpu_ms = 0.0;
  int timed = 0;
  bool warmed_up = false;
  for (const std::string& path : images) {
    cv::Mat img = cv::imread(path, cv::IMREAD_UNCHANGED);
    text::LineReading reading;
    if (img.empty()) {
      s = Status::InvalidInput("image", "cannot decode image");
    } else {
      int64 t0 = cv::getTickCount();
      timespec c0{}, c1{};
      clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
      s = rec->Read(img, grammar, &reading);
      clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
      if (!warmed_up && images.size() > 1) {
        warmed_up = true;
      } else {
        read_ms += 1000.0 * static_cast<double>(cv::getTickCount() - t0) / cv::getTickFrequency();
        cpu_ms += 1000.0 * static_cast<double>(c1.tv_sec - c0.tv_sec) +
                  static_cast<double>(c1.tv_nsec - c0.tv_nsec) / 1e6;
        ++timed;
      }
    }
    if (!s.ok()) {
      std::fprintf(stderr, "read-line: %s: %s\n", path.c_str(), s.message().c_str());
      rc = 1;
    }
    if (args.greedy) {
      std::printf("%s\t%.3f\t%s\n", reading.text.c_str(), reading.confidence,
                  reading.greedy_text.c_str());
    } else {
      std::printf("%s\t%.3f\n", reading.text.c_str(), reading.confidence);
    }
  }
  if (args.time && timed > 0) {
    // CPU time is what one core spends (robust on a busy machine); wall includes waiting
    std::fprintf(stderr, "read-line: %d lines, %.3f ms wall, %.3f ms CPU per line\n", timed,
                 read_ms / timed, cpu_ms / timed);
  }
  return rc;
}

}  // namespace

void AddReadLineCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ReadLineArgs>();
  CLI::App* cmd = app.add_subcommand("read-line", "read images of single printed text lines");
  cmd->add_option("--field", args->field, "decode against this API field's grammar");
  cmd->add_option("--root", args->root,
                  "directory holding models/ (default: BPKB_ROOT or source tree)");
  cmd->add_option("--list", args->list, "file with one image path per line");
  cmd->add_flag("--greedy", args->greedy, "also print the unconstrained (greedy) text");
  cmd->add_flag("--time", args->time, "report the mean time per warm read on stderr");
  cmd->add_option("--threads", args->threads, "OpenCV threads (default: OpenCV's choice)");
  cmd->add_option("images", args->images, "line images");
  cmd->callback([args, exit_code] { *exit_code = RunReadLine(*args); });
}

}  // namespace bpkb::cli
