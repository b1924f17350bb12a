// The API's view of a PageReading (API.md): result_data holds every field of the
// page as a string; result_detail is our extension with raw text, confidence,
// validity, boxes, page type, rotation, quality and warnings.
#pragma once

#include <nlohmann/json.hpp>

#include "bpkb/reading.h"

namespace bpkb {

// `kind` is the page the client asked for: its required fields are always keys.
nlohmann::ordered_json ResultData(const PageReading& reading, PageKind kind);
nlohmann::ordered_json ResultDetail(const PageReading& reading, PageKind kind);

}  // namespace bpkb
