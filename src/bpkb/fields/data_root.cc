#include <mutex>

#include "bpkb/fields/grammar.h"
#include "bpkb/paths.h"

namespace bpkb::fields {
namespace {

std::mutex& RootMutex() {
  static std::mutex m;
  return m;
}
std::string& ConfiguredRoot() {
  static std::string root;
  return root;
}

}  // namespace

void UseDataRoot(const std::string& root) {
  std::lock_guard<std::mutex> lock(RootMutex());
  ConfiguredRoot() = root;
}

std::string DataRoot() {
  std::lock_guard<std::mutex> lock(RootMutex());
  return ResolveRoot(ConfiguredRoot());
}

}  // namespace bpkb::fields
