// The OpenAPI 3 document served at /openapi.json: the API of API.md as this
// server implements it (routes, headers, bodies, answers and error codes).
#pragma once

#include <string>

namespace bpkb::service {

const std::string& OpenApiDocument();

}  // namespace bpkb::service
