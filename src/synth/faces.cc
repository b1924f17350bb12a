#include "synth/faces.h"

#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <opencv2/imgproc.hpp>

#include "synth/faces_draw.h"
#include "synth/font_cache.h"

namespace bpkb::synth {
namespace {

constexpr auto kTrain = FaceSplit::kTrain;
constexpr auto kExtra = FaceSplit::kExtra;
constexpr auto kValidation = FaceSplit::kValidation;
constexpr auto kHeldout = FaceSplit::kHeldout;

// Cap height of a font as a share of its pixel size, measured once per face.
double CapRatio(const std::string& font) {
  static std::mutex mu;
  static std::map<std::string, double> cache;
  {
    std::lock_guard<std::mutex> lock(mu);
    auto it = cache.find(font);
    if (it != cache.end()) return it->second;
  }
  std::unique_lock<std::recursive_mutex> pango(PangoMutex());
  PangoLayout* layout = CachedLayout(font);
  pango_layout_set_text(layout, "H", -1);
  PangoRectangle ink, logical;
  pango_layout_get_pixel_extents(layout, &ink, &logical);
  pango.unlock();
  double ratio = ink.height > 5 ? ink.height / kReferencePx : 0.7;
  std::lock_guard<std::mutex> lock(mu);
  cache[font] = ratio;
  return ratio;
}

// A smooth displacement field per glyph: low-frequency wobble plus a faster term
// whose phase differs across a stroke's two edges, so stroke width varies.
struct Wobble {
  double a1, k1, p1, a2, k2, k3, p2, b1, k4, p3;
  Wobble(double cap, double amount, Rng& rng) {
    a1 = cap * 0.02 * amount * rng.Uniform(0.5, 1.5);
    k1 = 2 * M_PI / (cap * rng.Uniform(0.8, 2.0));
    p1 = rng.Uniform(0, 6.3);
    a2 = cap * 0.012 * amount * rng.Uniform(0.5, 1.5);
    k2 = 2 * M_PI / (cap * rng.Uniform(0.2, 0.4));
    k3 = 2 * M_PI / (cap * rng.Uniform(0.2, 0.4));
    p2 = rng.Uniform(0, 6.3);
    b1 = cap * 0.015 * amount * rng.Uniform(0.5, 1.5);
    k4 = 2 * M_PI / (cap * rng.Uniform(0.5, 1.5));
    p3 = rng.Uniform(0, 6.3);
  }
  void Apply(double* x, double* y) const {
    double dx = a1 * std::sin(*y * k1 + p1) + a2 * std::sin(*x * k2 + *y * k3 + p2);
    double dy = b1 * std::sin(*x * k4 + p3);
    *x += dx;
    *y += dy;
  }
};

void FillJittered(cairo_t* cr, const Wobble& w) {
  cairo_path_t* path = cairo_copy_path_flat(cr);
  cairo_new_path(cr);
  for (int i = 0; i < path->num_data; i += path->data[i].header.length) {
    const cairo_path_data_t* d = &path->data[i];
    double x = 0, y = 0;
    if (d->header.type == CAIRO_PATH_MOVE_TO || d->header.type == CAIRO_PATH_LINE_TO) {
      x = d[1].point.x;
      y = d[1].point.y;
      w.Apply(&x, &y);
    }
    if (d->header.type == CAIRO_PATH_MOVE_TO)
      cairo_move_to(cr, x, y);
    else if (d->header.type == CAIRO_PATH_LINE_TO)
      cairo_line_to(cr, x, y);
    else if (d->header.type == CAIRO_PATH_CLOSE_PATH)
      cairo_close_path(cr);
  }
  cairo_path_destroy(path);
  cairo_fill(cr);
}

cv::Mat SurfaceToMat(cairo_surface_t* s) {
  cairo_surface_flush(s);
  int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
  cv::Mat view(h, w, CV_8U, cairo_image_surface_get_data(s),
               static_cast<size_t>(cairo_image_surface_get_stride(s)));
  return view.clone();
}

// Stroke weight: blur then re-threshold at a shifted level, which thickens or
// thins every stroke by a fraction of a pixel to a few pixels.
void ApplyWeight(cv::Mat& ink, double weight, double cap) {
  if (std::abs(weight) < 0.1) return;
  double sigma = std::max(0.6, cap * 0.035 * std::abs(weight) + 0.4);
  cv::Mat blurred;
  cv::GaussianBlur(ink, blurred, cv::Size(), sigma);
  double level = 128 - weight * 70;
  blurred.convertTo(ink, CV_8U, 3.0, 128 - 3.0 * level);
}

// Ink sampled through a grid of round dots (a 9/24-pin printer's look).
void ApplyDots(cv::Mat& ink, double pitch, Rng& rng) {
  cv::Mat dots(ink.size(), CV_8U, cv::Scalar(0));
  // Sample a slightly thickened glyph so thin strokes still get their dots.
  cv::Mat thick;
  const int k = std::max(1, static_cast<int>(pitch * 0.5)) | 1;
  cv::dilate(ink, thick, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(k, k)));
  double r = pitch * rng.Uniform(0.5, 0.68);
  double ox = rng.Uniform(0, pitch), oy = rng.Uniform(0, pitch);
  for (double y = oy; y < ink.rows; y += pitch)
    for (double x = ox; x < ink.cols; x += pitch)
      if (thick.at<uint8_t>(static_cast<int>(y), static_cast<int>(x)) > 100)
        cv::circle(dots, cv::Point(static_cast<int>(x * 4), static_cast<int>(y * 4)),
                   static_cast<int>(r * 4), cv::Scalar(255), cv::FILLED, cv::LINE_AA, 2);
  ink = dots;
}

// Ribbon wear: ink that varies slowly along the line, with small dropouts.
void ApplyFade(cv::Mat& ink, double fade, Rng& rng) {
  if (fade <= 0) return;
  cv::Mat field(1, ink.cols, CV_32F);
  double k1 = rng.Uniform(0.005, 0.03), p1 = rng.Uniform(0, 6.3);
  double k2 = rng.Uniform(0.05, 0.2), p2 = rng.Uniform(0, 6.3);
  for (int x = 0; x < ink.cols; ++x)
    field.at<float>(0, x) = static_cast<float>(
        1.0 - fade * (0.5 + 0.35 * std::sin(x * k1 + p1) + 0.15 * std::sin(x * k2 + p2)));
  cv::Mat noise(ink.size(), CV_32F);
  cv::Mat f;
  ink.convertTo(f, CV_32F);
  cv::RNG cvrng(rng.Next());
  cvrng.fill(noise, cv::RNG::UNIFORM, 1.0 - fade * 0.6, 1.0);
  for (int y = 0; y < f.rows; ++y) {
    float* row = f.ptr<float>(y);
    const float* n = noise.ptr<float>(y);
    for (int x = 0; x < f.cols; ++x) row[x] *= field.at<float>(0, x) * n[x];
  }
  f.convertTo(ink, CV_8U);
}

}  // namespace

