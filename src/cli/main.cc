// bpkb-ocr: one binary for the service and its tools (DESIGN.md, CLI contract).
// Exit codes: 0 success, 1 processing error, 2 usage error.
#include <CLI/CLI.hpp>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"bpkb-ocr: reads Indonesian BPKB pages into JSON"};
  app.require_subcommand(1);
  int exit_code = 0;
  bpkb::cli::AddServeCommand(app, &exit_code);
  bpkb::cli::AddAppCommand(app, &exit_code);
  bpkb::cli::AddExtractCommand(app, &exit_code);
  bpkb::cli::AddBenchCommand(app, &exit_code);
  bpkb::cli::AddReadLineCommand(app, &exit_code);
  bpkb::cli::AddAdminCommand(app, &exit_code);
  bpkb::cli::AddDumpLinesCommand(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  return exit_code;
}
