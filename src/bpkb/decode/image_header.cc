#include "bpkb/decode/image_header.h"

#include <cstdint>
#include <cstring>

namespace bpkb::decode {
namespace {

uint32_t Be32(const unsigned char* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}
uint16_t Be16(const unsigned char* p) { return static_cast<uint16_t>((p[0] << 8) | p[1]); }

const unsigned char* U(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// Walks JPEG marker segments until SOS. Calls f(marker, payload offset, payload size)
// for each; returns the offset just after the SOS header, or 0 when malformed.
template <typename F>
size_t WalkJpegSegments(std::string_view bytes, F&& f) {
  const unsigned char* p = U(bytes);
  size_t n = bytes.size();
  size_t i = 2;
  while (i + 4 <= n) {
    if (p[i] != 0xFF) return 0;
    unsigned char marker = p[i + 1];
    if (marker == 0xFF) {  // fill byte
      ++i;
      continue;
    }
    if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
      i += 2;
      continue;
    }
    if (marker == 0xD9) return 0;  // EOI before any scan
    size_t len = Be16(p + i + 2);
    if (len < 2 || i + 2 + len > n) return 0;
    if (!f(marker, i + 4, len - 2)) return 0;
    if (marker == 0xDA) return i + 2 + len;
    i += 2 + len;
  }
  return 0;
}

}  // namespace

ContentType SniffType(std::string_view b) {
  if (b.size() >= 3 && U(b)[0] == 0xFF && U(b)[1] == 0xD8 && U(b)[2] == 0xFF) {
    return ContentType::kJpeg;
  }
  static const char kPng[] = "\x89PNG\r\n\x1a\n";
  if (b.size() >= 8 && std::memcmp(b.data(), kPng, 8) == 0) return ContentType::kPng;
  // PDF readers accept the header anywhere in the first KB.
  if (b.substr(0, 1024).find("%PDF-") != std::string_view::npos) return ContentType::kPdf;
  return ContentType::kOther;
}

std::optional<ImageSize> PngSize(std::string_view b) {
  if (b.size() < 24 || b.substr(12, 4) != "IHDR") return std::nullopt;
  uint32_t w = Be32(U(b) + 16), h = Be32(U(b) + 20);
  if (w == 0 || h == 0 || w > 0x7FFFFFFF || h > 0x7FFFFFFF) return std::nullopt;
  return ImageSize{static_cast<int>(w), static_cast<int>(h)};
}

bool PngComplete(std::string_view b) {
  // Chunks: length, type, data, crc. Walk them to IEND.
  size_t i = 8;
  while (i + 12 <= b.size()) {
    uint32_t len = Be32(U(b) + i);
    std::string_view type = b.substr(i + 4, 4);
    if (len > b.size() || i + 12 + len > b.size()) return false;
    if (type == "IEND") return true;
    i += 12 + len;
  }
  return false;
}

std::optional<ImageSize> JpegSize(std::string_view b) {
  if (SniffType(b) != ContentType::kJpeg) return std::nullopt;
  std::optional<ImageSize> size;
  WalkJpegSegments(b, [&](unsigned char m, size_t off, size_t len) {
    bool sof = m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
    if (sof && len >= 5 && !size) {
      int h = Be16(U(b) + off + 1), w = Be16(U(b) + off + 3);
      if (w > 0 && h > 0) size = ImageSize{w, h};
    }
    return true;
  });
  return size;
}

bool JpegComplete(std::string_view b) {
  size_t scan = WalkJpegSegments(b, [](unsigned char, size_t, size_t) { return true; });
  if (scan == 0) return false;
  // The EOI of the main image comes after its scan data; entropy-coded data
  // never holds FF D9 (0xFF is always stuffed).
  for (size_t i = b.size(); i-- > scan + 1;) {
    if (U(b)[i - 1] == 0xFF && U(b)[i] == 0xD9) return true;
  }
  return false;
}

int JpegExifOrientation(std::string_view b) {
  int orientation = 1;
  WalkJpegSegments(b, [&](unsigned char m, size_t off, size_t len) {
    if (m != 0xE1 || len < 14 || b.substr(off, 6) != std::string_view("Exif\0\0", 6)) {
      return true;
    }
    std::string_view tiff = b.substr(off + 6, len - 6);
    const unsigned char* t = U(tiff);
    bool le;
    if (tiff.substr(0, 2) == "II") {
      le = true;
    } else if (tiff.substr(0, 2) == "MM") {
      le = false;
    } else {
      return true;
    }
    auto u16 = [&](size_t o) -> uint32_t {
      return le ? (t[o] | (t[o + 1] << 8)) : ((t[o] << 8) | t[o + 1]);
    };
    auto u32 = [&](size_t o) -> uint32_t {
      return le ? (u16(o) | (u16(o + 2) << 16)) : ((u16(o) << 16) | u16(o + 2));
    };
    if (tiff.size() < 8) return true;
    size_t ifd = u32(4);
    if (ifd + 2 > tiff.size()) return true;
    size_t count = u16(ifd);
    for (size_t k = 0; k < count; ++k) {
      size_t e = ifd + 2 + 12 * k;
      if (e + 12 > tiff.size()) break;
      if (u16(e) == 0x0112) {
        uint32_t v = u16(e + 8);
        if (v >= 1 && v <= 8) orientation = static_cast<int>(v);
        break;
      }
    }
    return false;  // stop walking: APP1 found
  });
  return orientation;
}

}  // namespace bpkb::decode
