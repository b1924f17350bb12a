// The reader's pipeline (DESIGN.md): decode -> locate and rectify -> flatten ->
// labels (Tesseract) -> page type -> value regions -> value lines (ValueReader)
// -> normalise and check -> PageReading with boxes in the submitted pixels.
#include "bpkb/reader.h"

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <new>

#include <opencv2/imgproc.hpp>

#include "bpkb/decode/document.h"
#include "bpkb/field_correction.h"
#include "bpkb/fields/grammar.h"
#include "bpkb/layout/labels.h"
#include "bpkb/layout/tesseract_engine.h"
#include "bpkb/layout/text_height.h"
#include "bpkb/layout/value_regions.h"
#include "bpkb/page/locate.h"
#include "bpkb/page/normalise.h"
#include "bpkb/page/quality.h"
#include "bpkb/paths.h"
#include "bpkb/value_reader.h"

namespace bpkb {
namespace {

using Clock = std::chrono::steady_clock;

// Wall and thread-CPU time per pipeline stage, summed into PageReading::stages
// (the benchmark's breakdown); a lap charges the time since the previous one.
class StageClock {
 public:
  void Start(std::vector<StageTime>* out) {
    out_ = out;
    last_wall_ = Clock::now();
    last_cpu_ = ThreadCpuMs();
  }
  void Lap(const char* stage) {
    if (out_ == nullptr) return;
    const Clock::time_point now = Clock::now();
    const double cpu = ThreadCpuMs();
    auto it = std::find_if(out_->begin(), out_->end(),
                           [&](const StageTime& t) { return t.stage == stage; });
    if (it == out_->end()) it = out_->insert(out_->end(), StageTime{stage, 0.0, 0.0});
    it->wall_ms += std::chrono::duration<double, std::milli>(now - last_wall_).count();
    it->cpu_ms += cpu - last_cpu_;
    last_wall_ = now;
    last_cpu_ = cpu;
  }

 private:
  static double ThreadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
  }
  std::vector<StageTime>* out_ = nullptr;
  Clock::time_point last_wall_;
  double last_cpu_ = 0;
};

// A page analysed up to the page type: enough to choose among PDF pages and
// orientations before reading any value.
struct PageAnalysis {
  decode::PageImage image;
  page::LocatedPage located;
  cv::Mat flat;
  std::vector<layout::LabelMatch> labels;
  layout::PageEvidence evidence;
  int rotation = 0;  // quarter turns clockwise applied after locating
  double text_height = 24;
};

double Strength(const layout::PageEvidence& e) { return e.ik_labels + e.ip_labels + e.confidence; }

Box MapBox(const cv::Rect& r, const PageAnalysis& a) {
  cv::Point2d corners[4] = {{double(r.x), double(r.y)},
                            {double(r.br().x), double(r.y)},
                            {double(r.br().x), double(r.br().y)},
                            {double(r.x), double(r.br().y)}};
  double x0 = 1e18, y0 = 1e18, x1 = -1e18, y1 = -1e18;
  const cv::Matx33d& h = a.located.to_image;
  const cv::Matx23d& m = a.image.to_submitted;
  for (const cv::Point2d& c : corners) {
    double w = h(2, 0) * c.x + h(2, 1) * c.y + h(2, 2);
    if (std::abs(w) < 1e-12) continue;
    double ix = (h(0, 0) * c.x + h(0, 1) * c.y + h(0, 2)) / w;
    double iy = (h(1, 0) * c.x + h(1, 1) * c.y + h(1, 2)) / w;
    double sx = m(0, 0) * ix + m(0, 1) * iy + m(0, 2);
    double sy = m(1, 0) * ix + m(1, 1) * iy + m(1, 2);
    x0 = std::min(x0, sx);
    y0 = std::min(y0, sy);
    x1 = std::max(x1, sx);
    y1 = std::max(y1, sy);
  }
  Box b;
  if (x1 < x0) return b;
  b.x0 = std::max(0, static_cast<int>(std::floor(x0)));
  b.y0 = std::max(0, static_cast<int>(std::floor(y0)));
  b.x1 = std::max(b.x0, static_cast<int>(std::ceil(x1)));
  b.y1 = std::max(b.y0, static_cast<int>(std::ceil(y1)));
  return b;
}

std::string KindTitle(PageKind k) {
  return k == PageKind::kIk ? "Identitas Kendaraan (bpkb_ik)" : "Identitas Pemilik (bpkb_ip)";
}

class PipelineReader : public Reader {
 public:
  PipelineReader(std::string root, std::unique_ptr<layout::TesseractEngine> tesseract)
      : root_(std::move(root)), tesseract_(std::move(tesseract)) {
    values_ = MakeValueReader(root_, tesseract_.get());
    // BPKB_LABEL_SCOPE=page: labels from whole-page Tesseract only (the slower
    // path before the column scan), to compare the two in a benchmark.
    const char* scope = std::getenv("BPKB_LABEL_SCOPE");
    whole_page_labels_ = scope != nullptr && std::string(scope) == "page";
  }

