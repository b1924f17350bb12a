// What a client uploaded to POST /v2/ocr/bpkb_ik|ip, checked against API.md before
// any OCR runs: the image bytes (JPEG, PNG or PDF by magic bytes, at most 10 MB),
// and the optional reference_id and page. Decoding the image (truncated, corrupt,
// pixel bombs, encrypted PDFs) is the reader's job; this module checks the
// envelope: body kind, base64, sizes, names, ids.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "service/api_error.h"

namespace bpkb::service {

constexpr size_t kMaxFileBytes = 10 * 1024 * 1024;  // API.md: 10,485,760 bytes
// A JSON body carries the file in base64 (4/3 larger) plus a little JSON.
constexpr size_t kMaxJsonBodyBytes = kMaxFileBytes / 3 * 4 + 8 + 64 * 1024;
// Every part but `image` is small; more parts than this is not a client of ours.
constexpr size_t kMaxSmallPartBytes = 4096;
constexpr size_t kMaxParts = 16;

enum class FileType { kUnknown, kJpeg, kPng, kPdf };
FileType SniffFileType(std::string_view bytes);
const char* FileTypeName(FileType type);  // "JPEG", "PNG", "PDF", "unknown"

struct Upload {
  std::string image;
  std::string reference_id;  // "" when the client gave none
  std::optional<int> page;
  FileType type = FileType::kUnknown;
};

// One part of a multipart body as read off the wire. `size` counts every byte the
// client sent for the part even when only the first bytes were kept.
struct FormPart {
  std::string name;
  std::string filename;
  bool has_filename = false;
  std::string content;
  size_t size = 0;
};

// Both return an error (422 OCR_40001) or nullopt with *upload filled.
std::optional<ApiError> ParseMultipart(const std::vector<FormPart>& parts, Upload* upload);
std::optional<ApiError> ParseJsonBody(std::string_view body, Upload* upload);

// Shared by both bodies and by the result endpoints.
std::optional<ApiError> CheckReferenceId(const std::string& reference_id);
std::optional<ApiError> ParsePage(const std::string& text, std::optional<int>* page);
// "file is 12.3 MB; the limit is 10 MB"
std::string TooLargeReason(size_t bytes);

// Decodes standard or URL-safe base64, padded or not, ignoring whitespace.
bool DecodeBase64(std::string_view text, std::string* out);

}  // namespace bpkb::service
