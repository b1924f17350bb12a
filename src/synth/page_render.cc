#include "synth/page_render.h"

#include <qrencode.h>

#include <algorithm>
#include <cmath>

#include "synth/labels.h"
#include "synth/paper.h"

namespace bpkb::synth {
namespace {

constexpr int kW = 1700, kH = 1200;
constexpr double kBorderInset = 15, kBorder = 60;

// One printer pass over the page: one face, one ribbon, one misalignment.
class ValuePrinter {
 public:
  ValuePrinter(const Face& face, double cap, Rng& rng)
      : face_(face), style_(RandomInkStyle(face, cap, rng)), ribbon_(RandomInk(rng)) {
    // Pages rarely show line mode's widest letter spacing (values fit the form).
    style_.spacing = std::min(style_.spacing, 0.16);
    density_ = rng.Uniform(0.7, 1.0);
    // The form was fed a few millimetres off: values sit above, across or below
    // the leaders and may start before the colon (BPKB.md).
    dx_ = std::clamp(rng.Normal(0, 28), -70.0, 90.0);
    dy_ = std::clamp(rng.Normal(-4, 11), -28.0, 18.0);
  }
  double dx() const { return dx_; }
  double dy() const { return dy_; }
  const InkStyle& style() const { return style_; }

  // Width in pixels that `text` takes when printed.
  double Measure(const std::string& text, Rng& rng) const {
    Rng copy = rng;
    int base = 0;
    cv::Mat ink = RenderInk(face_, text, style_, copy, &base);
    return ink.cols - 2.0 * std::ceil(style_.cap_px);
  }

  void Print(cv::Mat& px, const std::string& text, double x, double baseline, Rng& rng) const {
    if (text.empty()) return;
    int base = 0;
    cv::Mat ink = RenderInk(face_, text, style_, rng, &base);
    const int pad = static_cast<int>(std::ceil(style_.cap_px));
    CompositeInk(px, ink, static_cast<int>(std::lround(x + rng.Normal(0, 2))) - pad,
                 static_cast<int>(std::lround(baseline + rng.Normal(0, 1.5))) - base, ribbon_,
                 density_);
  }

 private:
  const Face& face_;
  InkStyle style_;
  cv::Scalar ribbon_;
  double density_, dx_, dy_;
};

// Splits printed lines further where they do not fit `width` pixels.
std::vector<std::string> Wrap(const std::vector<std::string>& lines, double width,
                              const ValuePrinter& printer, Rng& rng) {
  std::vector<std::string> out;
  for (const auto& line : lines) {
    std::string cur;
    size_t start = 0;
    while (start <= line.size()) {
      size_t end = line.find(' ', start);
      if (end == std::string::npos) end = line.size();
      std::string word = line.substr(start, end - start);
      std::string trial = cur.empty() ? word : cur + " " + word;
      if (!cur.empty() && printer.Measure(trial, rng) > width) {
        out.push_back(cur);
        cur = word;
      } else {
        cur = trial;
      }
      start = end + 1;
    }
    if (!cur.empty()) out.push_back(cur);
  }
  return out;
}

void DrawFrame(Canvas& canvas, cv::Scalar paper, Rng& rng) {
  cairo_t* cr = canvas.cr();
  DrawSecurityPattern(cr, 0, 0, kW, kH, paper, rng);
  DrawCrest(cr, kW / 2.0 + rng.Uniform(-40, 40), kH / 2.0 + rng.Uniform(-40, 40),
            rng.Uniform(220, 320), paper - cv::Scalar(14, 12, 14));
  const double k = rng.Uniform(40, 110);
  const cv::Scalar border(k + rng.Uniform(0, 50), k + rng.Uniform(10, 50), k + rng.Uniform(0, 40));
  Rng band_rng(rng.Next());
  DrawGuillocheBand(cr, kBorderInset, kBorderInset, kW - 2 * kBorderInset, kBorder, false, border,
                    band_rng);
  band_rng = Rng(rng.Next());
  DrawGuillocheBand(cr, kBorderInset, kH - kBorderInset - kBorder, kW - 2 * kBorderInset, kBorder,
                    false, border, band_rng);
  band_rng = Rng(rng.Next());
  DrawGuillocheBand(cr, kBorderInset, kBorderInset, kBorder, kH - 2 * kBorderInset, true, border,
                    band_rng);
  band_rng = Rng(rng.Next());
  DrawGuillocheBand(cr, kW - kBorderInset - kBorder, kBorderInset, kBorder, kH - 2 * kBorderInset,
                    true, border, band_rng);
  SetSource(cr, border);
  cairo_set_line_width(cr, 3);
  cairo_rectangle(cr, kBorderInset + kBorder + 6, kBorderInset + kBorder + 6,
                  kW - 2 * (kBorderInset + kBorder + 6), kH - 2 * (kBorderInset + kBorder + 6));
  cairo_stroke(cr);
}

void DrawEdgeSerial(cairo_t* cr, const std::string& serial, Rng& rng) {
  cairo_save(cr);
  cairo_translate(cr, kW - kBorderInset - kBorder - 22, kH / 2.0 + rng.Uniform(-150, 150));
  cairo_rotate(cr, -M_PI / 2);
  const cv::Scalar red(rng.Uniform(30, 70), rng.Uniform(30, 60), rng.Uniform(140, 200));
  const std::string font = rng.Chance(0.5) ? "Liberation Mono Bold" : "DejaVu Sans Mono Bold";
  DrawText(cr, font, "No.: " + serial, -150, 0, rng.Uniform(22, 28), red);
  cairo_restore(cr);
}

void DrawQr(cairo_t* cr, const std::string& text, double x, double y, double size) {
  QRcode* qr = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (!qr) return;
  const double cell = size / (qr->width + 2);
  cairo_save(cr);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, x, y, size, size);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0.08, 0.08, 0.08);
  for (int r = 0; r < qr->width; ++r)
    for (int c = 0; c < qr->width; ++c)
      if (qr->data[r * qr->width + c] & 1)
        cairo_rectangle(cr, x + (c + 1) * cell, y + (r + 1) * cell, cell, cell);
  cairo_fill(cr);
  cairo_restore(cr);
  QRcode_free(qr);
}

