// The API's error answers (API.md, Errors): status, error_code, message and the
// error_fields that say what was wrong. Messages are the contract's, word for word.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bpkb/status.h"

namespace bpkb::service {

struct ErrorField {
  std::string field;   // "image", "reference_id", "page", "payload"
  std::string reason;  // for a human; never a field value of the document
};

struct ApiError {
  int status = 500;
  std::string error_code;
  std::string message;
  std::vector<ErrorField> fields;
  int retry_after_s = 0;  // sent as Retry-After when > 0 (429, 503)

  std::string Body() const;
};

ApiError PayloadError(std::string field, std::string reason);  // 422 OCR_40001
ApiError QuotaError();                                         // 400 OCR_40004
ApiError AuthError();                                          // 401 UNAUTHORIZED
ApiError NotFoundError();                                      // 404 OCR_40400
ApiError MethodError();                                        // 405 OCR_40500
ApiError RateLimitError(int retry_after_s);                    // 429 OCR_42900
ApiError BusyError(int retry_after_s);                         // 503 OCR_50300
ApiError InternalError();                                      // 500 OCR_50000

// Maps a reader's (or store's) failure to the client's answer.
ApiError FromStatus(const Status& status);

}  // namespace bpkb::service
