// Placeholder: the 'serve' command lands with its issue.
#include "cli/commands.h"

namespace bpkb::cli {

void AddServeCommand(CLI::App& app, int* exit_code) {
  app.add_subcommand("serve", "(not built yet)")->callback([exit_code] { *exit_code = 1; });
}

}  // namespace bpkb::cli
