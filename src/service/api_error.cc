#include "service/api_error.h"

namespace bpkb::service {

std::string ApiError::Body() const {
  nlohmann::ordered_json j;
  j["message"] = message;
  j["error_code"] = error_code;
  j["error_fields"] = nlohmann::ordered_json::array();
  for (const ErrorField& f : fields) {
    j["error_fields"].push_back({{"field", f.field}, {"reason", f.reason}});
  }
  return j.dump();
}

ApiError PayloadError(std::string field, std::string reason) {
  return {422,
          "OCR_40001",
          "There's a problem with your JSON payload",
          {{std::move(field), std::move(reason)}},
          0};
}

ApiError QuotaError() {
  return {400, "OCR_40004", "You don't have enough quota, please contact our admin", {}, 0};
}

ApiError AuthError() { return {401, "UNAUTHORIZED", "Authorization Failed", {}, 0}; }

ApiError NotFoundError() { return {404, "OCR_40400", "Data not found", {}, 0}; }

ApiError MethodError() { return {405, "OCR_40500", "Method not allowed", {}, 0}; }

ApiError RateLimitError(int retry_after_s) {
  return {429, "OCR_42900", "Too many requests, please slow down", {}, retry_after_s};
}

ApiError BusyError(int retry_after_s) {
  return {503, "OCR_50300", "The service is busy, please try again later", {}, retry_after_s};
}

ApiError InternalError() { return {500, "OCR_50000", "There's a problem from our system.", {}, 0}; }

ApiError FromStatus(const Status& status) {
  switch (status.code()) {
    case StatusCode::kInvalidInput:
    case StatusCode::kWrongPage:
      return PayloadError(status.field().empty() ? "image" : status.field(), status.message());
    case StatusCode::kNotFound:
      return NotFoundError();
    case StatusCode::kUnavailable:
    case StatusCode::kTimeout:
      return BusyError(1);
    case StatusCode::kOk:
    case StatusCode::kInternal:
      break;
  }
  return InternalError();
}

}  // namespace bpkb::service