  Status Read(const ReadRequest& request, PageReading* out) override {
    try {
      return ReadPipeline(request, out);
    } catch (const cv::Exception&) {
      return Status::Internal("image processing failed");
    } catch (const std::bad_alloc&) {
      return Status::InvalidInput("image", "the image is too large to process");
    } catch (const std::exception&) {
      return Status::Internal("the reader failed");
    } catch (...) {
      return Status::Internal("the reader failed");
    }
  }

 private:
  // Rectifies (once per orientation) and finds labels in one orientation.
  Status AnalyseAt(const page::LocatedPage& base, int quarter_turns, layout::LabelScope scope,
                   PageAnalysis* a) {
    if (a->flat.empty() || a->rotation != quarter_turns) {
      a->located = page::RotatePage(base, quarter_turns);
      a->rotation = quarter_turns;
      a->flat = page::FlattenLight(a->located.bgr);
      clock_.Lap("flatten");
    }
    layout::LabelScan scan;
    // The located page's resolution: a low-resolution one is sharpened for Tesseract.
    if (Status s =
            layout::ScanLabels(tesseract_.get(), a->flat, scope, a->located.source_scale, &scan);
        !s.ok()) {
      return s;
    }
    a->labels = std::move(scan.labels);
    // The words' figure unless the labels' ink shows it swollen (blurred or
    // photocopied pages; it also moves with the scope Tesseract read).
    a->text_height = layout::PageTextHeight(a->flat, a->labels, layout::TextHeight(scan.words));
    a->evidence = scan.evidence;
    clock_.Lap(scope == layout::LabelScope::kColumns ? "labels" : "labels_page");
    return Status::Ok();
  }

  // Finds the orientation in which the labels read best: the located page is
  // landscape when upright, so only two of the four turns are candidates. The
  // label columns are tried first in both; the whole page is read only when
  // neither gives a clear read (no page found, no BPKB page, a hard photo).
  // `whole_page`: fall back to reading the whole page (else columns only).
  Status Analyse(decode::PageImage image, Clock::time_point deadline, bool whole_page,
                 PageAnalysis* best) {
    page::LocatedPage base = page::LocatePage(image.bgr);
    clock_.Lap("locate");
    bool portrait = base.bgr.rows > base.bgr.cols;
    const int turns[2] = {portrait ? 1 : 0, portrait ? 3 : 2};
    PageAnalysis a[2];
    for (PageAnalysis& c : a) c.image = image;
    std::vector<layout::LabelScope> scopes;
    if (!whole_page_labels_) scopes.push_back(layout::LabelScope::kColumns);
    if (whole_page || whole_page_labels_) scopes.push_back(layout::LabelScope::kWholePage);
    bool looked = false;
    for (layout::LabelScope scope : scopes) {
      for (int i = 0; i < 2; ++i) {
        // Past the deadline, what was seen so far decides.
        if (looked && Clock::now() >= deadline) break;
        if (Status s = AnalyseAt(base, turns[i], scope, &a[i]); !s.ok()) return s;
        looked = true;
        // A clear read needs no other look.
        if (layout::ClearRead(a[i].evidence)) {
          *best = std::move(a[i]);
          return Status::Ok();
        }
      }
    }
    *best = Strength(a[1].evidence) > Strength(a[0].evidence) ? std::move(a[1]) : std::move(a[0]);
    return Status::Ok();
  }

