// Per-thread Pango layouts, one per font, at one reference pixel size. Callers
// scale the Cairo context to the size they want: every distinct font size would
// otherwise cost a fontconfig match, which dominated rendering time.
#pragma once

#include <pango/pangocairo.h>

#include <string>

namespace bpkb::synth {

constexpr double kReferencePx = 48.0;  // pixel size of every cached layout

// A layout for `font` (a Pango description without size) at kReferencePx; owned by
// the calling thread's cache, valid until the thread ends. Set its text freely.
PangoLayout* CachedLayout(const std::string& font);

}  // namespace bpkb::synth