const std::vector<Face>& AllFaces() {
  static const std::vector<Face> faces = {
      // Drawn faces: the closest to the real books, used most.
      {"dotmatrix-round", FaceKind::kDotMatrix, "", kTrain, 0, 3},
      {"dotmatrix-dense", FaceKind::kDotMatrix, "", kTrain, 1, 4},
      {"dotmatrix-double", FaceKind::kDotMatrix, "", kTrain, 2, 2},
      {"hand-italic-dejavu", FaceKind::kHandItalic, "DejaVu Sans Mono Bold", kTrain, 0, 3},
      {"hand-italic-narrow", FaceKind::kHandItalic, "Nimbus Sans Narrow Bold", kTrain, 1, 3},
      {"hand-italic-liberation", FaceKind::kHandItalic, "Liberation Mono Bold", kTrain, 0, 2},
      // Installed fonts: monospace, typewriter, squarish, condensed, bold, italic.
      {"font:dejavu-sans-mono-bold", FaceKind::kFont, "DejaVu Sans Mono Bold", kTrain},
      {"font:dejavu-sans-mono-oblique", FaceKind::kFont, "DejaVu Sans Mono Bold Oblique", kTrain},
      {"font:liberation-mono", FaceKind::kFont, "Liberation Mono", kTrain},
      {"font:liberation-mono-bold", FaceKind::kFont, "Liberation Mono Bold", kTrain},
      {"font:liberation-mono-italic", FaceKind::kFont, "Liberation Mono Italic", kTrain},
      {"font:freemono-bold", FaceKind::kFont, "FreeMono Bold", kTrain},
      {"font:nimbus-mono-bold", FaceKind::kFont, "Nimbus Mono PS Bold", kTrain},
      {"font:texgyre-cursor-bold", FaceKind::kFont, "TeX Gyre Cursor Bold", kTrain},
      {"font:ocr-a", FaceKind::kFont, "OCRA", kTrain},
      {"font:go-mono-bold", FaceKind::kFont, "Go Mono Bold", kTrain},
      {"font:hack-bold", FaceKind::kFont, "Hack Bold", kTrain},
      {"font:jetbrains-mono-medium", FaceKind::kFont, "JetBrains Mono Medium", kTrain},
      {"font:inconsolata-bold", FaceKind::kFont, "Inconsolata Bold", kTrain},
      {"font:noto-mono", FaceKind::kFont, "Noto Mono", kTrain},
      {"font:noto-sans-mono-bold", FaceKind::kFont, "Noto Sans Mono Bold", kTrain},
      {"font:league-mono-condensed-semibold", FaceKind::kFont, "League Mono Condensed SemiBold",
       kTrain},
      {"font:league-mono-bold", FaceKind::kFont, "League Mono Bold", kTrain},
      {"font:mononoki-bold", FaceKind::kFont, "mononoki Bold", kTrain},
      {"font:tlwg-typewriter-bold", FaceKind::kFont, "Tlwg Typewriter Bold", kTrain},
      {"font:tlwg-mono", FaceKind::kFont, "Tlwg Mono", kTrain},
      {"font:nimbus-sans-narrow-bold", FaceKind::kFont, "Nimbus Sans Narrow Bold", kTrain},
      {"font:texgyre-heros-cn-bold", FaceKind::kFont, "TeX Gyre Heros Cn Bold", kTrain},
      // Extra: training lines only, in designs the train faces lack (italic
      // Courier-likes, wide and semi-condensed monospace, bold serif and sans capitals).
      // None is a sibling of a validation or held-out face.
      {"hand-italic-cursor", FaceKind::kHandItalic, "TeX Gyre Cursor Bold", kExtra, 0, 2},
      {"hand-italic-inconsolata", FaceKind::kHandItalic, "Inconsolata Bold", kExtra, 1, 2},
      {"font:texgyre-cursor-bold-italic", FaceKind::kFont, "TeX Gyre Cursor Bold Italic", kExtra},
      {"font:nimbus-mono-bold-italic", FaceKind::kFont, "Nimbus Mono PS Bold Italic", kExtra},
      {"font:liberation-mono-bold-italic", FaceKind::kFont, "Liberation Mono Bold Italic", kExtra},
      {"font:league-mono-expanded-extrabold", FaceKind::kFont,
       "League Mono Extra-Expanded ExtraBold", kExtra},
      {"font:league-mono-semicondensed-bold", FaceKind::kFont, "League Mono Semi-Condensed Bold",
       kExtra},
      {"font:nimbus-roman-bold", FaceKind::kFont, "Nimbus Roman, Bold", kExtra},
      {"font:texgyre-schola-bold", FaceKind::kFont, "TeX Gyre Schola Bold", kExtra},
      {"font:dejavu-serif-condensed-bold", FaceKind::kFont, "DejaVu Serif Condensed Bold", kExtra},
      {"font:liberation-sans-bold", FaceKind::kFont, "Liberation Sans Bold", kExtra},
      {"font:nimbus-sans-bold-italic", FaceKind::kFont, "Nimbus Sans Bold Italic", kExtra},
      {"font:texgyre-adventor-bold", FaceKind::kFont, "TeX Gyre Adventor Bold", kExtra},
      // Validation: never in training data either; they choose between models, so
      // that the choice is not made on the held-out faces (none is a sibling of one).
      {"dotmatrix-tall", FaceKind::kDotMatrix, "", kValidation, 4, 3},
      {"hand-italic-hack", FaceKind::kHandItalic, "Hack Bold", kValidation, 1, 3},
      {"font:jetbrains-mono-extrabold-italic", FaceKind::kFont, "JetBrains Mono ExtraBold Italic",
       kValidation},
      {"font:libertine-mono", FaceKind::kFont, "Linux Libertine Mono O", kValidation},
      {"font:freemono-bold-oblique", FaceKind::kFont, "FreeMono Bold Oblique", kValidation},
      {"font:tlwg-typewriter-bold-oblique", FaceKind::kFont, "Tlwg Typewriter Bold Oblique",
       kValidation},
      // Held out: never in training data; only to report generalisation.
      {"dotmatrix-square", FaceKind::kDotMatrix, "", kHeldout, 3, 3},
      {"hand-italic-gomono", FaceKind::kHandItalic, "Go Mono Bold", kHeldout, 2, 3},
      {"font:courier-prime-bold", FaceKind::kFont, "Courier Prime Bold", kHeldout},
      {"font:ibm-3270-semicondensed", FaceKind::kFont, "IBM 3270 Semi-Condensed", kHeldout},
      {"font:anonymous-pro-bold-italic", FaceKind::kFont, "Anonymous Pro Bold Italic", kHeldout},
  };
  return faces;
}

