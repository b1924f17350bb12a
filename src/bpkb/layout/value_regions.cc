#include "bpkb/layout/value_regions.h"

#include <algorithm>
#include <cmath>

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
  if (field == "alamat") return 4;
  if (field == "tipe") return 2;
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

// Labels Tesseract missed (a stamp over them, a value printed across them), put
// where the printed order and the spacing of their found neighbours say they are.
std::vector<LabelMatch> WithInferredLabels(const std::vector<LabelMatch>& labels, PageKind kind,
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
    double d = Cy(b->second->box) - Cy(a->second->box);
    if (d > h) steps.push_back(d);
  }
  if (steps.empty()) return out;
  std::nth_element(steps.begin(), steps.begin() + steps.size() / 2, steps.end());
  const double pitch = steps[steps.size() / 2];
  for (size_t i = 0; i < order.size(); ++i) {
    if (found.count(order[i])) continue;
    if (order[i] == "warna_tnkb") continue;         // optional: only when printed
    std::vector<std::pair<int, cv::Rect>> guesses;  // (distance in order, box)
    for (int dir : {-1, +1}) {
      for (int j = static_cast<int>(i) + dir; j >= 0 && j < static_cast<int>(order.size());
           j += dir) {
        auto it = found.find(order[j]);
        if (it == found.end()) continue;
        cv::Rect b = it->second->box;
        int steps_away = static_cast<int>(i) - j;
        b.y += static_cast<int>(steps_away * pitch);
        // An IP address takes several lines: the label after it is further down.
        bool crosses_alamat = kind == PageKind::kIp && dir > 0 && i < 2 && j > 2;
        if (!crosses_alamat) guesses.push_back({std::abs(steps_away), b});
        break;
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
    m.score = 0;
    out.push_back(m);
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
  const std::vector<LabelMatch> labels = WithInferredLabels(found, kind, h);
  const cv::Size page = flat.size();
  std::vector<const LabelMatch*> fields;
  for (const LabelMatch& m : labels) {
    if (!m.field.empty() && !m.subtitle && m.kind == kind) fields.push_back(&m);
  }
  // Right of the value column: the border's inner edge, or the serial's column.
  int right_edge = static_cast<int>(page.width * 0.955);
  if (kind == PageKind::kIp) {
    // The serial runs vertically near the right edge of the page.
    ValueRegion serial;
    serial.field = "nomor_bpkb";
    serial.vertical = true;
    // Inside the border's inner edge (~0.955 of the width on the canonical page).
    cv::Rect strip(static_cast<int>(page.width * 0.85), static_cast<int>(page.height * 0.075),
                   static_cast<int>(page.width * 0.1), static_cast<int>(page.height * 0.85));
    std::vector<InkLine> cols = FindVerticalInkLines(flat, strip, h);
    const InkLine* best = nullptr;
    for (const InkLine& c : cols) {
      // The serial: a column of ~15 characters, not the full-height border.
      if (c.box.height > 0.75 * page.height || c.box.height < 4 * h) continue;
      if (c.box.width > 2.2 * h) continue;  // the QR code: as wide as it is tall
      if (!best || c.ink > best->ink) best = &c;
    }
    if (best) {
      serial.label_found = true;
      right_edge = std::min(right_edge, best->box.x - static_cast<int>(0.3 * h));
      cv::Rect b = best->box;
      int py = static_cast<int>(0.6 * h), px = static_cast<int>(0.35 * h);
      serial.candidates.push_back(
          {cv::Rect(b.x - px, b.y - py, b.width + 2 * px, b.height + 2 * py) &
           cv::Rect(0, 0, page.width, page.height)});
    }
    out["nomor_bpkb"] = serial;
  }

  for (const LabelMatch* l : fields) {
    ValueRegion region;
    region.field = l->field;
    region.label_found = true;
    const cv::Rect& lb = l->box;
    // Next label to the right on the same row, and neighbours in the same column.
    int x_end = right_edge;
    double above = -1e9, below = 1e9;
    for (const LabelMatch* o : fields) {
      if (o == l) continue;
      const cv::Rect& ob = o->box;
      // The next column starts at the leftmost label right of this one, on any row.
      // (less its number, "10.", printed left of the label).
      if (ob.x > lb.br().x + 2 * h) x_end = std::min(x_end, ob.x - static_cast<int>(3.5 * h));
      bool same_column = std::abs(ob.x - lb.x) < 4 * h;
      if (same_column && Cy(ob) < Cy(lb) - 0.5 * h) above = std::max(above, Cy(ob));
      if (same_column && Cy(ob) > Cy(lb) + 0.5 * h) below = std::min(below, Cy(ob));
    }
    int x0 = lb.br().x + static_cast<int>(0.3 * h);
    int max_lines = MaxLines(l->field);
    double top = std::max(Cy(lb) - 1.3 * h, (above + Cy(lb)) / 2.0);
    double bottom_single = std::min(Cy(lb) + 1.3 * h, (below + Cy(lb)) / 2.0);
    double bottom = max_lines == 1
                        ? bottom_single
                        : std::min(Cy(lb) + (max_lines - 0.3) * 1.9 * h, below - 0.7 * h);
    auto lines_in = [&](int ax0, double ay0, int ax1, double ay1) {
      cv::Rect r(ax0, static_cast<int>(ay0), std::max(1, ax1 - ax0),
                 std::max(1, static_cast<int>(ay1 - ay0)));
      std::vector<InkLine> lines = FindInkLines(flat, r, h);
      // Substantial lines only: at least two characters' worth.
      std::vector<InkLine> kept;
      for (const InkLine& il : lines) {
        if (il.box.width >= 0.8 * h && il.box.height >= 0.45 * h) kept.push_back(il);
      }
      return kept;
    };

    if (l->field == "no_rangka") {
      // Same line, right of the label.
      std::vector<InkLine> same = lines_in(x0, top, x_end, bottom_single);
      // The line below: under the label and the English subtitle, from the label's left.
      double next_top = Cy(lb) + 0.6 * h;
      double next_bottom = std::min(Cy(lb) + 3.2 * h, below - 0.6 * h);
      std::vector<InkLine> next =
          lines_in(lb.x - static_cast<int>(1.5 * h), next_top, x_end, next_bottom);
      // Every substantial line is a candidate; the VIN grammar picks (the English
      // subtitle under the label is one of them).
      for (const std::vector<InkLine>* ls : {&same, &next}) {
        for (const InkLine& il : *ls) {
          if (il.box.width < 4 * h) continue;
          region.candidates.push_back({Pad(il.box, h, page)});
        }
      }
    } else {
      std::vector<InkLine> lines = lines_in(x0, top, x_end, bottom);
      // The first line: the heaviest close to the label's own line.
      const InkLine* first = nullptr;
      double best = -1e18;
      for (const InkLine& il : lines) {
        double d = std::abs(Cy(il.box) - Cy(lb));
        if (d > 1.3 * h) continue;
        double score = il.ink - 0.5 * d / h * il.ink;
        if (score > best) {
          best = score;
          first = &il;
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
        for (const InkLine* il : rest) {
          if (static_cast<int>(boxes.size()) >= max_lines) break;
          if (il->box.y - last_bottom > 2.0 * h) break;
          if (il->box.height < 0.6 * h) continue;
          // A wrapped line starts about where the first did.
          if (std::abs(il->box.x - first->box.x) > 4 * h) continue;
          boxes.push_back(il->box);
          last_bottom = il->box.br().y;
        }
      }
      std::vector<cv::Rect> padded;
      for (const cv::Rect& b : boxes) padded.push_back(Pad(b, h, page));
      if (!padded.empty()) region.candidates.push_back(padded);
    }
    out[l->field] = region;
  }

  return out;
}

}  // namespace bpkb::layout
