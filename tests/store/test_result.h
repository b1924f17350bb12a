// A stored result as the service makes one, for tests of the store and of
// what reads it (dashboard): a fresh id, the app, reference and page kind given,
// a small `data` object naming the reference, reader and request times.
#pragma once

#include <cstdint>
#include <string>

#include "store/keys.h"
#include "store/store.h"

namespace bpkb::store {

inline StoredResult MakeTestResult(const std::string& app_id, const std::string& ref,
                                   const std::string& kind = "ik",
                                   int64_t created_at = 2'000'000'000) {
  StoredResult r;
  r.id = NewUuid();
  r.reference_id = ref;
  r.app_id = app_id;
  r.page_kind = kind;
  r.data_json = R"({"reference_id":")" + ref + R"("})";
  r.created_at = created_at;
  r.processing_ms = 12.5;
  r.total_ms = 15.0;
  return r;
}

}  // namespace bpkb::store
