// The subcommands of bpkb-ocr, one file each. Each Add* registers its options and
// a callback on `app`; the callback sets *exit_code (0 ok, 1 processing error,
// 2 usage error) and writes errors to stderr in one line.
#pragma once

#include <CLI/CLI.hpp>

namespace bpkb::cli {

void AddServeCommand(CLI::App& app, int* exit_code);     // serve_command.cc (issue 2)
void AddAppCommand(CLI::App& app, int* exit_code);       // app_command.cc (issue 2)
void AddExtractCommand(CLI::App& app, int* exit_code);   // extract_command.cc (issue 5)
void AddBenchCommand(CLI::App& app, int* exit_code);     // bench_command.cc (issue 3)
void AddReadLineCommand(CLI::App& app, int* exit_code);  // read_line_command.cc (issue 4)
void AddAdminCommand(CLI::App& app, int* exit_code);      // admin_command.cc (issue 7)
void AddDumpLinesCommand(CLI::App& app, int* exit_code);  // dump_lines_command.cc (issue 4)

}  // namespace bpkb::cli
