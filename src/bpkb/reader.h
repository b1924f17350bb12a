// Reader: bytes of a JPEG, PNG or PDF in, the fields of a BPKB page out.
//
// A Reader owns its engines (line recognizer, label finder) and is used by one
// thread at a time: the service keeps one per worker. Open() loads the models
// once; Read() is the whole pipeline (DESIGN.md): decode, locate and rectify,
// normalise, find labels, read value lines, correct and validate.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "bpkb/page_kind.h"
#include "bpkb/reading.h"
#include "bpkb/status.h"

namespace bpkb {

struct ReaderConfig {
  // Folder holding models/, node_modules/idn-area-data and tessdata overrides;
  // "" means BPKB_ROOT from the environment, else the source tree (see paths.h).
  std::string root;
};

// Explicit limits on what one request may cost (DEVELOPERS.md: bad input never hurts).
struct ReadLimits {
  size_t max_bytes = 10 * 1024 * 1024;   // API.md: 10 MB of file
  long long max_pixels = 60'000'000;     // decompression bombs: width*height of an image
  int max_pdf_pages = 30;
  int pdf_dpi = 200;
  std::chrono::milliseconds time_limit{30'000};
};

struct ReadRequest {
  std::string_view bytes;
  // The page the client asked for (bpkb_ik / bpkb_ip), or kUnknown to detect it.
  PageKind expected = PageKind::kUnknown;
  std::optional<int> pdf_page;  // 1-based; when absent the reader finds the page
  ReadLimits limits;
};

class Reader {
 public:
  virtual ~Reader() = default;
  // Loads models; a Status says what is missing when it fails.
  static Status Open(const ReaderConfig& config, std::unique_ptr<Reader>* reader);

  // On kInvalidInput / kWrongPage the Status says why, for the client.
  // When the page kind is uncertain the fields are still read for `expected`
  // and `warnings` holds PAGE_TYPE_MISMATCH.
  virtual Status Read(const ReadRequest& request, PageReading* out) = 0;
};

}  // namespace bpkb
