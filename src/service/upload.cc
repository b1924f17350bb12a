#include "service/upload.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace bpkb::service {
namespace {

constexpr int kMaxPage = 9999;

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// The type a file name claims, from its extension; nullopt when it has none.
std::optional<FileType> TypeOfName(const std::string& filename, std::string* ext) {
  size_t slash = filename.find_last_of("/\\");
  std::string base = slash == std::string::npos ? filename : filename.substr(slash + 1);
  size_t dot = base.find_last_of('.');
  if (dot == std::string::npos || dot + 1 == base.size()) return std::nullopt;
  *ext = Lower(base.substr(dot + 1));
  if (*ext == "jpg" || *ext == "jpeg" || *ext == "jpe" || *ext == "jfif") return FileType::kJpeg;
  if (*ext == "png") return FileType::kPng;
  if (*ext == "pdf") return FileType::kPdf;
  return FileType::kUnknown;
}

// Checks the bytes (and the name or media type the client gave, if any).
std::optional<ApiError> CheckImage(Upload* upload, const std::string& filename,
                                   std::optional<FileType> claimed_type) {
  if (upload->image.empty()) return PayloadError("image", "the file is empty");
  if (upload->image.size() > kMaxFileBytes) {
    return PayloadError("image", TooLargeReason(upload->image.size()));
  }
  std::string ext;
  std::optional<FileType> named = TypeOfName(filename, &ext);
  if (named == FileType::kUnknown) {
    return PayloadError("image",
                        "the extension ." + ext + " is not accepted; send a JPEG, PNG or PDF file");
  }
  upload->type = SniffFileType(upload->image);
  if (upload->type == FileType::kUnknown) {
    return PayloadError("image", "the content is not a JPEG, PNG or PDF file");
  }
  if (named && *named != upload->type) {
    return PayloadError(
        "image", "the file is named ." + ext + " but its content is " + FileTypeName(upload->type));
  }
  if (claimed_type && *claimed_type != upload->type) {
    return PayloadError("image", std::string("the media type says ") + FileTypeName(*claimed_type) +
                                     " but the content is " + FileTypeName(upload->type));
  }
  if (upload->page && upload->type != FileType::kPdf && *upload->page != 1) {
    return PayloadError("page", "page applies to PDF files only");
  }
  return std::nullopt;
}

// "data:image/png;base64,...." -> media type and payload; false when not a data URL.
bool SplitDataUrl(std::string_view s, std::string* media, std::string_view* payload, bool* base64) {
  if (s.size() < 5 || Lower(std::string(s.substr(0, 5))) != "data:") return false;
  size_t comma = s.find(',');
  if (comma == std::string_view::npos) return false;
  std::string meta = Lower(std::string(s.substr(5, comma - 5)));
  *base64 = meta.size() >= 7 && meta.compare(meta.size() - 7, 7, ";base64") == 0;
  *media = meta.substr(0, meta.find(';'));
  *payload = s.substr(comma + 1);
  return true;
}

}  // namespace

FileType SniffFileType(std::string_view b) {
  auto starts = [&](std::string_view magic) {
    return b.size() >= magic.size() && b.substr(0, magic.size()) == magic;
  };
  if (starts("\xFF\xD8\xFF")) return FileType::kJpeg;
  if (starts("\x89PNG\r\n\x1A\n")) return FileType::kPng;
  if (starts("%PDF-")) return FileType::kPdf;
  return FileType::kUnknown;
}

const char* FileTypeName(FileType type) {
  switch (type) {
    case FileType::kJpeg:
      return "JPEG";
    case FileType::kPng:
      return "PNG";
    case FileType::kPdf:
      return "PDF";
    case FileType::kUnknown:
      break;
  }
  return "unknown";
}

std::string TooLargeReason(size_t bytes) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "file is %.1f MB; the limit is 10 MB",
                static_cast<double>(bytes) / (1024.0 * 1024.0));
  return buf;
}

std::optional<ApiError> CheckReferenceId(const std::string& id) {
  if (id.empty()) return PayloadError("reference_id", "reference_id is empty");
  if (id.size() > 64) return PayloadError("reference_id", "reference_id is over 64 characters");
  for (unsigned char c : id) {
    if (!std::isalnum(c) && c != '_' && c != '-') {
      return PayloadError("reference_id",
                          "reference_id may hold only letters, digits, '_' and '-'");
    }
  }
  return std::nullopt;
}

