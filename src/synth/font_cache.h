// Per-thread Pango layouts, one per font, at one reference pixel size. Callers
// scale the Cairo context to the size they want: every distinct font size would
// otherwise cost a fontconfig match, which dominated rendering time.
#pragma once

#include <pango/pangocairo.h>

#include <mutex>
#include <string>

namespace bpkb::synth {

constexpr double kReferencePx = 48.0;  // pixel size of every cached layout

// A layout for `font` (a Pango description without size) at kReferencePx; owned by
// the calling thread's cache, valid until the thread ends. Set its text freely.
PangoLayout* CachedLayout(const std::string& font);

// Held around every Pango/fontconfig call: with several worker threads, unserialised
// Pango calls crashed about one run in four (bpkb-ocr-synth --lines --threads 2).
// Rasterising and degrading stay parallel.
std::recursive_mutex& PangoMutex();

}  // namespace bpkb::synth
