// bpkb-ocr-synth: synthetic BPKB pages and value lines with ground truth (issue 3).
#include <CLI/CLI.hpp>

int main(int argc, char** argv) {
  CLI::App app{"bpkb-ocr-synth: synthetic BPKB pages and value lines"};
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  return 0;
}
