#include "bpkb/layout/value_regions.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "bpkb/layout/ink_lines.h"

namespace bpkb::layout {
namespace {

double Cy(const cv::Rect& r) { return r.y + r.height / 2.0; }

cv::Rect Pad(const cv::Rect& r, double h, const cv::Size& page) {
  int px = static_cast<int>(0.6 * h), py = static_cast<int>(0.35 * h);
  cv::Rect out(r.x - px, r.y - py, r.width + 2 * px, r.height + 2 * py);
  return out & cv::Rect(0, 0, page.width, page.height);
}

int MaxLines(const std::string& field) {
  // 1-3 printed lines, each of which may wrap once more when it is long.
  if (field == "alamat") return 6;
  if (field == "nama_pemilik") return 2;  // a long name wraps once
  // IK values wrap at a word when longer than the column (the left column's
  // type up to 3 lines, the right column's colour too: a wide face wraps
  // "ABU-ABU TUA METALIK" twice).
  if (field == "tipe") return 3;
  if (field == "warna") return 3;
  if (field == "warna_tnkb") return 2;
  return 1;
}

const std::vector<std::string>& LabelOrder(PageKind kind) {
  static const std::vector<std::string> ik = {
      "nomor_polisi",    "merek",        "tipe",        "jenis",     "model",
      "tahun_pembuatan", "isi_silinder", "warna",       "no_rangka", "no_mesin",
      "bahan_bakar",     "jumlah_sumbu", "jumlah_roda", "warna_tnkb"};
  static const std::vector<std::string> ip = {
      "nama_pemilik", "pekerjaan", "alamat", "no_id", "lokasi_dikeluarkan", "tanggal_dikeluarkan"};
  return kind == PageKind::kIk ? ik : ip;
}

// The printed text of an IK label (the usual edition's).
const std::string& IkLabelText(const std::string& field) {
  static const std::map<std::string, std::string> texts = {{"nomor_polisi", "Nomor Registrasi"},
                                                           {"merek", "Merek"},
                                                           {"tipe", "Type"},
                                                           {"jenis", "Jenis"},
                                                           {"model", "Model"},
                                                           {"tahun_pembuatan", "Tahun Pembuatan"},
                                                           {"isi_silinder", "Isi Silinder"},
                                                           {"warna", "Warna"},
                                                           {"no_rangka", "Nomor Rangka/NIK/VIN"},
                                                           {"no_mesin", "Nomor Mesin"},
                                                           {"bahan_bakar", "Bahan Bakar"},
                                                           {"jumlah_sumbu", "Jumlah Sumbu"},
                                                           {"jumlah_roda", "Jumlah Roda"},
                                                           {"warna_tnkb", "Warna TNKB"}};
  static const std::string unknown = "Label";
  auto it = texts.find(field);
  return it == texts.end() ? unknown : it->second;
}

// A candidate kept only when the field's grammar accepts it: `b` padded on every
// side but the left, which starts at `left`.
void AddValidOnlyCandidate(const cv::Rect& b, int left, double h, const cv::Size& page,
                           ValueRegion* region) {
  cv::Rect padded = Pad(b, h, page);
  padded.width -= left - padded.x;
  padded.x = left;
  region->only_if_valid.resize(region->candidates.size(), false);
  region->candidates.push_back({padded});
  region->only_if_valid.push_back(true);
}

// The line read from each of its first word starts on: a stray word before the
// value (a label's tail, the subtitle, a colon read as a letter) is dropped in
// one of them, and the field's grammar picks (for fields whose grammar is
// strict: a plate, a VIN).
void AddTrimmedCandidates(const InkLine& line, double min_width, double h, const cv::Size& page,
                          ValueRegion* region) {
  const int kMaxStarts = 4;
  for (size_t k = 0; k < line.word_starts.size() && static_cast<int>(k) < kMaxStarts; ++k) {
    const int x = line.word_starts[k];
    if (line.box.br().x - x < min_width) break;
    AddValidOnlyCandidate(cv::Rect(x, line.box.y, line.box.br().x - x, line.box.height),
                          std::max(0, x - static_cast<int>(0.25 * h)), h, page, region);
  }
}

// An IK label put by the printed order is off by however much the values above
// or below it wrapped: the label's own ink, a bold line starting at the label
// column near the guess and on no found label's row, says where it is.
cv::Rect SnapToLabelInk(const cv::Mat& flat, const cv::Rect& guess,
                        const std::map<std::string, const LabelMatch*>& found, double pitch,
                        double h) {
  const double cy = Cy(guess);
  cv::Rect area(guess.x - static_cast<int>(0.5 * h), static_cast<int>(cy - 0.75 * pitch),
                static_cast<int>(6.5 * h), static_cast<int>(1.5 * pitch));
  const InkLine* best = nullptr;
  const std::vector<InkLine> lines = FindInkLines(flat, area, h, false);
  for (const InkLine& il : lines) {
    if (il.box.x > guess.x + h || il.box.width < 1.5 * h || il.box.height < 0.6 * h) continue;
    bool taken = false;
    for (auto& [name, m] : found) {
      if (std::abs(m->box.x - guess.x) < 4 * h && std::abs(Cy(m->box) - Cy(il.box)) < 0.5 * pitch) {
        taken = true;
      }
    }
    if (taken) continue;
    if (!best || il.ink > best->ink) best = &il;
  }
  if (best == nullptr) return guess;
  cv::Rect out = guess;
  // (Its top: the subtitle under it may have joined the line at the bottom.)
  out.y = best->all.y;
  return out;
}

// The right end of a label's printed words on its row: ink from the label's
// left edge on, up to the first gap wider than a capital (before the colon
// and the value); the box's own right edge when no ink starts near its left.
// `next_ink`: where ink starts again after that gap (the band's end if never).
int LabelInkEnd(const cv::Mat& flat, const cv::Rect& label, double h, int* next_ink = nullptr) {
  cv::Rect band(label.x, label.y, static_cast<int>(16 * h), label.height);
  band &= cv::Rect(0, 0, flat.cols, flat.rows);
  if (band.width < 3 || band.height < 3) return label.br().x;
  cv::Mat ink, columns;
  cv::threshold(flat(band), ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  cv::reduce(ink, columns, 0, cv::REDUCE_MAX);
  int first = -1, last = -1;
  if (next_ink) *next_ink = band.br().x;
  for (int x = 0; x < band.width; ++x) {
    if (columns.at<uchar>(0, x) == 0) continue;
    if (first < 0) {
      if (x > 1.5 * h) return label.br().x;
      first = x;
    } else if (x - last > 1.0 * h) {
      if (next_ink) *next_ink = band.x + x;
      break;
    }
    last = x;
  }
  return last < 0 ? label.br().x : band.x + last + 1;
}

// Labels Tesseract missed (a stamp over them, a value printed across them), put
// where the printed order and the spacing of their found neighbours say they are.
std::vector<LabelMatch> WithInferredLabels(const cv::Mat& flat,
                                           const std::vector<LabelMatch>& labels, PageKind kind,
                                           double h) {
  const auto& order = LabelOrder(kind);
  std::map<std::string, const LabelMatch*> found;
  for (const LabelMatch& m : labels) {
    if (!m.field.empty() && !m.subtitle && m.kind == kind) found[m.field] = &m;
  }
  std::vector<LabelMatch> out = labels;
  if (found.size() < 3) return out;
  auto same_column = [&](const cv::Rect& a, const cv::Rect& b) {
    return std::abs(a.x - b.x) < 4 * h;
  };
  // Pitch: the typical step between labels adjacent in order and in one column.
  std::vector<double> steps;
  for (size_t i = 0; i + 1 < order.size(); ++i) {
    auto a = found.find(order[i]), b = found.find(order[i + 1]);
    if (a == found.end() || b == found.end()) continue;
    if (!same_column(a->second->box, b->second->box)) continue;
    // (An owner's address takes 1-6 lines: the step after it is no pitch.)
    if (kind == PageKind::kIp && order[i] == "alamat") continue;
    double d = Cy(b->second->box) - Cy(a->second->box);
    if (d > h) steps.push_back(d);
  }
  if (steps.empty()) return out;
  std::nth_element(steps.begin(), steps.begin() + steps.size() / 2, steps.end());
  const double pitch = steps[steps.size() / 2];
  // IK: a label's width from its printed text and the found labels' width per
  // character (a neighbour's box copied as is would end the label too early or
  // late, and its value's region with it).
  std::vector<double> per_char;
  if (kind == PageKind::kIk) {
    for (auto& [name, m] : found) {
      per_char.push_back(m->box.width / static_cast<double>(IkLabelText(name).size()));
    }
    std::nth_element(per_char.begin(), per_char.begin() + per_char.size() / 2, per_char.end());
  }
  for (size_t i = 0; i < order.size(); ++i) {
    if (found.count(order[i])) continue;
    if (order[i] == "warna_tnkb") continue;         // optional: only when printed
    std::vector<std::pair<int, cv::Rect>> guesses;  // (distance in order, box)
    for (int dir : {-1, +1}) {
      for (int j = static_cast<int>(i) + dir; j >= 0 && j < static_cast<int>(order.size());
           j += dir) {
        // IK labels 1-7 form the left column and 8-13 the right one: a label
        // is placed from its own column's neighbours only.
        if (kind == PageKind::kIk && (i < 7) != (j < 7)) break;
        auto it = found.find(order[j]);
        if (it == found.end()) continue;
        cv::Rect b = it->second->box;
        int steps_away = static_cast<int>(i) - j;
        b.y += static_cast<int>(steps_away * pitch);
        // An IP address takes several lines: the labels after it are further
        // down, by a number of lines they do not tell (so neither the address's
        // label nor those above it are placed from them).
        bool crosses_alamat = kind == PageKind::kIp && dir > 0 && i <= 2 && j > 2;
        // Placed from the address's label or above it, a label after the
        // address assumes a one-line address: only when nothing below says.
        const bool after_alamat = kind == PageKind::kIp && dir < 0 && i > 2 && j <= 2;
        if (!crosses_alamat) {
          guesses.push_back({std::abs(steps_away) + (after_alamat ? 100 : 0), b});
        }
        break;
      }
    }
    if (kind == PageKind::kIk && (order[i] == "warna" || order[i] == "nomor_polisi")) {
      // Labels 1 and 8 open the two columns on one row: placed from below, the
      // right column's first label would cross the VIN's extra line (printed
      // under its label) and land on the VIN's label.
      const bool right = order[i] == "warna";
      auto across = found.find(right ? "nomor_polisi" : "warna");
      const LabelMatch* column = nullptr;
      for (auto& [name, m] : found) {
        const auto at = std::find(order.begin(), order.end(), name) - order.begin();
        if ((at >= 7) == right && name != "warna_tnkb") column = m;
      }
      if (across != found.end() && column != nullptr) {
        cv::Rect b = across->second->box;
        b.x = column->box.x;
        guesses.push_back({0, b});
      }
    }
    const cv::Rect* best = nullptr;
    int best_d = 1 << 20;
    for (auto& [d, b] : guesses) {
      bool taken = false;
      for (auto& [name, m] : found) {
        if (same_column(m->box, b) && std::abs(Cy(m->box) - Cy(b)) < 0.6 * pitch) taken = true;
      }
      if (b.y < 0 || taken) continue;
      if (d < best_d) {
        best_d = d;
        best = &b;
      }
    }
    if (best == nullptr) continue;
    LabelMatch m;
    m.field = order[i];
    m.kind = kind;
    m.box = *best;
    if (kind == PageKind::kIk) {
      // The column's labels start at one x (boxes of labels 10-13 hold their
      // number further left): the largest left edge in the column.
      for (auto& [name, o] : found) {
        if (same_column(o->box, m.box)) m.box.x = std::max(m.box.x, o->box.x);
      }
      m.box.width = static_cast<int>(per_char[per_char.size() / 2] * IkLabelText(m.field).size());
      m.box = SnapToLabelInk(flat, m.box, found, pitch, h);
    }
    if (kind == PageKind::kIp) {
      // An owner label placed from a neighbour has the neighbour's width: a
      // longer label ("Dikeluarkan di" under "No. KTP/TDP") ran on into the
      // value's region, and its last word was read as the value ("M" for
      // SERDANG BEDAGAI). Its own ink runs on to the gap before the colon.
      const int end = LabelInkEnd(flat, m.box, h);
      if (end > m.box.br().x && end <= m.box.br().x + 5 * h) m.box.width = end - m.box.x;
    }
    m.score = 0;
    out.push_back(m);
  }
  return out;
}

// An IK label's own line within a box that also took in the line under it
// (its English subtitle) or a mark above it: the heaviest ink line of normal
// height; the box's top line when none is.
cv::Rect LabelLine(const cv::Mat& flat, const cv::Rect& box, double h) {
  cv::Rect out = box;
  out.height = static_cast<int>(1.1 * h);
  const InkLine* best = nullptr;
  const std::vector<InkLine> lines = FindInkLines(flat, box, h, false);
  for (const InkLine& il : lines) {
    if (il.box.height < 0.6 * h || il.box.height > 1.6 * h || il.box.width < 2 * h) continue;
    if (!best || il.ink > best->ink) best = &il;
  }
  if (best == nullptr) return out;
  out.y = best->box.y;
  out.height = best->box.height;
  return out;
}

// The bottom of the English subtitle printed under an IK label (Tesseract's
// box when it read it, else where it is printed: about a capital under the
// label's line); -1 without a label.
int SubtitleBottom(const std::vector<LabelMatch>& labels, const cv::Rect& label, double h) {
  for (const LabelMatch& m : labels) {
    if (!m.subtitle || !m.field.empty()) continue;
    if (std::abs(m.box.x - label.x) > 2 * h) continue;
    if (m.box.y < label.y + 0.5 * h || m.box.y > label.br().y + 1.2 * h) continue;
    if (m.box.height > 1.2 * h) continue;
    return m.box.br().y;
  }
  return label.br().y + static_cast<int>(1.0 * h);
}

// Character-sized marks in a column of vertical text: each glyph spans about
// a capital's height across the column and a good part of it along; leader dots
// and rule ends are far thinner, QR modules merge into big blocks. `joined`:
// a solid run a glyph high across and several long counts as the glyphs that
// fit in it.
int CharacterCount(const cv::Mat& flat, const cv::Rect& box, double h, bool joined = false) {
  cv::Rect r = box & cv::Rect(0, 0, flat.cols, flat.rows);
  if (r.width < 3 || r.height < 3) return 0;
  cv::Mat ink, labels, stats, centroids;
  cv::threshold(flat(r), ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  int n = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  int count = 0;
  for (int i = 1; i < n; ++i) {
    int w = stats.at<int>(i, cv::CC_STAT_WIDTH), ht = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    if (w >= 0.4 * h && w <= 1.5 * h && ht >= 0.2 * h && ht <= 1.2 * h) ++count;
    // Glyphs that ran together (a low-resolution page's blur joins the
    // serial's digits): solid ink a glyph high across and several long,
    // as many characters as fit in it.
    const int area = stats.at<int>(i, cv::CC_STAT_AREA);
    if (joined && w >= 0.4 * h && w <= 1.5 * h && ht > 1.2 * h && ht <= 8 * h &&
        area >= 0.3 * w * ht) {
      count += static_cast<int>(ht / (0.6 * h));
    }
  }
  return count;
}

// The printer's vertical offset from the labels, shared by every value of an
// owner page: the median offset of the single-line values' ink from their
// labels (0 when fewer than two say).
double PrinterOffset(const cv::Mat& flat, const std::vector<const LabelMatch*>& labels, double h,
                     int x0, int x1) {
  std::vector<double> offsets;
  for (const LabelMatch* o : labels) {
    if (o->field == "alamat" || o->field == "nomor_bpkb") continue;
    const double cy = Cy(o->box);
    cv::Rect r(x0, static_cast<int>(cy - 1.3 * h), std::max(1, x1 - x0), static_cast<int>(2.6 * h));
    const InkLine* heaviest = nullptr;
    std::vector<InkLine> lines = FindInkLines(flat, r, h);
    for (const InkLine& il : lines) {
      if (il.box.width < 2 * h || il.box.height < 0.45 * h) continue;
      if (!heaviest || il.ink > heaviest->ink) heaviest = &il;
    }
    if (heaviest) offsets.push_back(Cy(heaviest->box) - cy);
  }
  if (offsets.size() < 2) return 0;
  std::nth_element(offsets.begin(), offsets.begin() + offsets.size() / 2, offsets.end());
  return offsets[offsets.size() / 2];
}

// Values printed further off their labels than PrinterOffset looks (1.7
// capitals high on a validation page: each label's look found the lower part
// of its value, or nothing, and the median said 0): the shift, beyond a capital
// and up to 2 capitals, at which a majority of the single-line labels have a
// whole value line (within 0.3 capitals), or 0 when none. Lines cut by the
// look's edges do not count: only whole ones sit at the shift.
double FarPrinterOffset(const cv::Mat& flat, const std::vector<const LabelMatch*>& labels, double h,
                        int x0, int x1) {
  std::vector<std::vector<double>> centres;  // per label: its whole lines' offsets
  for (const LabelMatch* o : labels) {
    if (o->field == "alamat" || o->field == "nomor_bpkb") continue;
    const double cy = Cy(o->box);
    const cv::Rect r(x0, static_cast<int>(cy - 2.6 * h), std::max(1, x1 - x0),
                     static_cast<int>(5.2 * h));
    std::vector<double> cs;
    for (const InkLine& il : FindInkLines(flat, r, h)) {
      if (il.box.width < 2 * h || il.box.height < 0.75 * h || il.box.height > 1.6 * h) continue;
      if (il.box.y <= r.y + 1 || il.box.br().y >= r.br().y - 1) continue;
      cs.push_back(Cy(il.box) - cy);
    }
    centres.push_back(std::move(cs));
  }
  if (centres.size() < 3) return 0;
  double best_shift = 0;
  size_t best_count = 0;
  for (double shift = -2.0 * h; shift <= 2.0 * h; shift += 0.1 * h) {
    size_t count = 0;
    for (const std::vector<double>& cs : centres) {
      count += std::any_of(cs.begin(), cs.end(),
                           [&](double c) { return std::abs(c - shift) <= 0.3 * h; });
    }
    if (count > best_count || (count == best_count && std::abs(shift) < std::abs(best_shift))) {
      best_count = count;
      best_shift = shift;
    }
  }
  if (std::abs(best_shift) <= 1.0 * h || 2 * best_count <= centres.size()) return 0;
  return best_shift;
}

// `box` up to the first gap without glyphs wider than 4 capitals and 7% of
// the page (the whole box when there is none).
cv::Rect CutAtWideGap(const cv::Mat& flat, const cv::Rect& box, double h) {
  const double max_gap = std::max(4.0 * h, 0.07 * flat.cols);
  cv::Rect r = box & cv::Rect(0, 0, flat.cols, flat.rows);
  if (r.width < 3 || r.height < 3) return box;
  cv::Mat ink, columns;
  cv::threshold(flat(r), ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  // The glyphs' upper part only: the dotted leader that runs through the gap
  // lies under the values' baseline (a hyphen, at mid-height, is kept).
  ink = ink(cv::Rect(0, 0, ink.cols, std::max(1, static_cast<int>(0.65 * ink.rows))));
  cv::reduce(ink, columns, 0, cv::REDUCE_MAX);
  int last_ink = -1;
  for (int x = 0; x < r.width; ++x) {
    if (columns.at<uchar>(0, x) == 0) continue;
    if (last_ink >= 0 && x - last_ink > max_gap) {
      cv::Rect out = r;
      out.width = last_ink + 1;
      return out;
    }
    last_ink = x;
  }
  return box;
}

// The gray level under which `share` of the pixels of `gray` lie.
double GrayLevelAt(const cv::Mat& gray, double share) {
  int counts[256] = {};
  for (int y = 0; y < gray.rows; ++y) {
    const uchar* row = gray.ptr<uchar>(y);
    for (int x = 0; x < gray.cols; ++x) ++counts[row[x]];
  }
  const double want = share * gray.rows * gray.cols;
  double seen = 0;
  for (int v = 0; v < 256; ++v) {
    seen += counts[v];
    if (seen > want) return v;
  }
  return 255;
}

// `box` (a value's line) widened over glyphs at either end that the line
// left out, within [x_min, x_max): a photocopy's toner fades unevenly, and
// letters printed lighter than the region's ink level ("EKO" after a dark
// "H."), or whose bars went with the rules ("SEPEDA" before "MOTOR"), were
// left out of the line and of its crop. Glyphs: marks darker than the paper
// by a quarter of the line's contrast (no rules erased), about as high as the
// line and level with it (not leader dots, not a colon), each within a
// capital of the last.
cv::Rect WithFaintEnds(const cv::Mat& flat, const cv::Rect& box, int x_min, int x_max, double h) {
  const int pad_y = static_cast<int>(0.2 * h);
  cv::Rect band(x_min, box.y - pad_y, x_max - x_min, box.height + 2 * pad_y);
  band &= cv::Rect(0, 0, flat.cols, flat.rows);
  if (band.width < 3 || band.height < 3 || box.height < 0.5 * h) return box;
  const cv::Mat roi = flat(band);
  // Paper: the band's bright level; ink: the line's own darkest twentieth.
  const cv::Rect own = box & band;
  if (own.area() == 0) return box;
  const double paper = GrayLevelAt(roi, 0.75), ink = GrayLevelAt(flat(own), 0.05);
  if (paper - ink < 60) return box;
  cv::Mat faint;
  cv::threshold(roi, faint, paper - 0.25 * (paper - ink), 255, cv::THRESH_BINARY_INV);
  const int k = std::max(3, static_cast<int>(0.3 * h)) | 1;
  cv::morphologyEx(faint, faint, cv::MORPH_CLOSE,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(1, k)));
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(faint, labels, stats, centroids, 8, CV_32S);
  std::vector<cv::Rect> glyphs;
  for (int i = 1; i < n; ++i) {
    cv::Rect g(band.x + stats.at<int>(i, cv::CC_STAT_LEFT),
               band.y + stats.at<int>(i, cv::CC_STAT_TOP), stats.at<int>(i, cv::CC_STAT_WIDTH),
               stats.at<int>(i, cv::CC_STAT_HEIGHT));
    if (g.height < 0.6 * box.height || g.height > 1.4 * box.height + 2) continue;
    if (g.width > 2.5 * h) continue;
    if (g.width < 0.35 * h && g.height < 0.8 * box.height) continue;  // a colon
    if (std::abs(Cy(g) - Cy(box)) > 0.25 * box.height) continue;
    glyphs.push_back(g);
  }
  cv::Rect out = box;
  const int gap = static_cast<int>(1.0 * h);
  for (bool grew = true; grew;) {
    grew = false;
    for (const cv::Rect& g : glyphs) {
      if (g.x < out.x && g.br().x >= out.x - gap) {
        out.width += out.x - g.x;
        out.x = g.x;
        grew = true;
      }
      if (g.br().x > out.br().x && g.x <= out.br().x + gap) {
        out.width = g.br().x - out.x;
        grew = true;
      }
    }
  }
  // (A glyph's own faint edge, a pixel or two, is no glyph: the box is kept.)
  const int min_growth = static_cast<int>(0.3 * h);
  if (box.x - out.x < min_growth) {
    out.width -= box.x - out.x;
    out.x = box.x;
  }
  if (out.br().x - box.br().x < min_growth) out.width = box.br().x - out.x;
  return out;
}

// The issue date's line cut short before each word that follows the date's
// start, each with the rows of its own glyphs: a signature or the stamp's
// ring printed right after the date on its row joined the line, stretched
// its box over two lines' height and was read with it ("13 B8 2005 05V RV"
// for 13 - 8 - 2005); a colon or a leader's row under the date stretched it
// too. Each cut is read and kept only when it is a date (the field's grammar).
void AddDateCuts(const cv::Mat& flat, const cv::Rect& box, const std::vector<int>& word_starts,
                 double h, const cv::Size& page, ValueRegion* region) {
  std::vector<int> ends;
  for (int ws : word_starts) {
    if (ws > box.x + 3 * h && ws < box.br().x) ends.push_back(ws);
  }
  ends.push_back(box.br().x);
  const int kMaxCuts = 6;
  if (static_cast<int>(ends.size()) > kMaxCuts) ends.resize(kMaxCuts);
  for (int end : ends) {
    const int pad_y = static_cast<int>(0.3 * h);
    cv::Rect cut(box.x, box.y - pad_y, end - box.x, box.height + 2 * pad_y);
    cut &= cv::Rect(0, 0, flat.cols, flat.rows);
    const InkLine* heaviest = nullptr;
    const std::vector<InkLine> lines = FindInkLines(flat, cut, h);
    for (const InkLine& il : lines) {
      if (il.box.width < 2 * h || il.box.height < 0.45 * h) continue;
      if (!heaviest || il.ink > heaviest->ink) heaviest = &il;
    }
    if (heaviest == nullptr) continue;
    // (Up to the next word: the line found in the cut may have left out a
    // last glyph's faint or broken strokes.)
    const cv::Rect b(box.x, heaviest->box.y, end - box.x, heaviest->box.height);
    // (The same crop as the line's own: nothing to add.)
    if (b.y == box.y && b.height == box.height && b.width == box.width) continue;
    cv::Rect padded = Pad(b, h, page);
    if (end < box.br().x) padded.width = std::min(padded.br().x, end) - padded.x;
    region->only_if_valid.resize(region->candidates.size(), false);
    region->candidates.push_back({padded});
    region->only_if_valid.push_back(true);
  }
}

// The serial's number ("I-01152258") within its column ("No.: I-01152258"):
// the space after the colon is the widest gap along the column, and the number
// is the longer side of it (whichever way the column reads).
cv::Rect SerialNumberPart(const cv::Mat& flat, const cv::Rect& column, double hs) {
  cv::Rect r = column & cv::Rect(0, 0, flat.cols, flat.rows);
  if (r.width < 3 || r.height < 3) return column;
  cv::Mat ink, rows;
  cv::threshold(flat(r), ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  cv::reduce(ink, rows, 1, cv::REDUCE_MAX);
  int first = -1, last = -1, gap_start = -1, gap_end = -1, run_start = -1;
  for (int y = 0; y < r.height; ++y) {
    if (rows.at<uchar>(y, 0) == 0) {
      if (run_start < 0) run_start = y;
      continue;
    }
    if (first < 0) first = y;
    if (run_start >= 0 && last >= 0 && y - run_start > gap_end - gap_start) {
      gap_start = run_start;
      gap_end = y;
    }
    run_start = -1;
    last = y;
  }
  if (gap_start < 0 || gap_end - gap_start < 0.5 * hs) return column;
  const int before = gap_start - first, after = last + 1 - gap_end;
  if (std::max(before, after) < 1.5 * std::min(before, after)) return column;
  cv::Rect out = r;
  if (after > before) {
    out.y = r.y + gap_end;
    out.height = after;
  } else {
    out.y = r.y + first;
    out.height = before;
  }
  return out;
}

// "Type" and "Model" are printed twice: the bold label and, a line under it,
// its italic English subtitle. Where Tesseract read only the subtitle, the
// label is the heavier line of at least the subtitle's height just above it,
// starting where it does; else the region sits a line low and a value printed
// high (a type's first line) is lost.
cv::Rect LabelAboveItsSubtitle(const cv::Mat& flat, const cv::Rect& box, double h) {
  const cv::Rect page(0, 0, flat.cols, flat.rows);
  const cv::Rect own = box & page;
  if (own.area() == 0) return box;
  int own_ink = 0;
  for (const InkLine& il : FindInkLines(flat, own, h, false)) own_ink = std::max(own_ink, il.ink);
  const int x0 = box.x - static_cast<int>(0.5 * h);
  const int y0 = box.y - static_cast<int>(1.8 * h);
  cv::Rect above = cv::Rect(x0, y0, box.br().x + static_cast<int>(h) - x0, box.y - y0) & page;
  if (above.height < 0.6 * h || own_ink == 0) return box;
  for (const InkLine& il : FindInkLines(flat, above, h, false)) {
    if (il.box.height < std::max(0.6 * h, 1.0 * box.height) || il.box.height > 1.6 * h) continue;
    if (std::abs(il.box.x - box.x) > 0.6 * h || il.box.width < 0.8 * box.width) continue;
    if (il.box.br().y > box.y + 0.3 * h || il.ink < 1.3 * own_ink) continue;
    return il.box;
  }
  return box;
}

// Found labels as the regions expect them: an IK label's box that ends a
// letter short ("Nomor Mesi") takes the rest of its word, else the value's
// crop starts with that letter and the colon, read as one more character.
std::vector<LabelMatch> Tidied(const cv::Mat& flat, const std::vector<LabelMatch>& found,
                               PageKind kind, double h) {
  std::vector<LabelMatch> out = found;
  for (LabelMatch& m : out) {
    if (m.field.empty() || m.subtitle || m.kind != kind) continue;
    if (kind == PageKind::kIp) {
      // An owner label found short of its last word ("Dikeluarkan" of
      // "Dikeluarkan di", up to 2 capitals more) left that word and the colon
      // at the start of the value's line, read with it. (Only a word set well apart from what
      // follows: a value printed close after its label, "TDP 3311...", would
      // lose its first glyph to the label.)
      int next_ink = 0;
      const int end = LabelInkEnd(flat, m.box, h, &next_ink);
      if (end > m.box.br().x && end <= m.box.br().x + 2 * h && next_ink - end >= 2 * h) {
        m.box.width = end - m.box.x;
      }
      continue;
    }
    if (m.field == "no_rangka" || m.field == "nomor_polisi") continue;
    if ((m.field == "tipe" || m.field == "model") && m.box.height <= 1.2 * h) {
      m.box = LabelAboveItsSubtitle(flat, m.box, h);
    }
    // The label's own ink runs on to a gap; only a short tail is taken (a
    // value printed over the label's end runs on, and is left alone).
    const cv::Rect line = m.box.height > 1.8 * h ? LabelLine(flat, m.box, h) : m.box;
    const int end = LabelInkEnd(flat, line, h);
    if (end > m.box.br().x && end <= m.box.br().x + 1.5 * h) m.box.width = end - m.box.x;
  }
  return out;
}

}  // namespace

double TextHeight(const std::vector<Word>& words) {
  std::vector<int> hs;
  for (const Word& w : words) {
    if (w.confidence >= 80 && w.text.size() >= 3 && w.box.height < 3 * w.box.width) {
      hs.push_back(w.box.height);
    }
  }
  if (hs.size() < 3) return 24;
  std::nth_element(hs.begin(), hs.begin() + hs.size() / 2, hs.end());
  return std::clamp(static_cast<double>(hs[hs.size() / 2]), 10.0, 80.0);
}

std::map<std::string, ValueRegion> FindValueRegions(const cv::Mat& flat,
                                                    const std::vector<LabelMatch>& found,
                                                    PageKind kind, double h) {
  std::map<std::string, ValueRegion> out;
  const std::vector<LabelMatch> labels =
      WithInferredLabels(flat, Tidied(flat, found, kind, h), kind, h);
  const cv::Size page = flat.size();
  std::vector<const LabelMatch*> fields;
  for (const LabelMatch& m : labels) {
    if (!m.field.empty() && !m.subtitle && m.kind == kind) fields.push_back(&m);
  }
  // Right of the value column: the border's inner edge, or the serial's column.
  // (IK: values end well inside it, at ~0.93; the frame line is at ~0.96.)
  int right_edge = static_cast<int>(page.width * (kind == PageKind::kIk ? 0.945 : 0.955));
  if (kind == PageKind::kIp) {
    // The serial runs vertically near the right edge of the page.
    ValueRegion serial;
    serial.field = "nomor_bpkb";
    serial.vertical = true;
    // Right of the value column, up to the border (whose inner edge lies at
    // ~0.96-0.98 of the width on the canonical page, depending on the crop).
    cv::Rect strip(static_cast<int>(page.width * 0.87), static_cast<int>(page.height * 0.075),
                   static_cast<int>(page.width * 0.115), static_cast<int>(page.height * 0.85));
    // The serial's own size: a small type, while `h` (from the words Tesseract
    // read) runs high on pages whose labels or values read tall.
    const double hs = std::min(h, page.width * 0.014);
    std::vector<InkLine> cols = FindVerticalInkLines(flat, strip, hs);
    // Columns that may be the serial, most characters first.
    std::vector<std::pair<double, const InkLine*>> columns;
    for (const InkLine& c : cols) {
      // The serial: a narrow column of ~15 characters ("No.: I-01152258"), not
      // the full-height border nor a slice of the QR code near the title (as
      // wide as it is tall, and shorter).
      if (c.box.height > 0.75 * page.height || c.box.height < 5 * hs) continue;
      if (c.box.width > 1.6 * hs) continue;
      // Printed characters, not a column of leader-line ends nor QR modules.
      // (Runs of joined glyphs count only in a column of a serial's length:
      // the border's inner edge is one long run of solid marks.)
      double score = CharacterCount(flat, c.box, hs, c.box.height <= 16 * hs);
      if (score < 6) continue;
      // More marks than characters fit along the column (one per half a
      // capital) are no printed text: the ends of the leaders under a
      // photocopy's hatched background gave 40 in a column of room for 19,
      // and beat the serial beside it.
      if (score > 1.5 * c.box.height / (0.5 * hs)) continue;
      columns.push_back({score, &c});
    }
    std::stable_sort(columns.begin(), columns.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    if (!columns.empty()) {
      serial.label_found = true;
      right_edge = std::min(right_edge, columns[0].second->box.x - static_cast<int>(0.3 * h));
    }
    // The two runners-up are read too and the serial's grammar picks: pieces of the
    // border's inner edge on a rotated page had more character-sized marks than
    // the serial beside it.
    const size_t read = 3;
    for (size_t i = 0; i < columns.size() && i < read; ++i) {
      const cv::Rect b = columns[i].second->box;
      int py = static_cast<int>(0.6 * h), px = static_cast<int>(0.35 * h);
      serial.candidates.push_back(
          {cv::Rect(b.x - px, b.y - py, b.width + 2 * px, b.height + 2 * py) &
           cv::Rect(0, 0, page.width, page.height)});
      // The number alone, without its printed "No.:", fits the field's grammar.
      cv::Rect number = SerialNumberPart(flat, b, hs);
      if (number != b) {
        serial.candidates.push_back(
            {cv::Rect(number.x - px, number.y - py / 2, number.width + 2 * px, number.height + py) &
             cv::Rect(0, 0, page.width, page.height)});
      }
    }
    out["nomor_bpkb"] = serial;
  }

  // (Owner pages: values printed more than a capital off their labels, looked
  // for once over the value column.)
  double far_offset = 0;
  if (kind == PageKind::kIp) {
    int column_x0 = 0;
    for (const LabelMatch* l : fields) column_x0 = std::max(column_x0, l->box.br().x);
    column_x0 += static_cast<int>(0.3 * h);
    if (column_x0 < right_edge) {
      far_offset = FarPrinterOffset(flat, fields, h, column_x0, right_edge);
    }
  }
  for (const LabelMatch* l : fields) {
    ValueRegion region;
    region.field = l->field;
    region.label_found = true;
    cv::Rect lb = l->box;
    // An IK label's box that took in its English subtitle (or a mark above it)
    // is two lines high: the label's own line is its heaviest.
    if (kind == PageKind::kIk && lb.height > 1.8 * h) lb = LabelLine(flat, lb, h);
    // Next label to the right on the same row, and neighbours in the same column.
    int x_end = right_edge;
    std::vector<int> next_column_x;
    double above = -1e9, below = 1e9;
    for (const LabelMatch* o : fields) {
      if (o == l) continue;
      const cv::Rect& ob = o->box;
      // The next column starts at the leftmost label right of this one, on any row.
      // (less its number, "10.", printed left of the label). (A quarter of the
      // page at least: a label of this column whose box holds only its last
      // word, "Registrasi" at 0.15 of the width, left the Type's value no room.)
      if (ob.x > lb.br().x + 2 * h && ob.x > lb.x + page.width / 4) {
        x_end = std::min(x_end, ob.x - static_cast<int>(3.5 * h));
        next_column_x.push_back(ob.x);
      }
      bool same_column = std::abs(ob.x - lb.x) < 4 * h;
      if (same_column && Cy(ob) < Cy(lb) - 0.5 * h) above = std::max(above, Cy(ob));
      if (same_column && Cy(ob) > Cy(lb) + 0.5 * h) below = std::min(below, Cy(ob));
    }
    if (kind == PageKind::kIk && !next_column_x.empty()) {
      // A long IK value runs up to the next column's numbers ("10."), which
      // Tesseract's boxes of labels 10-13 hold: the leftmost box is the numbers'
      // edge when the boxes' left edges differ by a number's width.
      auto [lo, hi] = std::minmax_element(next_column_x.begin(), next_column_x.end());
      // (The numbers sit ~0.03 of the page's width left of the labels.)
      const int number_width = std::max(static_cast<int>(2.8 * h), page.width * 36 / 1000);
      x_end = std::min(right_edge,
                       *lo - (*hi - *lo > 1.5 * h ? static_cast<int>(0.3 * h) : number_width));
    }
    int x0 = lb.br().x + static_cast<int>(0.3 * h);
    int max_lines = MaxLines(l->field);
    // IK values are printed up to ~1.5 capitals above or below their label's
    // line: a region of 1.3 capitals cut their glyphs and the glyphs were lost.
    const double reach = kind == PageKind::kIk ? 1.8 * h : 1.3 * h;
    double top = std::max(Cy(lb) - reach, (above + Cy(lb)) / 2.0);
    double bottom_single = std::min(Cy(lb) + reach, (below + Cy(lb)) / 2.0);
    // Wrapped lines stop above the next label of the column; an address is
    // printed at up to ~2.4 capitals per line.
    const double wrap_pitch = l->field == "alamat" ? 2.4 * h : 1.9 * h;
    double bottom = max_lines == 1
                        ? bottom_single
                        : std::min(Cy(lb) + (max_lines - 0.3) * wrap_pitch, below - 0.7 * h);
    auto lines_in = [&](int ax0, double ay0, int ax1, double ay1) {
      cv::Rect r(ax0, static_cast<int>(ay0), std::max(1, ax1 - ax0),
                 std::max(1, static_cast<int>(ay1 - ay0)));
      // Removing rules (dotted leaders) also takes the aligned tops of capitals
      // (E, T, bold serifs) of a line with them: an IK value that may wrap is
      // looked for without (a wrapped line would be lost as too low).
      const bool wraps = kind == PageKind::kIk && max_lines > 1;
      std::vector<InkLine> lines = FindInkLines(flat, r, h, !wraps);
      if (kind == PageKind::kIk && !wraps) {
        // Nothing as wide as a value: a bold serif value may have gone with
        // the leaders (IK leaders are rare; the recognizer reads through them).
        bool any = false;
        for (const InkLine& il : lines) any = any || il.box.width >= 2 * h;
        if (!any) lines = FindInkLines(flat, r, h, false);
      }
      // (An IK value whose letters' bars line up and almost touch, "BARANG",
      // loses them to rule removal too, and its last letters fall apart into
      // pieces too small for glyphs.)
      if (kind == PageKind::kIp || !wraps) {
        lines = WithLinesRulesErased(flat, r, h, std::move(lines));
      }
      // Substantial lines only: at least two characters' worth. (A wrapped IK
      // value may leave one letter alone on a line, "V" of KIJANG INNOVA 2.5 V
      // A/T DIESEL, and so may an address, "X" of KEC. NA IX - X: a full-height
      // glyph is kept there.)
      const bool may_wrap_a_letter = wraps || l->field == "alamat";
      std::vector<InkLine> kept;
      for (const InkLine& il : lines) {
        const bool lone_letter =
            may_wrap_a_letter && il.box.width >= 0.4 * h && il.box.height >= 0.8 * h;
        if ((il.box.width >= 0.8 * h || lone_letter) && il.box.height >= 0.45 * h) {
          kept.push_back(il);
        }
      }
      return kept;
    };

    if (l->field == "no_rangka") {
      // Same line, right of the label.
      std::vector<InkLine> same = lines_in(x0, top, x_end, bottom_single);
      // The line below: under the label and the English subtitle, from the
      // label's left (printed up to ~4 capitals below the label's centre).
      double next_top = Cy(lb) + 0.6 * h;
      double next_bottom = std::min(Cy(lb) + 4.2 * h, below - 0.6 * h);
      const int next_x0 = lb.x - static_cast<int>(1.5 * h);
      std::vector<InkLine> next = lines_in(next_x0, next_top, x_end, next_bottom);
      // A VIN printed high touches the subtitle's band, and the two read as one
      // line: the line under the subtitle's bottom is looked for on its own too
      // and cropped from there (a crop padded up over the subtitle's letters
      // reads them as the VIN's first characters).
      const int sub_bottom = SubtitleBottom(labels, lb, h);
      std::vector<cv::Rect> under;
      if (sub_bottom > next_top) {
        for (const InkLine& il : lines_in(next_x0, sub_bottom, x_end, next_bottom)) {
          if (il.box.width < 4 * h) continue;
          cv::Rect b = Pad(il.box, h, page);
          if (b.y >= sub_bottom) continue;  // (as found above)
          b.height -= sub_bottom - b.y;
          b.y = sub_bottom;
          under.push_back(b);
        }
      }
      // Every substantial line is a candidate; the VIN grammar picks (the English
      // subtitle under the label is one of them).
      for (const std::vector<InkLine>* ls : {&same, &next}) {
        for (const InkLine& il : *ls) {
          if (il.box.width < 4 * h) continue;
          region.candidates.push_back({Pad(il.box, h, page)});
          AddTrimmedCandidates(il, 8 * h, h, page, &region);
        }
      }
      for (const cv::Rect& b : under) region.candidates.push_back({b});
      // A VIN too long for the room is printed further left, across its own
      // label: a line on the label's row that starts where the region does
      // goes on left of it. Read it from a few starts across the label; only
      // a valid VIN is taken.
      for (const InkLine& il : same) {
        if (il.box.x > x0 + 1.5 * h || il.box.width < 3 * h) continue;
        // Only when glyphs go on left of the region's edge (not a colon, not
        // the gap before a VIN printed where it should be): each start costs a read.
        cv::Rect left(x0 - static_cast<int>(1.5 * h), il.box.y,
                      static_cast<int>(1.5 * h) + (il.box.x - x0) + static_cast<int>(0.3 * h),
                      il.box.height);
        bool goes_on = false;
        for (const InkLine& e : FindInkLines(flat, left, h, false)) {
          goes_on = goes_on || (e.box.width >= h && e.box.br().x >= x0 - static_cast<int>(0.5 * h));
        }
        if (!goes_on) continue;
        for (double sx = lb.x; sx < x0 - 0.5 * h; sx += 1.2 * h) {
          cv::Rect b(static_cast<int>(sx), il.box.y, il.box.br().x - static_cast<int>(sx),
                     il.box.height);
          AddValidOnlyCandidate(b, b.x, h, page, &region);
        }
      }
    } else {
      // Where the first line is expected: on the label's line, shifted by the
      // printer's offset when the other values of the page show it (an
      // address's lines are a line pitch apart, so the shift decides which).
      double expect = Cy(lb);
      if (l->field == "alamat") {
        const double dy = far_offset != 0 ? far_offset : PrinterOffset(flat, fields, h, x0, x_end);
        expect += dy;
        top = std::max(top + std::min(0.0, dy), 0.0);
      } else if (kind == PageKind::kIp) {
        // So is another owner value's: a date printed a line high was farther
        // from where it was looked for than the stamp's ring under it, level
        // with the label, and the ring was read; a date a little high, its top
        // cut by the look's edge, weighed less than a signature under it. The
        // look itself moves only with values well off their labels (moved for
        // a third of a capital, it took in the line above's leader, and a
        // dot-matrix NIK was split at its dots' rows).
        const double dy = far_offset != 0 ? far_offset : PrinterOffset(flat, fields, h, x0, x_end);
        expect += dy;
        if (std::abs(dy) >= 0.5 * h) {
          top = std::max(top + std::min(0.0, dy), 0.0);
          bottom = std::max(bottom, expect + 1.0 * h);
        }
      }
      std::vector<InkLine> lines = lines_in(x0, top, x_end, bottom);
      // The first line: the heaviest close to where it is expected.
      const InkLine* first = nullptr;
      double best = -1e18;
      for (const InkLine& il : lines) {
        double d = std::abs(Cy(il.box) - expect);
        if (d > (kind == PageKind::kIk ? 1.6 : 1.3) * h) continue;
        double score = il.ink - (expect != Cy(lb) ? 1.0 : 0.5) * d / h * il.ink;
        if (score > best) {
          best = score;
          first = &il;
        }
      }
      if (kind == PageKind::kIp && first) {
        // Owner values start right after the colon: of the substantial lines
        // on that row, the leftmost (ink far right on the date's row is the
        // officer's printed title).
        for (const InkLine& il : lines) {
          if (std::abs(Cy(il.box) - Cy(first->box)) > 0.5 * h) continue;
          if (il.ink >= 0.3 * first->ink && il.box.x < first->box.x) first = &il;
        }
      }
      if (kind == PageKind::kIk && max_lines > 1 && first) {
        // A wrapped value printed high has its heavier second line nearest the
        // label's: its first line is the one just above, starting about where
        // it does (within reach of the label's line).
        for (int k = 1; k < max_lines; ++k) {
          const InkLine* above_line = nullptr;
          for (const InkLine& il : lines) {
            if (il.box.br().y > first->box.y + 0.3 * h) continue;
            if (first->box.y - il.box.br().y > 1.0 * h) continue;
            if (std::abs(il.box.x - first->box.x) > 4 * h || il.box.height < 0.6 * h) continue;
            if (std::abs(Cy(il.box) - expect) > 1.6 * h || il.ink < 0.2 * first->ink) continue;
            if (!above_line || il.box.y > above_line->box.y) above_line = &il;
          }
          if (above_line == nullptr) break;
          first = above_line;
        }
      }
      std::vector<cv::Rect> boxes;
      if (first) {
        boxes.push_back(first->box);
        // Continuation lines below, each about one line pitch down.
        std::vector<const InkLine*> rest;
        for (const InkLine& il : lines) {
          if (&il != first && il.box.y > first->box.y + 0.6 * h) rest.push_back(&il);
        }
        std::sort(rest.begin(), rest.end(), [](auto* a, auto* b) { return a->box.y < b->box.y; });
        int last_bottom = first->box.br().y;
        if (kind == PageKind::kIp) {
          // The printer's vertical offset is the same for every value of the
          // page: the next label's value sits as far below that label as this
          // first line from ours, so a line that close to it is the next value.
          const double next_value = below + (Cy(first->box) - Cy(lb));
          // Each next line is looked for in a band just under the last one, on
          // its own: a short line ("49", a wrapped house number) is faint next
          // to full lines when the whole block is profiled at once.
          while (static_cast<int>(boxes.size()) < max_lines) {
            double band_top = last_bottom - 0.2 * h;
            double band_bottom = std::min(last_bottom + 3.2 * h, below + 0.5 * h);
            if (band_bottom - band_top < h) break;
            const std::vector<InkLine> band = lines_in(x0, band_top, x_end, band_bottom);
            // The topmost line that may be the next: under the last line's
            // tail, above the next value, starting about where the first did.
            auto pick = [&](const std::vector<InkLine>& ls) {
              const InkLine* p = nullptr;
              for (const InkLine& il : ls) {
                if (Cy(il.box) < last_bottom + 0.3 * h) continue;  // the last line's tail
                // (A lone letter, "X" of KEC. NA IX - X, sits wholly under the
                // last line: a mark reaching into it is a piece of its glyphs.)
                if (il.box.width < 0.8 * h && il.box.y < last_bottom) continue;
                if (Cy(il.box) > next_value - 1.2 * h) continue;
                if (std::abs(il.box.x - first->box.x) > 4 * h) continue;
                if (!p || il.box.y < p->box.y) p = &il;
              }
              return p;
            };
            const InkLine* next = pick(band);
            // A short line ("CUT", a village name's last word) over a full
            // one in the band is faint next to it in the band's profile and
            // was lost with the lines after it: the rows above the line
            // found are looked at on their own.
            std::vector<InkLine> above;
            if (next && next->box.y - last_bottom > 0.8 * h) {
              const double above_bottom = next->box.y - 0.1 * h;
              if (above_bottom - band_top >= h) {
                above = lines_in(x0, band_top, x_end, above_bottom);
                if (const InkLine* a = pick(above)) next = a;
              }
            }
            if (!next || next->box.y - last_bottom > 2.0 * h) break;
            boxes.push_back(next->box);
            last_bottom = next->box.br().y;
          }
        } else {
          // Continuation lines below, each about one line pitch down.
          std::vector<const InkLine*> rest;
          for (const InkLine& il : lines) {
            if (&il != first && il.box.y > first->box.y + 0.6 * h) rest.push_back(&il);
          }
          std::sort(rest.begin(), rest.end(), [](auto* a, auto* b) { return a->box.y < b->box.y; });
          // A wrapped line starts about where the first did, or where its
          // value did when the first line took in the label's tail and the
          // colon ("e : MOBILIO 1.5 E" over "CVT").
          auto starts_under_first = [&](const cv::Rect& b) {
            bool under_a_word = false;
            for (int ws : first->word_starts) {
              under_a_word = under_a_word || std::abs(b.x - ws) <= 1.5 * h;
            }
            return std::abs(b.x - first->box.x) <= 4 * h || under_a_word;
          };
          // A line of one or two letters ("V" alone, of KIJANG INNOVA 2.5 V
          // A/T DIESEL) is too faint next to full lines in the block's profile
          // to be found: the rows between (or under) the lines found are
          // looked at on their own.
          auto add_short_line_in = [&](double y0, double y1) {
            if (static_cast<int>(boxes.size()) >= max_lines || y1 - y0 < h) return;
            for (const InkLine& il : lines_in(x0, y0, x_end, y1)) {
              if (il.box.height < 0.6 * h || il.box.height > 1.8 * h) continue;
              if (il.box.width > 3 * h || !starts_under_first(il.box)) continue;
              boxes.push_back(il.box);
              last_bottom = il.box.br().y;
              return;
            }
          };
          for (const InkLine* il : rest) {
            if (static_cast<int>(boxes.size()) >= max_lines) break;
            if (il->box.y - last_bottom > 1.2 * h) {
              add_short_line_in(last_bottom + 0.1 * h, il->box.y - 0.1 * h);
            }
            if (static_cast<int>(boxes.size()) >= max_lines) break;
            if (il->box.y - last_bottom > 2.0 * h) break;
            if (il->box.height < 0.6 * h) continue;
            if (!starts_under_first(il->box)) continue;
            boxes.push_back(il->box);
            last_bottom = il->box.br().y;
          }
          add_short_line_in(last_bottom + 0.1 * h, std::min(last_bottom + 2.2 * h, bottom));
        }
      }
      if (kind == PageKind::kIp) {
        // Owner values are short runs of words: ink far right of them on the
        // same row is the officer's printed title or the stamp, not the value
        // (an address line may hold wide gaps between its parts).
        if (l->field != "alamat") {
          for (cv::Rect& b : boxes) b = CutAtWideGap(flat, b, h);
        }
      }
      // (Faint or rule-stripped glyphs at either end of a line are its own.)
      for (cv::Rect& b : boxes) b = WithFaintEnds(flat, b, x0, x_end, h);
      std::vector<cv::Rect> padded;
      // (Each line's crop stops halfway to the next line's glyphs: a wrapped
      // value's lines printed close, its crop padded over the next line's
      // glyphs read them too, "GRAN MAX MB 1.3 D" over its own line "D".)
      for (size_t i = 0; i < boxes.size(); ++i) {
        cv::Rect b = Pad(boxes[i], h, page);
        if (i + 1 < boxes.size() && boxes[i + 1].y > boxes[i].br().y) {
          const int half_way = (boxes[i].br().y + boxes[i + 1].y + 1) / 2;
          if (b.br().y > half_way) b.height = half_way - b.y;
        }
        if (i > 0 && boxes[i].y > boxes[i - 1].br().y) {
          const int half_way = (boxes[i - 1].br().y + boxes[i].y) / 2;
          if (b.y < half_way) {
            b.height -= half_way - b.y;
            b.y = half_way;
          }
        }
        padded.push_back(b);
      }
      if (!padded.empty()) region.candidates.push_back(padded);
      if (kind == PageKind::kIp && l->field == "tanggal_dikeluarkan" && first && !boxes.empty()) {
        AddDateCuts(flat, boxes[0], first->word_starts, h, page, &region);
      }
      if (kind == PageKind::kIk && (l->field == "isi_silinder" || l->field == "tahun_pembuatan") &&
          first && first->box.x <= x0 + 0.3 * h) {
        // A line cut by the region's left edge began with the label's last
        // letter and its subtitle's tail before the colon ("r city : 3.908
        // CC" read 673.908 CC): read from each word start too, and the
        // field's strict grammar picks.
        AddTrimmedCandidates(*first, 2 * h, h, page, &region);
      }
      if (l->field == "nomor_polisi" && first) {
        AddTrimmedCandidates(*first, 3 * h, h, page, &region);
        // Printed left, over the colon and the label's tail, the plate's first
        // letter lies before the region: read it from a little further left too.
        if (kind == PageKind::kIk && first->box.x <= x0 + 1.5 * h) {
          for (int k = 1; k <= 4; ++k) {
            cv::Rect b = first->box;
            const int left = std::max(0, x0 - static_cast<int>(0.6 * k * h));
            b.width += b.x - left;
            b.x = left;
            AddValidOnlyCandidate(b, b.x, h, page, &region);
          }
        }
      }
    }
    out[l->field] = region;
  }

  return out;
}

}  // namespace bpkb::layout
