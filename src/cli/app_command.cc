// Placeholder: the 'app' command lands with its issue.
#include "cli/commands.h"

namespace bpkb::cli {

void AddAppCommand(CLI::App& app, int* exit_code) {
  app.add_subcommand("app", "(not built yet)")->callback([exit_code] { *exit_code = 1; });
}

}  // namespace bpkb::cli
