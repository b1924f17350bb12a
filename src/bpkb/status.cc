#include "bpkb/status.h"

namespace bpkb {

std::string Status::ToString() const {
  const char* name = "OK";
  switch (code_) {
    case StatusCode::kOk: return "OK";
    case StatusCode::kInvalidInput: name = "invalid input"; break;
    case StatusCode::kWrongPage: name = "wrong page"; break;
    case StatusCode::kNotFound: name = "not found"; break;
    case StatusCode::kUnavailable: name = "unavailable"; break;
    case StatusCode::kTimeout: name = "timeout"; break;
    case StatusCode::kInternal: name = "internal"; break;
  }
  std::string s = name;
  if (!field_.empty()) s += " (" + field_ + ")";
  return s + ": " + message_;
}

}  // namespace bpkb
