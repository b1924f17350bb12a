// Placeholder: the 'bench' command lands with its issue.
#include "cli/commands.h"

namespace bpkb::cli {

void AddBenchCommand(CLI::App& app, int* exit_code) {
  app.add_subcommand("bench", "(not built yet)")->callback([exit_code] { *exit_code = 1; });
}

}  // namespace bpkb::cli
