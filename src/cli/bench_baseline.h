// The benchmark's baseline: the plain `tesseract` command on the whole page and a
// simple parser of "label : value" lines in its text. It shows what stock OCR with
// no BPKB knowledge achieves, so the reader's figures have a reference.
#pragma once

#include <map>
#include <string>

namespace bpkb::cli {

// Runs `tesseract IMG stdout -l ind+eng --psm 3` (PDF pages are rasterised at
// 200 dpi first, into `scratch_dir`). Returns false when tesseract cannot run.
bool RunTesseract(const std::string& path, int pdf_page, const std::string& scratch_dir,
                  std::string* text);

// The fields of page `page` ("ik"/"ip") found by their labels in `text`,
// normalised like the API's values (uppercase, one space, dates DD-MM-YYYY).
std::map<std::string, std::string> ParseLabelledFields(const std::string& text,
                                                       const std::string& page);

}  // namespace bpkb::cli