  Status ReadPipeline(const ReadRequest& request, PageReading* out) {
    const Clock::time_point start = Clock::now();
    const Clock::time_point deadline = start + request.limits.time_limit;
    auto timed_out = [&] { return Clock::now() > deadline; };
    const Status timeout = Status::Timeout("reading the document took too long");
    *out = PageReading();
    clock_.Start(&out->stages);

    std::unique_ptr<decode::Document> doc;
    if (Status s = decode::Document::Open(request.bytes, request.limits, &doc); !s.ok()) {
      return s;
    }
    clock_.Lap("decode");
    if (request.pdf_page && (*request.pdf_page < 1 || *request.pdf_page > doc->page_count())) {
      return Status::InvalidInput("page", "page " + std::to_string(*request.pdf_page) +
                                              " is out of range: the document has " +
                                              std::to_string(doc->page_count()) + " page(s)");
    }
    // Phone photos far larger than the canonical page only cost decode time.
    const int kMaxSide = 3200;
    int page_index = request.pdf_page.value_or(1);
    PageAnalysis analysis;
    bool analysed = false;
    if (!request.pdf_page && doc->page_count() > 1) {
      // Look at every page and keep the one that looks most like the page asked
      // for: label columns only at first, the whole pages only when no page shows
      // the page asked for clearly. Pages are rendered as the final one would be,
      // so the chosen page's analysis is kept, not redone.
      for (bool whole_page : {false, true}) {
        double best = -1;
        bool found = false;
        for (int i = 1; i <= doc->page_count() && !found; ++i) {
          if (timed_out()) return timeout;
          decode::PageImage probe;
          if (Status s = doc->Render(i, kMaxSide, &probe); !s.ok()) return s;
          clock_.Lap("decode");
          PageAnalysis a;
          if (Status s = Analyse(std::move(probe), deadline, whole_page, &a); !s.ok()) return s;
          double score = Strength(a.evidence);
          if (request.expected != PageKind::kUnknown && a.evidence.kind != request.expected) {
            score = a.evidence.any ? 0.1 : 0;
          }
          found = a.evidence.sure &&
                  (request.expected == PageKind::kUnknown || a.evidence.kind == request.expected);
          if (score > best) {
            best = score;
            page_index = i;
            analysis = std::move(a);
            analysed = true;
          }
        }
        if (found || whole_page_labels_) break;
      }
    }
    if (timed_out()) return timeout;
    if (!analysed) {
      decode::PageImage image;
      if (Status s = doc->Render(page_index, kMaxSide, &image); !s.ok()) return s;
      doc.reset();
      clock_.Lap("decode");
      if (timed_out()) return timeout;
      if (Status s = Analyse(std::move(image), deadline, true, &analysis); !s.ok()) return s;
    }
    doc.reset();
    if (timed_out()) return timeout;

    out->page_index = page_index;
    out->rotation = RotationDegrees(analysis);
    cv::Mat gray;
    cv::cvtColor(analysis.located.bgr, gray, cv::COLOR_BGR2GRAY);
    out->quality = page::MeasureQuality(gray, analysis.located.source_scale);
    clock_.Lap("quality");

    const layout::PageEvidence& ev = analysis.evidence;
    if (!ev.any) return Status::InvalidInput("image", "no BPKB page found");
    out->page_type = ev.kind;
    out->page_type_confidence = ev.confidence;
    PageKind read_kind = ev.kind;
    if (request.expected != PageKind::kUnknown && ev.kind != request.expected) {
      if (ev.sure) {
        return Status::WrongPage("the image shows the " + KindTitle(ev.kind) + " page, not the " +
                                 KindTitle(request.expected) + " page");
      }
      out->warnings.push_back("PAGE_TYPE_MISMATCH");
      read_kind = request.expected;
    }

    auto regions =
        layout::FindValueRegions(analysis.flat, analysis.labels, read_kind, analysis.text_height);
    clock_.Lap("regions");
    std::vector<std::string> names = RequiredFields(read_kind);
    for (const std::string& opt : OptionalFields(read_kind)) {
      if (regions.count(opt)) names.push_back(opt);
    }
    bool low_confidence = false;
    for (const std::string& name : names) {
      if (timed_out()) return timeout;
      FieldReading f;
      auto it = regions.find(name);
      if (it != regions.end()) {
        if (Status s = ReadField(analysis, it->second, &f); !s.ok()) return s;
      }
      bool required = std::find(RequiredFields(read_kind).begin(), RequiredFields(read_kind).end(),
                                name) != RequiredFields(read_kind).end();
      if (required && f.confidence < 0.6) low_confidence = true;
      out->fields[name] = std::move(f);
    }
    clock_.Lap("values");
    CheckFields(read_kind, &out->fields);
    clock_.Lap("check");
    if (low_confidence) out->warnings.push_back("LOW_CONFIDENCE");
    for (const std::string& flag : out->quality.flags) {
      if (flag == "BLURRY" || flag == "LOW_RESOLUTION" || flag == "GLARE") {
        out->warnings.push_back("LOW_QUALITY");
        break;
      }
    }
    out->processing_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    return Status::Ok();
  }