void DrawTick(cairo_t* cr, double x, double y, double s, cv::Scalar ink) {
  cairo_save(cr);
  SetSource(cr, ink);
  cairo_set_line_width(cr, s * 0.15);
  cairo_move_to(cr, x, y + s * 0.5);
  cairo_line_to(cr, x + s * 0.35, y + s * 0.9);
  cairo_line_to(cr, x + s, y);
  cairo_stroke(cr);
  cairo_restore(cr);
}

struct FormStyle {
  std::string bold, italic;
  cv::Scalar ink;
  double label_px;
};

FormStyle RandomFormStyle(Rng& rng) {
  FormStyle f;
  f.bold = RandomLabelFont(rng, false);
  f.italic = RandomLabelFont(rng, true);
  const double k = rng.Uniform(15, 60);
  f.ink = cv::Scalar(k + rng.Uniform(0, 20), k, k);
  f.label_px = rng.Uniform(27, 33);
  return f;
}

void DrawTitle(cairo_t* cr, const FormStyle& f, const std::string& title,
               const std::string& subtitle, double y) {
  double w = DrawText(cr, f.bold, title, 0, 0, f.label_px * 1.4, f.ink, true);
  DrawText(cr, f.bold, title, (kW - w) / 2, y, f.label_px * 1.4, f.ink);
  if (!subtitle.empty()) {
    double ws = DrawText(cr, f.italic, subtitle, 0, 0, f.label_px * 0.8, f.ink, true);
    DrawText(cr, f.italic, subtitle, (kW - ws) / 2, y + f.label_px * 1.2, f.label_px * 0.8, f.ink);
  }
}

