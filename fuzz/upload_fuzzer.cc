// Fuzzes the request parsing of the service (service/upload.h): JSON bodies,
// base64, multipart parts as cpp-httplib hands them over, reference_id and page.
// The first byte picks what the rest of the input is fed to.
#include <sodium.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "service/upload.h"

namespace {

using bpkb::service::FormPart;

// Splits `text` at NUL bytes into parts: name, filename, content, name, ...
std::vector<FormPart> PartsFrom(std::string_view text) {
  std::vector<std::string> pieces;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\0', start);
    if (end == std::string_view::npos) end = text.size();
    pieces.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  std::vector<FormPart> parts;
  for (size_t i = 0; i < pieces.size(); i += 3) {
    FormPart p;
    p.name = pieces[i];
    if (i + 1 < pieces.size()) {
      p.filename = pieces[i + 1];
      p.has_filename = !p.filename.empty();
    }
    if (i + 2 < pieces.size()) p.content = pieces[i + 2];
    p.size = p.content.size();
    parts.push_back(std::move(p));
  }
  return parts;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const bool sodium_ready = sodium_init() >= 0;
  (void)sodium_ready;
  if (size == 0) return 0;
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  bpkb::service::Upload upload;
  switch (data[0] % 5) {
    case 0:
      bpkb::service::ParseJsonBody(rest, &upload);
      break;
    case 1: {
      std::string out;
      bpkb::service::DecodeBase64(rest, &out);
      break;
    }
    case 2:
      bpkb::service::ParseMultipart(PartsFrom(rest), &upload);
      break;
    case 3: {
      std::optional<int> page;
      bpkb::service::ParsePage(std::string(rest), &page);
      bpkb::service::CheckReferenceId(std::string(rest));
      break;
    }
    default:
      bpkb::service::SniffFileType(rest);
      bpkb::service::TooLargeReason(rest.size() * 997);
      break;
  }
  return 0;
}
