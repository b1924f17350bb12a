// bpkb-ocr extract [--page ik|ip|auto] [--pdf-page N] FILE...
// Prints one JSON object per file on stdout, in order: the API's `data` object
// without id/reference_id ({"result_data", "result_detail"}), or {"error": ...}
// for a file that could not be read (also reported on stderr in one line).
// Exit code 0 when every file was read, 1 when any failed, 2 on usage errors.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bpkb/reader.h"
#include "bpkb/result_json.h"
#include "cli/commands.h"

namespace bpkb::cli {
namespace {

struct ExtractOptions {
  std::string page = "auto";
  int pdf_page = 0;
  std::string root;
  std::vector<std::string> files;
};

bool ReadFile(const std::string& path, size_t limit, std::string* out, std::string* why) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *why = "cannot open the file";
    return false;
  }
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  if (size < 0) {
    *why = "cannot read the file";
    return false;
  }
  // One byte over the limit is enough for the reader to refuse it with its reason.
  size_t want = std::min(static_cast<size_t>(size), limit + 1);
  out->resize(want);
  in.read(out->data(), static_cast<std::streamsize>(want));
  if (static_cast<size_t>(in.gcount()) != want) {
    *why = "cannot read the file";
    return false;
  }
  return true;
}

int Run(const ExtractOptions& opt) {
  std::optional<PageKind> kind = ParsePageKind(opt.page);
  if (!kind) {
    std::cerr << "error: --page must be ik, ip or auto\n";
    return 2;
  }
  std::unique_ptr<Reader> reader;
  if (Status s = Reader::Open(ReaderConfig{opt.root}, &reader); !s.ok()) {
    std::cerr << "error: " << s.ToString() << "\n";
    return 1;
  }
  bool progress = opt.files.size() > 1 && isatty(STDERR_FILENO);
  int failures = 0;
  for (size_t i = 0; i < opt.files.size(); ++i) {
    const std::string& path = opt.files[i];
    if (progress) {
      std::fprintf(stderr, "\r[%zu/%zu] reading", i + 1, opt.files.size());
      std::fflush(stderr);
    }
    ReadRequest req;
    req.expected = *kind;
    if (opt.pdf_page > 0) req.pdf_page = opt.pdf_page;
    std::string bytes, why;
    Status status;
    PageReading reading;
    if (!ReadFile(path, req.limits.max_bytes, &bytes, &why)) {
      status = Status::InvalidInput("image", why);
    } else {
      req.bytes = bytes;
      status = reader->Read(req, &reading);
    }
    nlohmann::ordered_json line;
    if (status.ok()) {
      PageKind shown = *kind == PageKind::kUnknown ? reading.page_type : *kind;
      line["result_data"] = ResultData(reading, shown);
      line["result_detail"] = ResultDetail(reading, shown);
    } else {
      ++failures;
      if (progress) std::fprintf(stderr, "\n");
      std::cerr << path << ": " << status.ToString() << "\n";
      line["error"] = {{"field", status.field()}, {"reason", status.message()}};
    }
    std::cout << line.dump() << "\n" << std::flush;
  }
  if (progress) std::fprintf(stderr, "\n");
  return failures == 0 ? 0 : 1;
}

}  // namespace

void AddExtractCommand(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<ExtractOptions>();
  CLI::App* cmd = app.add_subcommand("extract", "read BPKB pages from files into JSON");
  cmd->add_option("--page", opt->page, "page to read: ik, ip or auto (detect)")
      ->check(CLI::IsMember({"ik", "ip", "auto"}));
  cmd->add_option("--pdf-page", opt->pdf_page, "1-based PDF page (default: find it)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--root", opt->root, "folder with models/ and reference data");
  cmd->add_option("files", opt->files, "JPEG, PNG or PDF files")->required();
  cmd->callback([opt, exit_code] { *exit_code = Run(*opt); });
}

}  // namespace bpkb::cli
