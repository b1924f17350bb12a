#include "synth/lines.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "synth/degrade.h"
#include "synth/faces.h"
#include "synth/labels.h"
#include "synth/paper.h"
#include "synth/values.h"

namespace bpkb::synth {
namespace {

// One printed line of `field` from a fresh record.
std::string DrawValueLine(const RefData& ref, const std::string& field, Split split, Rng& rng) {
  for (int attempt = 0; attempt < 20; ++attempt) {
    Record rec = IsVehicleField(field) ? MakeVehicleRecord(ref, split, rng, true)
                                       : MakeOwnerRecord(ref, split, rng, true);
    const FieldValue* f = rec.Find(field);
    if (f && !f->printed.empty())
      return f->printed[rng.Int(0, static_cast<int>(f->printed.size()) - 1)];
  }
  return "";
}

cv::Rect InkBox(const cv::Mat& ink) {
  cv::Mat mask = ink > 40;
  std::vector<cv::Point> pts;
  cv::findNonZero(mask, pts);
  if (pts.empty()) return cv::Rect(0, 0, ink.cols, ink.rows);
  return cv::boundingRect(pts);
}

}  // namespace

LineSample RenderLine(const RefData& ref, const LineOptions& options, uint64_t index) {
  Rng rng = Rng::ForItem(options.seed, index, 0x11);
  LineSample out;
  const auto faces = FacesFor(options.faces);
  const Face& face = PickFace(faces, rng);
  out.face = face.name;
  const Split split = face.split == FaceSplit::kHeldout      ? Split::kHeldout
                      : face.split == FaceSplit::kValidation ? Split::kValidation
                                                             : Split::kTune;
  const auto& fields = LineFields();
  out.field = options.field.empty() ? rng.Pick(fields) : options.field;
  out.text = DrawValueLine(ref, out.field, split, rng);
  if (out.text.empty()) {  // a field that is blank on every record drawn
    out.field = "nomor_polisi";
    out.text = DrawValueLine(ref, out.field, split, rng);
  }

  const double cap = rng.Uniform(16, 40);
  InkStyle style = RandomInkStyle(face, cap, rng);
  int baseline = 0;
  cv::Mat ink = RenderInk(face, out.text, style, rng, &baseline);
  const cv::Rect box = InkBox(ink);

  // Canvas: room on the left for a label fragment, above and below for neighbours.
  const bool label = rng.Chance(0.45);
  const int left = static_cast<int>(cap * (label ? rng.Uniform(4, 9) : rng.Uniform(0.5, 2)));
  const int width = left + ink.cols + static_cast<int>(cap * rng.Uniform(0.5, 3));
  const int height = ink.rows + static_cast<int>(cap);
  const int ink_x = left, ink_y = static_cast<int>(cap / 2);
  const double base_y = ink_y + baseline;
  const cv::Scalar paper = RandomPaper(rng);
  Canvas canvas(width, height, paper);
  cairo_t* cr = canvas.cr();
  if (rng.Chance(0.75)) DrawSecurityPattern(cr, 0, 0, width, height, paper, rng);
  if (rng.Chance(0.12)) {
    const bool top = rng.Chance(0.5);
    const double band = cap * rng.Uniform(0.8, 2.0);
    // Mostly beside the text, overlapping its edge a little.
    const double y = top ? ink_y + box.y - band * rng.Uniform(0.8, 1.1)
                         : ink_y + box.br().y - band * rng.Uniform(-0.1, 0.2);
    DrawGuillocheBand(cr, 0, y, width, band, false,
                      cv::Scalar(rng.Uniform(60, 140), rng.Uniform(60, 140), rng.Uniform(60, 140)),
                      rng);
  }
  if (rng.Chance(0.08))
    DrawCrest(cr, rng.Uniform(0, width), rng.Uniform(0, height), cap * 3,
              paper - cv::Scalar(25, 25, 25));
  const cv::Scalar print_ink(rng.Uniform(20, 70), rng.Uniform(20, 70), rng.Uniform(20, 70));
  double leader_x0 = rng.Uniform(0, left);
  if (label) {
    const FieldLabel* fl = LabelFor(out.field);
    std::string text = fl ? fl->label : "Alamat";
    const double px = cap * rng.Uniform(1.0, 1.35);
    const double lb = base_y + cap * rng.Uniform(-0.3, 0.3);
    // Measure, then print the label so that its colon ends just before the value
    // (or a little inside it: printers are misaligned); long labels are cut off.
    // One font for measuring and printing: a label measured in a narrow face and
    // printed in a wide one would cover the start of the value, and the line's truth
    // would no longer be what it shows.
    const std::string font = RandomLabelFont(rng, false);
    const double lw = DrawText(cr, font, text, 0, 0, px, print_ink, /*measure_only=*/true);
    const double colon_x = left - cap * rng.Uniform(-0.3, 1.2);
    const double lx = colon_x - lw - cap * rng.Uniform(0.2, 0.8);
    DrawText(cr, font, text, lx, lb, px, print_ink);
    if (fl && !fl->subtitle.empty() && rng.Chance(0.5)) {
      // The italic subtitle sits under the label and must not run into the value.
      const std::string sub_font = RandomLabelFont(rng, true);
      const double sw = DrawText(cr, sub_font, fl->subtitle, 0, 0, px * 0.6, print_ink, true);
      DrawText(cr, sub_font, fl->subtitle, std::min(lx, colon_x - sw), lb + px * 0.9, px * 0.6,
               print_ink);
    }
    DrawText(cr, font, ":", colon_x, lb, px, print_ink);
    leader_x0 = colon_x + cap * 0.3;
  }
  if (rng.Chance(0.65)) {
    const double ly = base_y + cap * rng.Uniform(-0.6, 0.35);
    DrawLeader(cr, leader_x0, width, ly, cap, rng.Chance(0.85), print_ink, rng);
  }
  // A neighbouring value line just above or below, partly inside the crop.
  cv::Mat& px = canvas.BeginPixels();
  const cv::Scalar ribbon = RandomInk(rng);
  if (rng.Chance(0.2)) {
    std::string other = DrawValueLine(ref, rng.Pick(LineFields()), split, rng);
    int nb = 0;
    cv::Mat ink2 = RenderInk(face, other, style, rng, &nb);
    const int dy = static_cast<int>(cap * rng.Uniform(1.5, 2.0));
    CompositeInk(px, ink2, ink_x + rng.Int(-static_cast<int>(cap), static_cast<int>(cap)),
                 rng.Chance(0.5) ? ink_y - dy : ink_y + dy, ribbon, rng.Uniform(0.6, 1.0));
  }
  CompositeInk(px, ink, ink_x, ink_y, ribbon, rng.Uniform(0.65, 1.0));
  canvas.EndPixels();
  if (rng.Chance(0.08))
    DrawStamp(cr, rng.Uniform(0, width), rng.Uniform(-cap, height + cap), cap * rng.Uniform(2, 4),
              rng);
  if (rng.Chance(0.08))
    DrawSignature(cr, rng.Uniform(0, width * 0.6), rng.Uniform(0, height * 0.5),
                  rng.Uniform(cap * 3, width * 0.6), cap * rng.Uniform(1, 2.5), rng);

  cv::Mat bgr = canvas.ToBgr();
  cv::Mat gray;
  cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
  // A detector's loose crop around the printed text.
  cv::Rect text_box(ink_x + box.x, ink_y + box.y, box.width, box.height);
  auto margin = [&](double lo, double hi) { return static_cast<int>(cap * rng.Uniform(lo, hi)); };
  int x0 = std::max(0, text_box.x - margin(0.05, 1.0));
  int x1 = std::min(width, text_box.br().x + margin(0.05, 1.0));
  int y0 = std::max(0, text_box.y - margin(0.05, 0.45));
  int y1 = std::min(height, text_box.br().y + margin(0.05, 0.45));
  if (rng.Chance(0.3)) {  // a slightly rotated detector box
    cv::Mat rot =
        cv::getRotationMatrix2D(cv::Point2f(static_cast<float>(text_box.x + text_box.width / 2.0),
                                            static_cast<float>(text_box.y + text_box.height / 2.0)),
                                rng.Uniform(-1.2, 1.2), 1.0);
    cv::warpAffine(gray, gray, rot, gray.size(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  }
  cv::Mat crop = gray(cv::Rect(x0, y0, x1 - x0, y1 - y0)).clone();
  const double severity = split == Split::kTune ? rng.Uniform(0.2, 1.0) : rng.Uniform(0.4, 1.2);
  RandomLineDegradation(crop, severity, rng);
  out.image = crop;
  return out;
}

}  // namespace bpkb::synth
