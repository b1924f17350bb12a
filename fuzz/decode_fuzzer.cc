// Fuzzes the decode entry of the reader: any bytes a client can upload go
// through Document::Open (type sniffing, header checks, OpenCV/poppler decode)
// and, when that accepts them, the rendering of the first page. Limits are kept
// small so that each input stays fast; the contract is the same at any limit:
// a Status, never a crash, hang or leak.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bpkb/decode/document.h"
#include "bpkb/decode/image_header.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  bpkb::decode::SniffType(bytes);
  bpkb::decode::PngSize(bytes);
  bpkb::decode::JpegSize(bytes);
  bpkb::decode::PngComplete(bytes);
  bpkb::decode::JpegComplete(bytes);
  bpkb::decode::JpegExifOrientation(bytes);

  bpkb::ReadLimits limits;
  limits.max_pixels = 4'000'000;
  limits.max_pdf_pages = 3;
  limits.pdf_dpi = 36;
  std::unique_ptr<bpkb::decode::Document> doc;
  if (!bpkb::decode::Document::Open(bytes, limits, &doc).ok()) return 0;
  bpkb::decode::PageImage page;
  doc->Render(1, 256, &page);
  return 0;
}