std::vector<const Face*> FacesFor(const std::string& which) {
  std::vector<const Face*> out;
  for (const auto& f : AllFaces()) {
    if (which == "all" || (which == "train" && f.split == kTrain) ||
        (which == "extra" && f.split == kExtra) ||
        (which == "validation" && f.split == kValidation) ||
        (which == "heldout" && f.split == kHeldout))
      out.push_back(&f);
  }
  return out;
}

const Face* FindFace(const std::string& name) {
  for (const auto& f : AllFaces())
    if (f.name == name) return &f;
  return nullptr;
}

const Face& PickFace(const std::vector<const Face*>& faces, Rng& rng) {
  std::vector<double> w;
  for (const Face* f : faces) w.push_back(f->weight);
  return *faces[rng.Weighted(w)];
}

InkStyle RandomInkStyle(const Face& face, double cap_px, Rng& rng) {
  InkStyle s;
  s.cap_px = cap_px;
  s.glyph_seed = rng.Next();
  s.weight = rng.Uniform(-0.5, 0.8);
  s.baseline_jitter = rng.Chance(0.5) ? rng.Uniform(0, 0.05) : 0.0;
  s.fade = rng.Chance(0.35) ? rng.Uniform(0.1, 0.45) : 0.0;
  switch (face.kind) {
    case FaceKind::kDotMatrix:
      s.spacing = rng.Uniform(-0.05, 0.3);
      s.slant = rng.Chance(0.15) ? rng.Uniform(0.05, 0.2) : 0.0;
      s.dot_pitch = cap_px / 6.0;
      s.weight = rng.Uniform(-0.3, 0.5);
      break;
    case FaceKind::kHandItalic:
      s.spacing = rng.Uniform(-0.05, 0.25);
      s.slant = rng.Uniform(0.18, 0.38);
      break;
    case FaceKind::kFont:
      s.spacing = rng.Chance(0.6) ? rng.Uniform(-0.03, 0.12) : rng.Uniform(0.12, 0.4);
      s.slant = rng.Chance(0.2) ? rng.Uniform(-0.05, 0.2) : 0.0;
      s.dot_pitch = rng.Chance(0.2) ? cap_px / rng.Uniform(6.5, 9.0) : 0.0;
      break;
  }
  return s;
}

