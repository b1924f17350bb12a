# Turns every file under SRC into a C++ table (OUT) for dashboard/assets.h.
# Run at build time: cmake -DSRC=... -DOUT=... -P embed_assets.cmake
file(GLOB_RECURSE files RELATIVE ${SRC} ${SRC}/*)
list(SORT files)
set(body "")
set(table "")
set(i 0)
foreach(f IN LISTS files)
  file(READ ${SRC}/${f} hex HEX)
  string(LENGTH "${hex}" n)
  math(EXPR size "${n} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(APPEND body "const unsigned char kAsset${i}[] = {${bytes}0};\n")
  string(APPEND table "    {\"${f}\", {reinterpret_cast<const char*>(kAsset${i}), ${size}}},\n")
  math(EXPR i "${i} + 1")
endforeach()
set(out "// Generated from web/dashboard by src/dashboard/embed_assets.cmake: do not edit.
#include <algorithm>
#include <iterator>

#include \"dashboard/assets.h\"

namespace bpkb::dashboard {
namespace {
${body}
const Asset kAssets[] = {
${table}};
}  // namespace

const Asset* FindAsset(std::string_view path) {
  for (const Asset& a : kAssets) {
    if (a.path == path) return &a;
  }
  return nullptr;
}

}  // namespace bpkb::dashboard
")
# Rewrite only on change, so that an unchanged asset set does not recompile.
if(EXISTS ${OUT})
  file(READ ${OUT} old)
  if(old STREQUAL out)
    return()
  endif()
endif()
file(WRITE ${OUT} "${out}")
