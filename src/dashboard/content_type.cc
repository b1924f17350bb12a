#include <string_view>

#include "dashboard/assets.h"

namespace bpkb::dashboard {

const char* ContentTypeOf(std::string_view path) {
  struct Type {
    std::string_view ext;
    const char* type;
  };
  static constexpr Type kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".json", "application/json"},
  };
  for (const Type& t : kTypes) {
    if (path.size() >= t.ext.size() && path.substr(path.size() - t.ext.size()) == t.ext) {
      return t.type;
    }
  }
  return "application/octet-stream";
}

}  // namespace bpkb::dashboard