void RenderOwner(Canvas& canvas, const Record& rec, const Face& face, Rng& rng) {
  cairo_t* cr = canvas.cr();
  const FormStyle f = RandomFormStyle(rng);
  DrawTitle(cr, f, "I. IDENTITAS PEMILIK", "", 185);
  const FieldValue* serial = rec.Find("nomor_bpkb");
  if (rng.Chance(0.6))
    DrawQr(cr, "BPKB-" + (serial ? serial->truth : std::string("X")), kW - 330, 105, 125);
  const ValuePrinter printer(face, rng.Uniform(24, 31), rng);
  const double label_x = 175 + rng.Uniform(-10, 10), colon_x = 560 + rng.Uniform(-15, 15);
  const double value_x = colon_x + 40, right = kW - 190;
  double y = 300;
  struct Row {
    const FieldLabel* label;
    std::vector<std::string> lines;
    int slots;
  };
  std::vector<Row> rows;
  for (const auto& l : OwnerLabels()) {
    const FieldValue* v = rec.Find(l.field);
    if (!v && (l.field == "alamat_email" || l.field == "no_telepon")) continue;
    std::vector<std::string> lines =
        v ? Wrap(v->printed, right - value_x - 20, printer, rng) : std::vector<std::string>{};
    rows.push_back({&l, lines, l.field == "alamat" ? 3 : 1});
  }
  const double pitch = rows.size() > 7 ? 66 : 74;
  for (const Row& row : rows) {
    std::string label = row.label->label;
    if (!row.label->variants.empty() && rng.Chance(0.4)) label = rng.Pick(row.label->variants);
    DrawText(cr, f.bold, label, label_x, y, f.label_px, f.ink);
    DrawText(cr, f.bold, ":", colon_x, y, f.label_px, f.ink);
    const int slots = std::max<int>(row.slots, static_cast<int>(row.lines.size()));
    for (int s = 0; s < slots; ++s)
      DrawLeader(cr, colon_x + 22, right, y + s * pitch * 0.8 + 4, f.label_px, true, f.ink, rng);
    cv::Mat& pixels = canvas.BeginPixels();
    for (size_t i = 0; i < row.lines.size(); ++i)
      printer.Print(pixels, row.lines[i], value_x + printer.dx(),
                    y + i * pitch * 0.8 + printer.dy(), rng);
    canvas.EndPixels();
    y += pitch + (slots - 1) * pitch * 0.8;
  }
  // Stamp and signature of the issuing officer, crossing the lower values.
  DrawText(cr, f.bold, "KEPALA KEPOLISIAN DAERAH", kW - 600, kH - 230, f.label_px * 0.75, f.ink);
  DrawStamp(cr, kW - 480 + rng.Uniform(-80, 60), kH - 230 + rng.Uniform(-50, 30),
            rng.Uniform(85, 120), rng);
  DrawSignature(cr, kW - 600 + rng.Uniform(-60, 60), kH - 300 + rng.Uniform(-30, 30),
                rng.Uniform(220, 330), rng.Uniform(70, 120), rng);
  if (serial) DrawEdgeSerial(cr, serial->truth, rng);
  DrawText(cr, f.bold, "2", rng.Chance(0.5) ? 115 : kW - 135, kH - 100, f.label_px * 0.9, f.ink);
}

