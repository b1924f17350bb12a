#include "synth/paper.h"

#include "synth/font_cache.h"

#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

namespace bpkb::synth {

Canvas::Canvas(int width, int height, cv::Scalar paper) : width_(width), height_(height) {
  surface_ = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
  cr_ = cairo_create(surface_);
  SetSource(cr_, paper);
  cairo_paint(cr_);
  mat_ = cv::Mat(height, width, CV_8UC4, cairo_image_surface_get_data(surface_),
                 static_cast<size_t>(cairo_image_surface_get_stride(surface_)));
}

Canvas::~Canvas() {
  cairo_destroy(cr_);
  cairo_surface_destroy(surface_);
}

cv::Mat& Canvas::BeginPixels() {
  cairo_surface_flush(surface_);
  return mat_;
}

void Canvas::EndPixels() { cairo_surface_mark_dirty(surface_); }

cv::Mat Canvas::ToBgr() {
  cairo_surface_flush(surface_);
  cv::Mat out;
  cv::cvtColor(mat_, out, cv::COLOR_BGRA2BGR);
  return out;
}

void SetSource(cairo_t* cr, cv::Scalar bgr, double alpha) {
  cairo_set_source_rgba(cr, bgr[2] / 255.0, bgr[1] / 255.0, bgr[0] / 255.0, alpha);
}

cv::Scalar RandomPaper(Rng& rng) {
  double base = rng.Uniform(215, 250);
  switch (rng.Int(0, 3)) {
    case 0:
      return {base - rng.Uniform(5, 20), base, base - rng.Uniform(5, 25)};  // greenish
    case 1:
      return {base - rng.Uniform(15, 35), base - rng.Uniform(3, 12), base};  // brownish
    case 2:
      return {base, base, base};  // grey/white
    default:
      return {base - 4, base - 2, base - rng.Uniform(0, 8)};
  }
}

cv::Scalar RandomInk(Rng& rng) {
  double k = rng.Uniform(10, 70);
  switch (rng.Int(0, 2)) {
    case 0:
      return {k, k, k};
    case 1:
      return {k + rng.Uniform(20, 60), k, k - 5};  // blue-black
    default:
      return {k + 5, k + 5, k + 8};
  }
}

void DrawSecurityPattern(cairo_t* cr, double x, double y, double w, double h, cv::Scalar paper,
                         Rng& rng) {
  cairo_save(cr);
  cairo_rectangle(cr, x, y, w, h);
  cairo_clip(cr);
  const double step = rng.Uniform(3.0, 7.0);
  const double amp = rng.Uniform(1.0, 6.0), freq = rng.Uniform(0.01, 0.06);
  const double tilt = rng.Uniform(-0.3, 0.3);
  double darken = rng.Uniform(15, 45);
  cv::Scalar c(paper[0] - darken * rng.Uniform(0.6, 1.2), paper[1] - darken * 0.8,
               paper[2] - darken * rng.Uniform(0.6, 1.2));
  SetSource(cr, c);
  cairo_set_line_width(cr, rng.Uniform(0.4, 1.1));
  const double sx = std::max(4.0, w / 60.0);
  for (double yy = y - h * 0.3; yy < y + h * 1.3; yy += step) {
    for (double xx = x; xx <= x + w + sx; xx += sx) {
      double py = yy + tilt * (xx - x) + amp * std::sin(xx * freq + yy * 0.05);
      if (xx == x)
        cairo_move_to(cr, xx, py);
      else
        cairo_line_to(cr, xx, py);
    }
    cairo_stroke(cr);
  }
  cairo_restore(cr);
}

void DrawGuillocheBand(cairo_t* cr, double x, double y, double w, double h, bool vertical,
                       cv::Scalar colour, Rng& rng) {
  cairo_save(cr);
  cairo_rectangle(cr, x, y, w, h);
  cairo_clip(cr);
  SetSource(cr, colour);
  const double len = vertical ? h : w, thick = vertical ? w : h;
  const int waves = rng.Int(6, 14);
  const double period = thick * rng.Uniform(0.8, 2.0);
  cairo_set_line_width(cr, std::max(0.6, thick * rng.Uniform(0.01, 0.03)));
  const double step = std::max(3.0, period / 10);
  for (int k = 0; k < waves; ++k) {
    const double phase = k * 2 * M_PI / waves;
    for (int pass = 0; pass < 2; ++pass) {
      const double a = thick * 0.45 * (pass ? 0.55 : 1.0);
      for (double t = 0; t <= len + step; t += step) {
        double off = thick / 2 + a * std::sin(2 * M_PI * t / period + phase) *
                                     std::cos(2 * M_PI * t / (period * 3.7) + phase * 0.5);
        double px = vertical ? x + off : x + t, py = vertical ? y + t : y + off;
        if (t == 0)
          cairo_move_to(cr, px, py);
        else
          cairo_line_to(cr, px, py);
      }
      cairo_stroke(cr);
    }
  }
  cairo_restore(cr);
}

void DrawCrest(cairo_t* cr, double cx, double cy, double r, cv::Scalar colour) {
  cairo_save(cr);
  SetSource(cr, colour);
  cairo_set_line_width(cr, std::max(0.8, r * 0.01));
  for (double rr = r * 0.3; rr <= r; rr += r * 0.12) {
    cairo_new_sub_path(cr);
    cairo_arc(cr, cx, cy, rr, 0, 2 * M_PI);
  }
  for (int i = 0; i < 36; ++i) {
    double a = i * M_PI / 18;
    cairo_move_to(cr, cx + std::cos(a) * r * 0.3, cy + std::sin(a) * r * 0.3);
    cairo_line_to(cr, cx + std::cos(a) * r, cy + std::sin(a) * r);
  }
  cairo_stroke(cr);
  cairo_restore(cr);
}

void DrawLeader(cairo_t* cr, double x0, double x1, double y, double scale, bool dotted,
                cv::Scalar colour, Rng& rng) {
  cairo_save(cr);
  SetSource(cr, colour);
  if (dotted) {
    const double pitch = scale * rng.Uniform(0.18, 0.35), r = scale * rng.Uniform(0.03, 0.06);
    for (double x = x0; x < x1; x += pitch) {
      cairo_new_sub_path(cr);
      cairo_arc(cr, x, y, std::max(0.5, r), 0, 2 * M_PI);
    }
    cairo_fill(cr);
  } else {
    cairo_set_line_width(cr, std::max(0.6, scale * rng.Uniform(0.03, 0.06)));
    cairo_move_to(cr, x0, y);
    cairo_line_to(cr, x1, y);
    cairo_stroke(cr);
  }
  cairo_restore(cr);
}

std::string RandomLabelFont(Rng& rng, bool italic) {
  static const char* serif_bold[] = {"DejaVu Serif Bold", "Liberation Serif Bold",
                                     "TeX Gyre Termes Bold", "Nimbus Roman Bold", "P052 Bold"};
  static const char* serif_italic[] = {"DejaVu Serif Italic", "Liberation Serif Italic",
                                       "TeX Gyre Termes Italic", "Nimbus Roman Italic"};
  return italic ? serif_italic[rng.Int(0, 3)] : serif_bold[rng.Int(0, 4)];
}

double DrawText(cairo_t* cr, const std::string& font, const std::string& text, double x,
                double baseline, double px, cv::Scalar colour, bool measure_only) {
  std::lock_guard<std::recursive_mutex> lock(PangoMutex());
  PangoLayout* layout = CachedLayout(font);
  pango_layout_set_text(layout, text.c_str(), -1);
  const double scale = px / kReferencePx;
  PangoRectangle ink, logical;
  pango_layout_get_extents(layout, &ink, &logical);
  const double advance = logical.width / static_cast<double>(PANGO_SCALE) * scale;
  if (measure_only) return advance;
  double base = pango_layout_get_baseline(layout) / static_cast<double>(PANGO_SCALE);
  cairo_save(cr);
  SetSource(cr, colour);
  cairo_translate(cr, x, baseline);
  cairo_scale(cr, scale, scale);
  cairo_move_to(cr, 0, -base);
  pango_cairo_show_layout(cr, layout);
  cairo_restore(cr);
  return advance;
}

double DrawLabel(cairo_t* cr, const std::string& text, double x, double baseline, double px,
                 bool italic, cv::Scalar colour, Rng& rng) {
  return DrawText(cr, RandomLabelFont(rng, italic), text, x, baseline, px, colour);
}

void DrawStamp(cairo_t* cr, double cx, double cy, double r, Rng& rng) {
  cairo_save(cr);
  cv::Scalar colour = rng.Chance(0.7) ? cv::Scalar(rng.Uniform(120, 200), 60, 50)
                                      : cv::Scalar(120, 50, rng.Uniform(90, 160));
  SetSource(cr, colour, rng.Uniform(0.35, 0.8));
  cairo_set_line_width(cr, r * rng.Uniform(0.03, 0.06));
  cairo_arc(cr, cx, cy, r, 0, 2 * M_PI);
  cairo_stroke(cr);
  cairo_arc(cr, cx, cy, r * 0.72, 0, 2 * M_PI);
  cairo_stroke(cr);
  // Text around the ring: short strokes standing in for letters.
  cairo_set_line_width(cr, r * 0.025);
  for (int i = 0; i < 28; ++i) {
    double a = i * 2 * M_PI / 30 + 0.3;
    double r0 = r * 0.78, r1 = r * 0.94;
    cairo_move_to(cr, cx + std::cos(a) * r0, cy + std::sin(a) * r0);
    cairo_line_to(cr, cx + std::cos(a + 0.05) * r1, cy + std::sin(a + 0.05) * r1);
  }
  cairo_stroke(cr);
  DrawCrest(cr, cx, cy, r * 0.5, colour);
  cairo_restore(cr);
}

void DrawSignature(cairo_t* cr, double x, double y, double w, double h, Rng& rng) {
  cairo_save(cr);
  SetSource(cr, cv::Scalar(rng.Uniform(80, 160), 40, 30), rng.Uniform(0.6, 0.95));
  cairo_set_line_width(cr, std::max(1.0, h * rng.Uniform(0.02, 0.05)));
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
  double px = x, py = y + h * rng.Uniform(0.3, 0.7);
  cairo_move_to(cr, px, py);
  const int loops = rng.Int(3, 7);
  for (int i = 0; i < loops; ++i) {
    double nx = x + w * (i + 1) / loops;
    cairo_curve_to(cr, px + rng.Uniform(-0.2, 0.5) * w / loops, y + rng.Uniform(-0.2, 1.2) * h,
                   nx - rng.Uniform(-0.2, 0.5) * w / loops, y + rng.Uniform(-0.2, 1.2) * h, nx,
                   y + rng.Uniform(0.1, 0.9) * h);
    px = nx;
  }
  cairo_stroke(cr);
  cairo_restore(cr);
}

void CompositeInk(cv::Mat& bgrx, const cv::Mat& ink, int x, int y, cv::Scalar ink_bgr,
                  double density) {
  cv::Rect dst(x, y, ink.cols, ink.rows);
  cv::Rect clip = dst & cv::Rect(0, 0, bgrx.cols, bgrx.rows);
  if (clip.empty()) return;
  const int ch = bgrx.channels();
  for (int r = clip.y; r < clip.y + clip.height; ++r) {
    uint8_t* out = bgrx.ptr<uint8_t>(r);
    const uint8_t* in = ink.ptr<uint8_t>(r - y);
    for (int c = clip.x; c < clip.x + clip.width; ++c) {
      const double a = in[c - x] / 255.0 * density;
      if (a <= 0) continue;
      for (int k = 0; k < std::min(ch, 3); ++k) {
        double v = out[c * ch + k];
        // Multiplicative: ink on paper darkens what is under it.
        double target = std::min(v, ink_bgr[ch == 1 ? 0 : k]);
        out[c * ch + k] = static_cast<uint8_t>(v + (target - v) * a);
      }
    }
  }
}

}  // namespace bpkb::synth
