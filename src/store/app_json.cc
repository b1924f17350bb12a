#include "store/app_json.h"

namespace bpkb::store {

nlohmann::ordered_json AppJson(const App& a) {
  return {{"app_id", a.id},
          {"name", a.name},
          {"mode", AppModeName(a.mode)},
          {"quota", a.quota},
          {"enabled", a.enabled},
          {"rate_limit_per_minute", a.rate_limit_per_minute},
          {"created_at", a.created_at}};
}

}  // namespace bpkb::store
