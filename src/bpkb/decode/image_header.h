// Image headers read without decoding: the container type from magic bytes, the
// pixel size from a PNG IHDR or a JPEG SOF marker (so that a decompression bomb is
// refused before any pixel is allocated), and the EXIF orientation of a JPEG.
#pragma once

#include <optional>
#include <string_view>

namespace bpkb::decode {

enum class ContentType { kJpeg, kPng, kPdf, kOther };

ContentType SniffType(std::string_view bytes);

struct ImageSize {
  int width = 0;
  int height = 0;
};

// nullopt when the header is missing or malformed.
std::optional<ImageSize> PngSize(std::string_view bytes);
std::optional<ImageSize> JpegSize(std::string_view bytes);

// True when the PNG has its IEND chunk / the JPEG has an EOI marker after the
// start of its scan: OpenCV pads a truncated file with grey and reports success.
bool PngComplete(std::string_view bytes);
bool JpegComplete(std::string_view bytes);

// EXIF orientation tag (1..8) of a JPEG's APP1 segment; 1 when absent or unreadable.
int JpegExifOrientation(std::string_view bytes);

}  // namespace bpkb::decode
