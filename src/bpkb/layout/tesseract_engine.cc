#include "bpkb/layout/tesseract_engine.h"

#include <dlfcn.h>

#include <filesystem>

#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

namespace bpkb::layout {
namespace {

// Tesseract parallelises with OpenMP; on a loaded server that is several times
// slower than one thread per engine (DESIGN.md), and its idle threads spin. Its
// LSTM asks for `num_threads(N)` explicitly, which overrides omp_set_num_threads,
// and libgomp reads OMP_THREAD_LIMIT only at start-up (a process started without
// it burnt ~4x the CPU per page). No active parallel level at all does hold:
// every parallel region then runs on the calling thread alone.
void OneOpenMpThread() {
  using SetInt = void (*)(int);
  static SetInt set_threads = reinterpret_cast<SetInt>(dlsym(RTLD_DEFAULT, "omp_set_num_threads"));
  static SetInt set_levels =
      reinterpret_cast<SetInt>(dlsym(RTLD_DEFAULT, "omp_set_max_active_levels"));
  if (set_threads) set_threads(1);
  if (set_levels) set_levels(0);
}

std::string FindTessdata(const std::string& root) {
  namespace fs = std::filesystem;
  std::error_code ec;
  for (const std::string& dir :
       {root + "/tessdata", std::string("/usr/share/tesseract-ocr/5/tessdata"),
        std::string("/usr/share/tesseract-ocr/4.00/tessdata"),
        std::string("/usr/share/tessdata")}) {
    if (fs::exists(dir + "/eng.traineddata", ec)) return dir;
  }
  return "";
}

}  // namespace

TesseractEngine::~TesseractEngine() {
  if (api_) api_->End();
}

Status TesseractEngine::Open(const std::string& root, std::unique_ptr<TesseractEngine>* out) {
  OneOpenMpThread();
  std::string dir = FindTessdata(root);
  if (dir.empty()) return Status::Internal("eng.traineddata not found (tesseract-ocr-eng)");
  std::unique_ptr<TesseractEngine> engine(new TesseractEngine());
  engine->api_ = std::make_unique<tesseract::TessBaseAPI>();
  if (engine->api_->Init(dir.c_str(), "eng", tesseract::OEM_LSTM_ONLY) != 0) {
    return Status::Internal("tesseract could not load eng.traineddata");
  }
  engine->api_->SetVariable("debug_file", "/dev/null");
  // Tesseract 5 reads every doubtful line a second time upside-down in case it is
  // white on black; a BPKB page has no inverted text, and the security pattern
  // makes many doubtful lines (measured: same labels on 24 pages, ~20% less CPU).
  engine->api_->SetVariable("tessedit_do_invert", "0");
  *out = std::move(engine);
  return Status::Ok();
}

Status TesseractEngine::PageWords(const cv::Mat& gray, std::vector<Word>* out) {
  OneOpenMpThread();
  out->clear();
  if (gray.empty() || gray.type() != CV_8UC1) return Status::Internal("PageWords needs gray");
  cv::Mat g = gray.isContinuous() ? gray : gray.clone();
  // Sparse text: labels and values are scattered lines, not paragraphs.
  api_->SetPageSegMode(tesseract::PSM_SPARSE_TEXT);
  api_->SetImage(g.data, g.cols, g.rows, 1, static_cast<int>(g.step));
  api_->SetSourceResolution(200);
  if (api_->Recognize(nullptr) != 0) return Status::Internal("tesseract failed on the page");
  std::unique_ptr<tesseract::ResultIterator> it(api_->GetIterator());
  int line = -1;
  if (it) {
    do {
      if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) ++line;
      std::unique_ptr<char[]> text(it->GetUTF8Text(tesseract::RIL_WORD));
      if (!text) continue;
      int x0, y0, x1, y1;
      if (!it->BoundingBox(tesseract::RIL_WORD, &x0, &y0, &x1, &y1)) continue;
      Word w;
      w.text = text.get();
      w.box = cv::Rect(x0, y0, x1 - x0, y1 - y0);
      w.confidence = it->Confidence(tesseract::RIL_WORD);
      w.line = line;
      out->push_back(std::move(w));
    } while (it->Next(tesseract::RIL_WORD));
  }
  api_->Clear();
  return Status::Ok();
}

Status TesseractEngine::ReadLine(const cv::Mat& gray, std::string* text, double* confidence) {
  OneOpenMpThread();
  text->clear();
  *confidence = 0;
  if (gray.empty() || gray.type() != CV_8UC1) return Status::Internal("ReadLine needs gray");
  cv::Mat g = gray.isContinuous() ? gray : gray.clone();
  api_->SetPageSegMode(tesseract::PSM_SINGLE_LINE);
  api_->SetImage(g.data, g.cols, g.rows, 1, static_cast<int>(g.step));
  api_->SetSourceResolution(300);
  std::unique_ptr<char[]> out(api_->GetUTF8Text());
  if (out) *text = out.get();
  *confidence = std::max(0, api_->MeanTextConf()) / 100.0;
  api_->Clear();
  while (!text->empty() && (text->back() == '\n' || text->back() == ' ')) text->pop_back();
  return Status::Ok();
}

}  // namespace bpkb::layout
