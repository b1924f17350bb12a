// Where run-time files live: models, reference data, fonts.
#pragma once

#include <string>

namespace bpkb {

// `configured` if not empty, else $BPKB_ROOT, else the source tree the binary was
// built from (BPKB_DEFAULT_ROOT).
std::string ResolveRoot(const std::string& configured = "");

}  // namespace bpkb
