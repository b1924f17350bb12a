// The printed labels of the two BPKB pages (BPKB.md) and their fuzzy matching
// against the words Tesseract finds on a page. Matched labels anchor the layout
// and, counted per page, tell which page it is. ScanLabels runs Tesseract on the
// label columns of a canonical page first (a third of its text, so of the time)
// and on the whole page only when the columns say too little.
#pragma once

#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "bpkb/layout/tesseract_engine.h"
#include "bpkb/page_kind.h"

namespace bpkb::layout {

struct LabelMatch {
  std::string field;  // API field, or "" for a title / subtitle
  PageKind kind = PageKind::kUnknown;
  bool subtitle = false;  // an IK English subtitle or a page title
  cv::Rect box;           // canonical page pixels
  double score = 0;       // 0..1 similarity
  int line = 0;
};

struct PageEvidence {
  PageKind kind = PageKind::kUnknown;
  double confidence = 0;  // 0..1 that `kind` is right
  int ik_labels = 0, ip_labels = 0;
  bool sure = false;  // enough evidence to refuse a request for the other page
  bool any = false;   // looks like a BPKB page at all
};

// At most one match per field (the best); titles and subtitles too.
std::vector<LabelMatch> MatchLabels(const std::vector<Word>& words);

PageEvidence JudgePage(const std::vector<LabelMatch>& matches);

// Where ScanLabels lets Tesseract look on the canonical (1700x1200, upright
// when the orientation is right) flattened page.
enum class LabelScope {
  // The left label column and the title band; the right column too when they
  // show the vehicle page. Values and the border are left out.
  kColumns,
  kWholePage,  // every word of the page
};

struct LabelScan {
  std::vector<Word> words;  // what Tesseract read, canonical page pixels
  std::vector<LabelMatch> labels;
  PageEvidence evidence;
};

// Enough labels of one page that the columns need no whole-page second look.
bool ClearRead(const PageEvidence& e);

Status ScanLabels(TesseractEngine* engine, const cv::Mat& flat_gray, LabelScope scope,
                  LabelScan* out);

// The same for a page located in an image with `source_scale` source pixels per
// canonical pixel (page::LocatedPage::source_scale): a page enlarged from a low
// resolution (under 0.6, about 150 dpi) is sharpened for Tesseract, and a
// column of it that still gives fewer than 4 labels is read once more with its
// contrast stretched (words of both reads kept). Boxes and words keep the flat
// page's pixels.
Status ScanLabels(TesseractEngine* engine, const cv::Mat& flat_gray, LabelScope scope,
                  double source_scale, LabelScan* out);

}  // namespace bpkb::layout