void RenderVehicle(Canvas& canvas, const Record& rec, const Face& face, Rng& rng) {
  cairo_t* cr = canvas.cr();
  const FormStyle f = RandomFormStyle(rng);
  DrawTitle(cr, f, "II. IDENTITAS KENDARAAN", "VEHICLE IDENTITY", 170);
  const ValuePrinter printer(face, rng.Uniform(22, 28), rng);
  const double label_px = f.label_px * 0.85;
  const double line_pitch = printer.style().cap_px * 1.55;  // wrapped value lines
  struct Column {
    double num_x, label_x, colon_x, value_x, right;
  };
  const Column cols[2] = {{110, 155, 430, 455, 880}, {895, 945, 1200, 1222, kW - 130}};
  const auto& labels = VehicleLabels();
  double y[2] = {275, 275};
  const double pitch = 86;
  const bool vin_below = rng.Chance(0.7);
  int number = 0;
  for (const auto& l : labels) {
    const FieldValue* v = rec.Find(l.field);
    if (!v) continue;  // warna_tnkb only on new editions
    ++number;
    const int c = number <= 7 ? 0 : 1;
    const Column& col = cols[c];
    const double base = y[c];
    DrawText(cr, f.bold, std::to_string(number) + ".", col.num_x, base, label_px, f.ink);
    std::string label = l.label;
    if (!l.variants.empty() && rng.Chance(0.3)) label = rng.Pick(l.variants);
    DrawText(cr, f.bold, label, col.label_x, base, label_px, f.ink);
    DrawText(cr, f.italic, l.subtitle, col.label_x, base + label_px * 0.8, label_px * 0.62, f.ink);
    DrawText(cr, f.bold, ":", col.colon_x, base, label_px, f.ink);
    double x = col.value_x, line_y = base;
    double width = col.right - col.value_x;
    if (l.field == "no_rangka" && vin_below) {  // the VIN on the line below its label
      x = col.label_x + rng.Uniform(40, 120);
      line_y = base + label_px * 2.0;
      width = col.right - x;
    }
    auto lines = Wrap(v->printed, width, printer, rng);
    cv::Mat& pixels = canvas.BeginPixels();
    for (size_t i = 0; i < lines.size(); ++i) {
      // A word longer than the room (a VIN) is printed further left, not cut.
      double lx = x + printer.dx() * 0.6;
      const double w = printer.Measure(lines[i], rng);
      if (lx + w > col.right + 15) lx = std::max(col.label_x, col.right + 15 - w);
      printer.Print(pixels, lines[i], lx, line_y + i * line_pitch + printer.dy() * 0.7, rng);
    }
    canvas.EndPixels();
    double extra = (line_y - base) + (lines.size() > 1 ? (lines.size() - 1) * line_pitch : 0);
    y[c] += pitch + std::max(0.0, extra - label_px * 0.3);
  }
  // The category table with tick boxes.
  static const char* cats[] = {"Mobil Penumpang", "Mobil Bus", "Mobil Barang", "Sepeda Motor",
                               "Kendaraan Khusus"};
  const FieldValue* jenis = rec.Find("jenis");
  std::string j = jenis ? jenis->truth : "";
  int ticked = j == "MB PENUMPANG"   ? 0
               : j == "MB BUS"       ? 1
               : j == "MB BARANG"    ? 2
               : j == "SEPEDA MOTOR" ? 3
                                     : 4;
  const double ty = std::max(y[0], y[1]) + 10, tx0 = 120, tw = (kW - 245) / 5.0;
  SetSource(cr, f.ink);
  cairo_set_line_width(cr, 2);
  cairo_rectangle(cr, tx0, ty, tw * 5, 90);
  cairo_stroke(cr);
  for (int i = 0; i < 5; ++i) {
    const double cx = tx0 + i * tw;
    if (i) {
      cairo_move_to(cr, cx, ty);
      cairo_line_to(cr, cx, ty + 90);
      cairo_stroke(cr);
    }
    DrawText(cr, f.bold, cats[i], cx + 14, ty + 36, label_px * 0.75, f.ink);
    cairo_rectangle(cr, cx + 14, ty + 50, 30, 30);
    cairo_stroke(cr);
    if (i == ticked) DrawTick(cr, cx + 17, ty + 52, 26, cv::Scalar(30, 30, 30));
  }
  DrawText(cr, f.bold, "3", rng.Chance(0.5) ? 115 : kW - 135, kH - 100, f.label_px * 0.9, f.ink);
}

void RenderOther(Canvas& canvas, const Face& face, Rng& rng) {
  cairo_t* cr = canvas.cr();
  const FormStyle f = RandomFormStyle(rng);
  static const char* titles[] = {"III. CATATAN PERUBAHAN", "IV. PENGESAHAN",
                                 "BUKU PEMILIK KENDARAAN BERMOTOR", "V. CATATAN PENTING"};
  DrawTitle(cr, f, titles[rng.Int(0, 3)], rng.Chance(0.5) ? "NOTES" : "", 190);
  const ValuePrinter printer(face, rng.Uniform(22, 28), rng);
  SetSource(cr, f.ink);
  cairo_set_line_width(cr, 2);
  for (int r = 0; r < 8; ++r) {
    cairo_move_to(cr, 140, 300 + r * 90);
    cairo_line_to(cr, kW - 140, 300 + r * 90);
  }
  cairo_stroke(cr);
  cv::Mat& px = canvas.BeginPixels();
  const int notes = rng.Int(0, 3);
  for (int r = 0; r < notes; ++r)
    printer.Print(px,
                  "MUTASI KELUAR " + std::to_string(rng.Int(1, 28)) + " - " +
                      std::to_string(rng.Int(1, 12)) + " - " + std::to_string(rng.Int(2005, 2024)),
                  200, 370 + r * 90, rng);
  canvas.EndPixels();
}

}  // namespace

RenderedPage RenderPage(PageSide side, const Record& record, const Face& face, Rng& rng) {
  const cv::Scalar paper = RandomPaper(rng);
  Canvas canvas(kW, kH, paper);
  DrawFrame(canvas, paper, rng);
  switch (side) {
    case PageSide::kIp:
      RenderOwner(canvas, record, face, rng);
      break;
    case PageSide::kIk:
      RenderVehicle(canvas, record, face, rng);
      break;
    case PageSide::kOther:
      RenderOther(canvas, face, rng);
      break;
  }
  RenderedPage page;
  page.bgr = canvas.ToBgr();
  page.record = record;
  page.face = face.name;
  return page;
}

}  // namespace bpkb::synth
