// The hand-drawn-looking italic's peculiar glyphs (BPKB.md, vehicle page): K drawn
// like R, D like 0, 4 like Y, 1 like J. Strokes in a unit cell (x right, y down
// from cap top to baseline), jittered per glyph so no two look the same.
#include <cmath>
#include <vector>

#include "synth/faces_draw.h"

namespace bpkb::synth {
namespace {

using Stroke = std::vector<std::pair<double, double>>;

const std::vector<Stroke>* QuirkStrokes(char c) {
  static const std::vector<Stroke> k = {{{0.08, 0.0}, {0.06, 1.0}},
                                        {{0.92, 0.02}, {0.85, 0.25}, {0.55, 0.44}, {0.1, 0.5}},
                                        {{0.4, 0.47}, {0.7, 0.75}, {0.95, 1.0}}};
  static const std::vector<Stroke> d = {{{0.1, 0.03},
                                         {0.6, 0.0},
                                         {0.9, 0.2},
                                         {0.98, 0.5},
                                         {0.9, 0.8},
                                         {0.6, 1.0},
                                         {0.12, 0.97},
                                         {0.05, 0.5},
                                         {0.1, 0.03}}};
  static const std::vector<Stroke> four = {{{0.1, 0.0}, {0.18, 0.45}, {0.5, 0.6}, {0.95, 0.58}},
                                           {{0.88, 0.0}, {0.72, 0.5}, {0.64, 1.0}}};
  static const std::vector<Stroke> one = {{{0.2, 0.22}, {0.68, 0.0}},
                                          {{0.68, 0.0}, {0.64, 0.82}, {0.45, 1.0}, {0.12, 0.9}}};
  switch (c) {
    case 'K':
      return &k;
    case 'D':
      return &d;
    case '4':
      return &four;
    case '1':
      return &one;
    default:
      return nullptr;
  }
}

}  // namespace

bool DrawHandQuirk(cairo_t* cr, char c, double x, double y, double w, double cap, double line_width,
                   Rng& rng) {
  const auto* strokes = QuirkStrokes(c);
  if (!strokes) return false;
  cairo_save(cr);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  for (const auto& s : *strokes) {
    cairo_set_line_width(cr, line_width * rng.Uniform(0.8, 1.25));
    for (size_t i = 0; i < s.size(); ++i) {
      double px = x + (s[i].first + rng.Normal(0, 0.03)) * w;
      double py = y - cap + (s[i].second + rng.Normal(0, 0.02)) * cap;
      if (i == 0)
        cairo_move_to(cr, px, py);
      else
        cairo_line_to(cr, px, py);
    }
    cairo_stroke(cr);
  }
  cairo_restore(cr);
  return true;
}

}  // namespace bpkb::synth
