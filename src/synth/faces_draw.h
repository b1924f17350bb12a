// Internal to the faces: the drawn faces' glyph painters (faces.cc composes them).
#pragma once

#include <cairo.h>

#include <string>

#include "synth/faces.h"

namespace bpkb::synth {

// Advance of one cell of the dot-matrix face, in pixels, for a cap height.
double DotMatrixAdvance(double cap_px, const InkStyle& style);
// Paints `c` with its left edge at x and its baseline at y.
void DrawDotMatrixGlyph(cairo_t* cr, char c, double x, double y, const Face& face,
                        const InkStyle& style, Rng& rng);

// The hand italic's replacement strokes for the quirky glyphs (K, D, 4, 1); false
// when `c` keeps the base font's outline. Left edge x, baseline y, cell width w.
bool DrawHandQuirk(cairo_t* cr, char c, double x, double y, double w, double cap, double line_width,
                   Rng& rng);

}  // namespace bpkb::synth
