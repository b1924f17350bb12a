#include "bpkb/paths.h"

#include <cstdlib>

namespace bpkb {

std::string ResolveRoot(const std::string& configured) {
  if (!configured.empty()) return configured;
  if (const char* env = std::getenv("BPKB_ROOT"); env != nullptr && *env != '\0') return env;
  return BPKB_DEFAULT_ROOT;
}

}  // namespace bpkb
