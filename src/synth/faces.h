// Value faces: the printer faces that put values on BPKB pages, shared by the page
// renderer and line mode. Each face is an installed font (through Pango) or a face
// drawn in code: a dot-matrix face (glyph bitmaps on a dot grid, with the owner
// page's quirks: M/W with a middle stroke, 1 with flag and foot, angular C,
// squared G) and a hand-drawn-looking italic (a font's outlines sheared and
// jittered, with the vehicle page's K like R, D like 0, 4 like Y, 1 like J).
//
// Every face has a split: kTrain faces may be used to train and tune; kHeldout
// faces are only for reporting (never in training data).
#pragma once

#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "synth/rng.h"

namespace bpkb::synth {

enum class FaceKind { kFont, kDotMatrix, kHandItalic };
// Train faces make the training lines and the tune pages; extra faces make
// training lines only (other designs that widen the shapes the recognizer knows,
// kept off tune pages so that a tune seed draws the pages it always drew);
// validation faces are never trained on and serve to choose between models;
// held-out faces only report.
enum class FaceSplit { kTrain, kExtra, kValidation, kHeldout };

struct Face {
  std::string name;  // stable id, e.g. "font:liberation-mono-bold", "dotmatrix-9pin"
  FaceKind kind;
  std::string font;  // Pango description (family and style) for kFont / base of kHandItalic
  FaceSplit split;
  int variant = 0;    // drawn faces: which parameter set
  double weight = 1;  // how often pages and lines use it, within its split
};

const std::vector<Face>& AllFaces();
// Faces of a split ("train", "extra", "validation", "heldout" or "all"); nullptr-free, never empty.
std::vector<const Face*> FacesFor(const std::string& which);
const Face* FindFace(const std::string& name);
const Face& PickFace(const std::vector<const Face*>& faces, Rng& rng);

// How a printer put one value down; drawn once per value (RandomInkStyle).
struct InkStyle {
  double cap_px = 28;          // height of a capital, pixels
  double spacing = 0;          // extra letter spacing, in cap heights
  double slant = 0;            // extra shear, x per y
  double weight = 0;           // -1 thin .. +1 bold (morphology on the ink)
  double baseline_jitter = 0;  // per-glyph vertical jitter, cap heights (sd)
  double dot_pitch = 0;        // > 0: the ink is sampled through a grid of dots (px)
  double fade = 0;             // 0..1: ribbon wear, uneven ink along the line
  uint64_t glyph_seed = 0;     // per-printer choice of glyph variants
};
InkStyle RandomInkStyle(const Face& face, double cap_px, Rng& rng);

// Renders `text` as an ink mask (CV_8U, 255 = full ink) with a margin of about one
// cap height. *baseline is set to the baseline's row in the mask.
cv::Mat RenderInk(const Face& face, const std::string& text, const InkStyle& style, Rng& rng,
                  int* baseline);

// Checks that every font face resolves to its own family (not a fallback).
// Returns "" or the names that do not.
std::string CheckFonts();

// Call once from the main thread before rendering on several threads.
void InitFonts();

}  // namespace bpkb::synth