cv::Mat RenderInk(const Face& face, const std::string& text, const InkStyle& style, Rng& rng,
                  int* baseline) {
  const double cap = style.cap_px;
  const int pad = static_cast<int>(std::ceil(cap * 1.0));
  std::vector<double> advance(text.size(), 0.0);
  PangoLayout* layout = nullptr;
  double scale = 1, layout_baseline = 0;  // layout units -> pixels; baseline in layout units
  if (face.kind != FaceKind::kDotMatrix) {
    layout = CachedLayout(face.font);
    scale = cap / (CapRatio(face.font) * kReferencePx);
  }
  double total = 0;
  std::unique_lock<std::recursive_mutex> pango(PangoMutex());
  for (size_t i = 0; i < text.size(); ++i) {
    if (face.kind == FaceKind::kDotMatrix) {
      advance[i] = DotMatrixAdvance(cap, style);
    } else {
      char buf[2] = {text[i] == ' ' ? 'n' : text[i], 0};
      pango_layout_set_text(layout, buf, 1);
      PangoRectangle ink, logical;
      pango_layout_get_extents(layout, &ink, &logical);
      advance[i] = logical.width / static_cast<double>(PANGO_SCALE) * scale + style.spacing * cap;
      layout_baseline = pango_layout_get_baseline(layout) / static_cast<double>(PANGO_SCALE);
    }
    total += advance[i];
  }
  pango.unlock();
  const int width = static_cast<int>(total + 2 * pad + std::abs(style.slant) * cap * 1.5) + 2;
  const int height = static_cast<int>(cap * 1.6) + 2 * pad;
  const double base_y = pad + cap * 1.05;
  *baseline = static_cast<int>(std::lround(base_y));

  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_A8, width, height);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgba(cr, 0, 0, 0, 1);
  double x = pad + (style.slant < 0 ? std::abs(style.slant) * cap * 1.5 : 0);
  const double hand_line = cap * 0.15;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const double y = base_y + rng.Normal(0, style.baseline_jitter * cap);
    if (c != ' ') {
      if (face.kind == FaceKind::kDotMatrix) {
        DrawDotMatrixGlyph(cr, c, x, y, face, style, rng);
      } else {
        cairo_save(cr);
        cairo_matrix_t shear = {1, 0, -style.slant, 1, style.slant * y, 0};
        cairo_transform(cr, &shear);
        bool drawn = false;
        if (face.kind == FaceKind::kHandItalic) {
          // Quirky glyphs on most printers of this face; plain outlines elsewhere.
          bool quirk = ((style.glyph_seed >> (c % 32)) & 1) || face.variant == 2;
          drawn = quirk && DrawHandQuirk(cr, c, x, y, advance[i] - style.spacing * cap, cap,
                                         hand_line * (face.variant == 1 ? 0.85 : 1.0), rng);
        }
        if (!drawn) {
          std::lock_guard<std::recursive_mutex> lock(PangoMutex());
          char buf[2] = {c, 0};
          pango_layout_set_text(layout, buf, 1);
          cairo_translate(cr, x, y);
          cairo_scale(cr, scale, scale);
          cairo_move_to(cr, 0, -layout_baseline);
          if (face.kind == FaceKind::kHandItalic) {
            pango_cairo_layout_path(cr, layout);
            FillJittered(cr, Wobble(cap / scale, face.variant == 2 ? 1.6 : 1.0, rng));
          } else {
            pango_cairo_show_layout(cr, layout);
          }
        }
        cairo_restore(cr);
      }
    }
    x += advance[i];
  }
  cv::Mat ink = SurfaceToMat(surface);
  cairo_destroy(cr);
  cairo_surface_destroy(surface);

  if (face.kind != FaceKind::kDotMatrix && style.dot_pitch > 0) {
    ApplyDots(ink, style.dot_pitch, rng);
  } else {
    ApplyWeight(ink, style.weight, cap);
  }
  ApplyFade(ink, style.fade, rng);
  return ink;
}

std::string CheckFonts() {
  std::lock_guard<std::recursive_mutex> lock(PangoMutex());
  std::string bad;
  PangoFontMap* map = pango_cairo_font_map_get_default();
  PangoContext* ctx = pango_font_map_create_context(map);
  for (const auto& f : AllFaces()) {
    if (f.font.empty()) continue;
    PangoFontDescription* desc = pango_font_description_from_string(f.font.c_str());
    pango_font_description_set_absolute_size(desc, 20 * PANGO_SCALE);
    PangoFont* font = pango_font_map_load_font(map, ctx, desc);
    std::string want = pango_font_description_get_family(desc);
    std::string got;
    if (font) {
      PangoFontDescription* d = pango_font_describe(font);
      got = pango_font_description_get_family(d);
      pango_font_description_free(d);
      g_object_unref(font);
    }
    if (got != want) bad += f.name + " (wanted " + want + ", got " + got + ") ";
    pango_font_description_free(desc);
  }
  g_object_unref(ctx);
  return bad;
}

void InitFonts() {
  for (const auto& f : AllFaces())
    if (!f.font.empty()) CapRatio(f.font);
}

}  // namespace bpkb::synth
