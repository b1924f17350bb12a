// The JSON face of an application, as the `app` CLI prints it and the
// dashboard's API sends it: never the key's salt or hash.
#pragma once

#include <nlohmann/json.hpp>

#include "store/store.h"

namespace bpkb::store {

// {"app_id", "name", "mode", "quota", "enabled", "rate_limit_per_minute", "created_at"}
nlohmann::ordered_json AppJson(const App& app);

}  // namespace bpkb::store
