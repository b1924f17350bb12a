// The dashboard's web assets (web/dashboard/), embedded into the binary at build
// time (dashboard.cmake generates their table), so that the binary serves every
// byte of the dashboard itself and the browser makes no external request.
#pragma once

#include <string_view>

namespace bpkb::dashboard {

struct Asset {
  std::string_view path;  // relative to web/dashboard, e.g. "app.js"
  std::string_view bytes;
};

// nullptr when there is no such asset.
const Asset* FindAsset(std::string_view path);
// By the file's extension; "application/octet-stream" when unknown.
const char* ContentTypeOf(std::string_view path);

}  // namespace bpkb::dashboard