  static int RotationDegrees(const PageAnalysis& a) {
    // Turns made by locating (portrait -> landscape) plus EXIF, reported as the
    // clockwise rotation from the submitted pixels to the upright page.
    int exif = 0;
    switch (a.image.exif_orientation) {
      case 3:
        exif = 180;
        break;
      case 6:
        exif = 90;
        break;
      case 8:
        exif = 270;
        break;
      default:
        break;
    }
    return (exif + a.rotation * 90) % 360;
  }

  Status ReadField(const PageAnalysis& a, const layout::ValueRegion& region, FieldReading* f) {
    f->found = region.label_found;
    std::vector<ValueCandidate> candidates;
    std::vector<std::string> raws;
    std::vector<cv::Rect> boxes;
    for (size_t ci = 0; ci < region.candidates.size(); ++ci) {
      const std::vector<cv::Rect>& lines = region.candidates[ci];
      const bool only_if_valid = ci < region.only_if_valid.size() && region.only_if_valid[ci];
      std::vector<LineText> parts;
      cv::Rect united;
      for (const cv::Rect& box : lines) {
        if (box.width < 4 || box.height < 4) continue;
        united = united.area() ? (united | box) : box;
        cv::Mat crop = a.flat(box);
        if (!region.vertical) {
          LineText t;
          if (Status s = values_->Read(crop, region.field, lines.size() > 1, &t); !s.ok()) return s;
          parts.push_back(t);
          continue;
        }
        // Vertical text: read it turned both ways, keep the better.
        LineText best_t;
        double best_v = -1;
        for (auto turn : {cv::ROTATE_90_CLOCKWISE, cv::ROTATE_90_COUNTERCLOCKWISE}) {
          cv::Mat turned;
          cv::rotate(crop, turned, turn);
          LineText t;
          if (Status s = values_->Read(turned, region.field, lines.size() > 1, &t); !s.ok())
            return s;
          CorrectedValue c = CorrectField(region.field, t.text);
          double v = t.confidence * c.confidence_factor + (c.valid ? 1 : 0);
          if (v > best_v) {
            best_v = v;
            best_t = t;
          }
        }
        parts.push_back(best_t);
      }
      if (parts.empty()) continue;
      std::string text, raw;
      std::vector<float> char_conf;
      double conf = 1;
      bool char_conf_known = true;
      for (const LineText& p : parts) {
        if (!text.empty()) {
          text += " ";
          char_conf.push_back(1.0f);
        }
        text += p.text;
        raw += (raw.empty() ? "" : " ") + p.raw;
        conf = std::min(conf, p.confidence);
        char_conf_known = char_conf_known && p.char_confidences.size() == p.text.size();
        char_conf.insert(char_conf.end(), p.char_confidences.begin(), p.char_confidences.end());
      }
      if (!char_conf_known) char_conf.clear();
      candidates.push_back({text, conf, only_if_valid, std::move(char_conf), raw});
      raws.push_back(CollapseSpaces(raw));
      boxes.push_back(united);
    }
    // The value from all readings (field_correction.h: the best, or a vote).
    const ValueChoice choice = ChooseValue(region.field, candidates);
    if (choice.index >= 0) {
      f->raw = raws[static_cast<size_t>(choice.index)];
      f->value = choice.value.value;
      f->valid = choice.value.valid;
      f->confidence = choice.confidence;
      f->box = MapBox(boxes[static_cast<size_t>(choice.index)], a);
    }
    return Status::Ok();
  }

  std::string root_;
  std::unique_ptr<layout::TesseractEngine> tesseract_;
  std::unique_ptr<ValueReader> values_;
  StageClock clock_;
  bool whole_page_labels_ = false;
};

}  // namespace

Status Reader::Open(const ReaderConfig& config, std::unique_ptr<Reader>* reader) {
  try {
    std::string root = ResolveRoot(config.root);
    // Vocabularies and area data come from the root named here too (they are
    // loaded once per process, by the first reader that needs them).
    if (!config.root.empty()) fields::UseDataRoot(root);
    std::unique_ptr<layout::TesseractEngine> tesseract;
    if (Status s = layout::TesseractEngine::Open(root, &tesseract); !s.ok()) return s;
    *reader = std::make_unique<PipelineReader>(root, std::move(tesseract));
    return Status::Ok();
  } catch (const std::exception&) {
    return Status::Internal("the reader could not start");
  }
}

}  // namespace bpkb
