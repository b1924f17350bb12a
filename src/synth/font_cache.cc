#include "synth/font_cache.h"

#include <map>

namespace bpkb::synth {
namespace {

class ThreadFonts {
 public:
  ThreadFonts() {
    surface_ = cairo_image_surface_create(CAIRO_FORMAT_A8, 4, 4);
    cr_ = cairo_create(surface_);
  }
  ~ThreadFonts() {
    for (auto& [name, layout] : layouts_) g_object_unref(layout);
    cairo_destroy(cr_);
    cairo_surface_destroy(surface_);
  }
  PangoLayout* Get(const std::string& font) {
    auto it = layouts_.find(font);
    if (it != layouts_.end()) return it->second;
    PangoLayout* layout = pango_cairo_create_layout(cr_);
    PangoFontDescription* desc = pango_font_description_from_string(font.c_str());
    pango_font_description_set_absolute_size(desc, kReferencePx * PANGO_SCALE);
    pango_layout_set_font_description(layout, desc);
    pango_font_description_free(desc);
    layouts_[font] = layout;
    return layout;
  }

 private:
  cairo_surface_t* surface_;
  cairo_t* cr_;
  std::map<std::string, PangoLayout*> layouts_;
};

}  // namespace

std::recursive_mutex& PangoMutex() {
  static std::recursive_mutex mu;
  return mu;
}

PangoLayout* CachedLayout(const std::string& font) {
  std::lock_guard<std::recursive_mutex> lock(PangoMutex());
  thread_local ThreadFonts fonts;
  return fonts.Get(font);
}

}  // namespace bpkb::synth
