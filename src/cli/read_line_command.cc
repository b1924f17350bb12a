// Placeholder: the 'read-line' command lands with its issue.
#include "cli/commands.h"

namespace bpkb::cli {

void AddReadLineCommand(CLI::App& app, int* exit_code) {
  app.add_subcommand("read-line", "(not built yet)")->callback([exit_code] { *exit_code = 1; });
}

}  // namespace bpkb::cli