std::optional<ApiError> ParsePage(const std::string& text, std::optional<int>* page) {
  const auto bad = [] {
    return PayloadError("page",
                        "page must be a whole number from 1 to " + std::to_string(kMaxPage));
  };
  if (text.empty() || text.size() > 4) return bad();
  int n = 0;
  for (unsigned char c : text) {
    if (!std::isdigit(c)) return bad();
    n = n * 10 + (c - '0');
  }
  if (n < 1) return bad();
  *page = n;
  return std::nullopt;
}

bool DecodeBase64(std::string_view text, std::string* out) {
  // Which alphabet: '-' or '_' only appear in the URL-safe one.
  const bool url = text.find_first_of("-_") != std::string_view::npos;
  const bool padded = text.find('=') != std::string_view::npos;
  const int variant =
      url ? (padded ? sodium_base64_VARIANT_URLSAFE : sodium_base64_VARIANT_URLSAFE_NO_PADDING)
          : (padded ? sodium_base64_VARIANT_ORIGINAL : sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
  out->resize(text.size() / 4 * 3 + 3);
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out->data()), out->size(), text.data(),
                        text.size(), " \t\r\n", &len, &end, variant) != 0 ||
      end != text.data() + text.size()) {
    out->clear();
    return false;
  }
  out->resize(len);
  return true;
}

std::optional<ApiError> ParseMultipart(const std::vector<FormPart>& parts, Upload* upload) {
  const FormPart* image = nullptr;
  for (const FormPart& p : parts) {
    if (p.name == "image" && !image) {
      image = &p;
    } else if (p.name == "reference_id" && upload->reference_id.empty()) {
      if (p.size > p.content.size()) return CheckReferenceId(std::string(65, 'x'));
      if (!p.content.empty()) {
        if (auto e = CheckReferenceId(p.content)) return e;
        upload->reference_id = p.content;
      }
    } else if (p.name == "page" && !upload->page) {
      if (!p.content.empty()) {
        if (auto e = ParsePage(p.content, &upload->page)) return e;
      }
    }
  }
  if (!image) return PayloadError("image", "the form has no part named image");
  if (image->size > kMaxFileBytes) return PayloadError("image", TooLargeReason(image->size));
  upload->image = image->content;
  return CheckImage(upload, image->filename, std::nullopt);
}

std::optional<ApiError> ParseJsonBody(std::string_view body, Upload* upload) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return PayloadError("payload", "the body is not valid JSON");
  if (!j.is_object()) return PayloadError("payload", "the body must be a JSON object");

  if (j.contains("reference_id") && !j["reference_id"].is_null()) {
    if (!j["reference_id"].is_string()) {
      return PayloadError("reference_id", "reference_id must be a string");
    }
    std::string id = j["reference_id"].get<std::string>();
    if (!id.empty()) {
      if (auto e = CheckReferenceId(id)) return e;
      upload->reference_id = id;
    }
  }
  if (j.contains("page") && !j["page"].is_null()) {
    const nlohmann::json& p = j["page"];
    std::string text;
    if (p.is_number_unsigned() || p.is_number_integer()) {
      long long v = p.get<long long>();
      text = v >= 1 && v <= kMaxPage ? std::to_string(v) : "x";
    } else if (p.is_string()) {
      text = p.get<std::string>();
    } else {
      text = "x";
    }
    if (auto e = ParsePage(text, &upload->page)) return e;
  }

  if (!j.contains("image") || j["image"].is_null()) {
    return PayloadError("image", "the body has no image");
  }
  if (!j["image"].is_string()) {
    return PayloadError("image", "image must be a base64 string or a data: URL");
  }
  const std::string& text = j["image"].get_ref<const std::string&>();
  if (text.empty()) return PayloadError("image", "the file is empty");

  std::string_view payload = text;
  std::optional<FileType> claimed;
  std::string media;
  bool base64 = true;
  if (SplitDataUrl(text, &media, &payload, &base64)) {
    if (!base64) return PayloadError("image", "the data: URL must be base64 (;base64,)");
    if (media == "image/jpeg" || media == "image/jpg")
      claimed = FileType::kJpeg;
    else if (media == "image/png")
      claimed = FileType::kPng;
    else if (media == "application/pdf")
      claimed = FileType::kPdf;
    else if (!media.empty() && media != "application/octet-stream") {
      return PayloadError(
          "image", "the media type " + media + " is not accepted; send a JPEG, PNG or PDF file");
    }
  }
  if (payload.size() > kMaxJsonBodyBytes) {
    return PayloadError("image", TooLargeReason(payload.size() / 4 * 3));
  }
  if (!DecodeBase64(payload, &upload->image)) {
    return PayloadError("image", "image is not valid base64");
  }
  return CheckImage(upload, "", claimed);
}

}  // namespace bpkb::service
