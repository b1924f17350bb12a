// Placeholder: the 'extract' command lands with its issue.
#include "cli/commands.h"

namespace bpkb::cli {

void AddExtractCommand(CLI::App& app, int* exit_code) {
  app.add_subcommand("extract", "(not built yet)")->callback([exit_code] { *exit_code = 1; });
}

}  // namespace bpkb::cli
