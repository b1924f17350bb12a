// Status: the outcome of a library call. Errors never cross the library's border
// as exceptions; they travel as a Status with a code that the service maps to an
// HTTP answer, the input field it concerns (API.md's error_fields) and a reason
// that is safe to show a client (never a field value or an internal detail).
#pragma once

#include <string>
#include <utility>

namespace bpkb {

enum class StatusCode {
  kOk,
  kInvalidInput,  // the client's bytes or parameters are wrong: 422 OCR_40001
  kWrongPage,     // a readable BPKB page, but not the kind asked for: 422 OCR_40001
  kNotFound,      // no such thing (file, stored result): 404
  kUnavailable,   // try later (saturated, database down): 503
  kTimeout,       // the per-request time limit ran out: 503
  kInternal,      // a bug or an environment problem: 500 OCR_50000
};

class Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidInput(std::string field, std::string reason) {
    return Status(StatusCode::kInvalidInput, std::move(field), std::move(reason));
  }
  static Status WrongPage(std::string reason) {
    return Status(StatusCode::kWrongPage, "image", std::move(reason));
  }
  static Status NotFound(std::string reason) {
    return Status(StatusCode::kNotFound, "", std::move(reason));
  }
  static Status Unavailable(std::string reason) {
    return Status(StatusCode::kUnavailable, "", std::move(reason));
  }
  static Status Timeout(std::string reason) {
    return Status(StatusCode::kTimeout, "", std::move(reason));
  }
  static Status Internal(std::string reason) {
    return Status(StatusCode::kInternal, "", std::move(reason));
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  // The request field the error is about ("image", "page", "reference_id"), or "".
  const std::string& field() const { return field_; }
  const std::string& message() const { return message_; }
  std::string ToString() const;

 private:
  Status(StatusCode code, std::string field, std::string message)
      : code_(code), field_(std::move(field)), message_(std::move(message)) {}

  StatusCode code_ = StatusCode::kOk;
  std::string field_;
  std::string message_;
};

}  // namespace bpkb
