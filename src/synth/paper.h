// Paper and print: what surrounds a value on a BPKB page, drawn with Cairo on an
// RGB24 surface (security background, guilloche, labels, dotted leader lines,
// stamps, signatures), and the compositing of a value's ink onto it. Shared by
// the page renderer and line mode so that lines look like crops of pages.
#pragma once

#include <cairo.h>

#include <opencv2/core.hpp>
#include <string>

#include "synth/rng.h"

namespace bpkb::synth {

// A Cairo RGB24 image and an OpenCV view (CV_8UC4, BGRx) of the same pixels.
class Canvas {
 public:
  Canvas(int width, int height, cv::Scalar paper_bgr);
  ~Canvas();
  Canvas(const Canvas&) = delete;
  Canvas& operator=(const Canvas&) = delete;
  cairo_t* cr() { return cr_; }
  // Call before touching mat() after Cairo drew, and after, before Cairo draws again.
  cv::Mat& BeginPixels();
  void EndPixels();
  cv::Mat ToBgr();  // a copy, 3 channels
  int width() const { return width_; }
  int height() const { return height_; }

 private:
  int width_, height_;
  cairo_surface_t* surface_;
  cairo_t* cr_;
  cv::Mat mat_;
};

cv::Scalar RandomPaper(Rng& rng);  // pale green/grey/brown/white, BGR
void SetSource(cairo_t* cr, cv::Scalar bgr, double alpha = 1.0);

// Fine wavy security lines over a rectangle, in a colour close to the paper's.
void DrawSecurityPattern(cairo_t* cr, double x, double y, double w, double h, cv::Scalar paper,
                         Rng& rng);
// An ornamental band of interlaced waves (the guilloche border), dark ink.
void DrawGuillocheBand(cairo_t* cr, double x, double y, double w, double h, bool vertical,
                       cv::Scalar colour, Rng& rng);
// A faint crest watermark: concentric rings and rays.
void DrawCrest(cairo_t* cr, double cx, double cy, double r, cv::Scalar colour);
// A leader line from x0 to x1 at height y: dotted (most) or solid.
void DrawLeader(cairo_t* cr, double x0, double x1, double y, double scale, bool dotted,
                cv::Scalar colour, Rng& rng);
// Pre-printed label text (bold serif, or italic serif for English subtitles).
// Returns the advance width. `px` is the font's pixel size.
double DrawLabel(cairo_t* cr, const std::string& text, double x, double baseline, double px,
                 bool italic, cv::Scalar colour, Rng& rng);
// A random serif label font (Pango description without size).
std::string RandomLabelFont(Rng& rng, bool italic);
// Text in `font` at pixel size `px`, left edge x, baseline y; returns its advance.
// `measure_only` draws nothing.
double DrawText(cairo_t* cr, const std::string& font, const std::string& text, double x,
                double baseline, double px, cv::Scalar colour, bool measure_only = false);
// A round ink stamp (two rings and text) and a handwritten signature stroke.
void DrawStamp(cairo_t* cr, double cx, double cy, double r, Rng& rng);
void DrawSignature(cairo_t* cr, double x, double y, double w, double h, Rng& rng);

// Prints an ink mask (RenderInk) onto BGRx pixels at (x, y): darkens toward `ink`
// by the mask times `density`.
void CompositeInk(cv::Mat& bgrx, const cv::Mat& ink, int x, int y, cv::Scalar ink_bgr,
                  double density);
cv::Scalar RandomInk(Rng& rng);  // ribbon colours: black, grey-black, blue-black

}  // namespace bpkb::synth
