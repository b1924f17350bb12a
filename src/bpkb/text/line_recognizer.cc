#include "bpkb/text/line_recognizer.h"

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <utility>

#include <opencv2/dnn.hpp>

#include "bpkb/text/bilstm_head.h"
#include "bpkb/text/conv_stack.h"
#include "bpkb/text/ctc_decoder.h"
#include "bpkb/text/line_preprocess.h"
#include "bpkb/text/pattern_automaton.h"
#include "bpkb/text/view_vote.h"

namespace bpkb::text {

namespace {

std::mutex g_observer_mutex;
LineObserver g_observer;  // guarded by g_observer_mutex
std::atomic<bool> g_observed{false};

void Observe(const cv::Mat& line, const fields::FieldGrammar* grammar, const LineReading& r) {
  if (!g_observed.load(std::memory_order_relaxed)) return;
  std::lock_guard<std::mutex> lock(g_observer_mutex);
  if (g_observer) g_observer(line, grammar != nullptr ? grammar->field : std::string(), r);
}

class OnnxLineRecognizer : public LineRecognizer {
 public:
  OnnxLineRecognizer(cv::dnn::Net net, std::vector<std::string> symbols)
      : net_(std::move(net)), symbols_(std::move(symbols)) {}

  // Runs the LSTM and the Linear in BiLstmHead, and then the convolutions in
  // ConvStack, from now on when the net has that structure and each gives the full
  // net's logits on test lines (within 1e-3); else (another architecture) every line
  // keeps OpenCV's forward for that part.
  Status UseOwnLayersIfEquivalent() {
    BiLstmHead head;
    if (!BiLstmHead::FromNet(net_, &head).ok()) return Status::Ok();
    std::vector<CtcMatrix> full;
    Status s = RunProbes(&full);
    if (!s.ok()) return s;
    head_ = std::make_unique<BiLstmHead>(std::move(head));
    if (!SameAsProbes(full)) {
      head_.reset();
      return Status::Ok();
    }
    ConvStack convs;
    if (!ConvStack::FromNet(net_, head_->input_layer(), &convs).ok()) return Status::Ok();
    convs_ = std::make_unique<ConvStack>(std::move(convs));
    if (!SameAsProbes(full)) convs_.reset();
    return Status::Ok();
  }

  // Random lines of a few widths (fixed: the check is the same on every start), read.
  Status RunProbes(std::vector<CtcMatrix>* out) {
    cv::RNG rng(4);
    out->clear();
    for (int width : {96, 50, 333}) {
      cv::Mat probe(kLineHeight, width, CV_8U);
      rng.fill(probe, cv::RNG::UNIFORM, 0, 256);
      out->emplace_back();
      Status s = Run(probe, &out->back());
      if (!s.ok()) return s;
    }
    return Status::Ok();
  }

  bool SameAsProbes(const std::vector<CtcMatrix>& expected) {
    std::vector<CtcMatrix> own;
    if (!RunProbes(&own).ok()) return false;
    for (size_t k = 0; k < own.size(); ++k) {
      const CtcMatrix &a = own[k], &b = expected[k];
      if (a.frames != b.frames || a.classes != b.classes) return false;
      for (size_t i = 0; i < a.logp.size(); ++i)
        if (std::abs(a.logp[i] - b.logp[i]) > 1e-3f) return false;
    }
    return true;
  }

  Status Run(const cv::Mat& normalised, CtcMatrix* m) {
    cv::Mat blob = LineBlob(normalised);
    cv::Mat out;
    try {
      if (head_ != nullptr) {
        cv::Mat features;
        if (convs_ != nullptr) {
          Status s = convs_->Run(blob, &features);
          if (!s.ok()) return s;
        } else {
          net_.setInput(blob);
          features = net_.forward(head_->input_layer());
        }
        Status s = head_->Run(features, &m->logp);
        if (!s.ok()) return s;
        m->frames = static_cast<int>(m->logp.size() / head_->classes());
        m->classes = head_->classes();
        return CheckAndNormalise(m);
      }
      net_.setInput(blob);
      out = net_.forward();
    } catch (const cv::Exception&) {
      return Status::Internal("recognizer inference failed");
    }
    // output: frames x 1 x classes
    if (out.dims != 3 || out.size[1] != 1) return Status::Internal("unexpected recognizer output");
    m->frames = out.size[0];
    m->classes = out.size[2];
    const float* p = out.ptr<float>();
    m->logp.assign(p, p + static_cast<size_t>(m->frames) * m->classes);
    return CheckAndNormalise(m);
  }

  Status CheckAndNormalise(CtcMatrix* m) {
    if (m->classes != static_cast<int>(symbols_.size())) {
      return Status::Internal("recognizer output does not match its charset");
    }
    LogSoftmaxRows(m);
    return Status::Ok();
  }

  Status Read(const cv::Mat& line, const fields::FieldGrammar* grammar, LineReading* out) override {
    *out = LineReading();
    cv::Mat normalised;
    Status s = NormaliseLine(line, &normalised);
    if (!s.ok()) return s;
    // a crop without contrast (blank paper) has nothing to read; the model never
    // saw one in training and may invent a character
    double darkest = 255.0;
    cv::minMaxLoc(normalised, &darkest);
    if (darkest >= 255.0) return Status::Ok();
    PatternAutomaton* automaton = nullptr;
    if (grammar != nullptr) {
      s = AutomatonFor(*grammar, &automaton);
      if (!s.ok()) return s;
    }
    CtcMatrix m;
    s = Run(normalised, &m);
    if (!s.ok()) return s;
    Decoded greedy = GreedyDecode(m, symbols_);
    out->greedy_text = greedy.text;
    Decoded chosen = grammar == nullptr ? std::move(greedy) : Decode(m, *grammar, automaton);
    // Only a constrained reading is read again (without a grammar the text is the
    // greedy best path, by contract), and only one that fits the grammar: one
    // that does not is mostly a crop of something else (the wrong turn of a
    // vertical value, a VIN candidate crop off the value), where three more
    // inferences are wasted. On tune pages, a third of all constrained reads did
    // not fit and were unsure; on tune line sets no fix came from one.
    // Nor is a VIN: the reader reads up to 15 crops of one and votes their
    // characters (field_correction), the same idea across crops; on tune pages
    // the VIN reads made most of the second read's cost (page p95 +200 ms, +40 ms
    // without them) and it lost as many VINs as it won (s3-check-tune,
    // reader-tune2, photocopy-tune3: 2 lost, 1 won), while on single generated
    // lines it won 5 and lost 3 of 10,422.
    if (grammar != nullptr && grammar->field != "no_rangka" && chosen.fits_pattern &&
        chosen.confidence < reread_below_ && chosen.skipped_frames == 0) {
      s = ReadOtherViews(line, grammar, automaton, m, &chosen);
      if (!s.ok()) return s;
    }
    // A line whose best path holds no character is blank (a blank field's dotted
    // leader with specks): no grammar may make a value of it, where a closed
    // lexicon's decoder returns its likeliest entry ("TNI" at 0.0003 for a blank
    // occupation). Its low confidence is kept: the reader's other crops still win.
    if (out->greedy_text.empty()) {
      chosen.text.clear();
      chosen.char_confidences.clear();
    }
    out->text = std::move(chosen.text);
    out->confidence = chosen.confidence;
    out->char_confidences = std::move(chosen.char_confidences);
    Observe(line, grammar, *out);
    return Status::Ok();
  }

  // Lines read with a confidence under 0.9 (6% of generated lines, 10% of reader
  // crops; they hold 75-90% of the misreads) are read again in three more views: the width
  // scaled by 0.8 and by 1.2, and the crop trimmed by 5% at top and bottom.
  // Chosen on tune lines (train faces, seeds 303 and 9300-9303, and the reader's
  // crops of tune pages; 10,422 lines): 97.98 -> 98.22% constrained, 33 lines
  // fixed, 7 broken (VINs excluded, see Read). Warm CPU per line with the field's
  // grammar: 3.8 -> 4.6 ms (generated lines), 3.2 -> 4.3 ms (reader crops, more
  // often unsure), 4.7 -> 6.1-6.4 ms on lines squeezed to 320x32. Fewer or other views
  // (thinner/thicker ink, more trim, 0.85/1.15) fixed fewer; weighting the first
  // view above the others broke fewer but fixed fewer still.
  void UseSecondRead() {
    views_ = {{0.0, 0.8}, {0.0, 1.2}, {0.05, 1.0}};
    reread_below_ = 0.9;
  }

 private:
  Decoded Decode(const CtcMatrix& m, const fields::FieldGrammar& grammar,
                 PatternAutomaton* automaton) const {
    DecodeOptions options;
    // leading label text is only cut off one-word values (VIN, engine number,
    // NIK): in a value with spaces (a plate) a cut makes a wrong value that fits
    if (grammar.pattern.find(' ') != std::string::npos) options.max_leading_junk = 0;
    return ConstrainedDecode(m, symbols_, automaton, grammar.lexicon, grammar.closed, options);
  }

  // A second read of an unsure line: the crop in other views (LineVariant), each
  // decoded as the first; the proposal that all views together find likeliest
  // wins (VoteAcrossViews). A proposal decoded after leading label text is left
  // out: the other views' frames still hold that text.
  Status ReadOtherViews(const cv::Mat& line, const fields::FieldGrammar* grammar,
                        PatternAutomaton* automaton, const CtcMatrix& first, Decoded* chosen) {
    std::vector<CtcMatrix> matrices(views_.size());
    std::vector<Decoded> decoded(views_.size());
    std::vector<const CtcMatrix*> all = {&first};
    std::vector<const Decoded*> proposals = {chosen};
    for (size_t i = 0; i < views_.size(); ++i) {
      cv::Mat normalised;
      Status s = NormaliseLineVariant(line, views_[i], &normalised);
      if (!s.ok()) return s;
      s = Run(normalised, &matrices[i]);
      if (!s.ok()) return s;
      decoded[i] = Decode(matrices[i], *grammar, automaton);
      all.push_back(&matrices[i]);
      if (decoded[i].skipped_frames == 0) proposals.push_back(&decoded[i]);
    }
    std::vector<double> scores;
    const DecodeOptions defaults;
    double bonus = 0.0;
    if (!grammar->lexicon.empty())
      bonus = grammar->closed ? defaults.closed_lexicon_margin : defaults.lexicon_margin;
    int best = VoteAcrossViews(all, proposals, symbols_, bonus, &scores);
    // a first reading that some view cannot align at all (a lexicon entry longer
    // than a narrow crop's frames) is kept: the vote cannot judge it
    if (best > 0 && std::isfinite(scores[0])) *chosen = *proposals[best];
    return Status::Ok();
  }

  Status AutomatonFor(const fields::FieldGrammar& g, PatternAutomaton** out) {
    auto it = automata_.find(g.pattern);
    if (it == automata_.end()) {
      PatternAutomaton a;
      Status s = PatternAutomaton::Compile(g.pattern, &a);
      if (!s.ok())
        return Status::Internal("bad pattern in the grammar of " + g.field + ": " + s.message());
      it = automata_.emplace(g.pattern, std::move(a)).first;
    }
    *out = it->second.pattern_is_any() ? nullptr : &it->second;
    return Status::Ok();
  }

  cv::dnn::Net net_;
  std::unique_ptr<BiLstmHead> head_;  // null: the full net runs
  std::unique_ptr<ConvStack> convs_;  // null: OpenCV runs the net up to the head
  std::vector<std::string> symbols_;  // [0] = blank
  std::map<std::string, PatternAutomaton> automata_;
  std::vector<LineVariant> views_;  // of a second read
  double reread_below_ = 0.0;       // line confidence under which it is read again
};

Status LoadCharset(const std::string& path, std::vector<std::string>* symbols) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Internal("cannot open the recognizer charset");
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  symbols->assign(1, "");
  for (size_t i = 0; i < line.size();) {
    // one UTF-8 character per class
    unsigned char c = static_cast<unsigned char>(line[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    symbols->push_back(line.substr(i, len));
    i += len;
  }
  if (symbols->size() < 2) return Status::Internal("empty recognizer charset");
  return Status::Ok();
}

}  // namespace

void SetLineObserver(LineObserver observer) {
  std::lock_guard<std::mutex> lock(g_observer_mutex);
  g_observer = std::move(observer);
  g_observed.store(static_cast<bool>(g_observer), std::memory_order_relaxed);
}

Status LineRecognizer::Open(const std::string& root, std::unique_ptr<LineRecognizer>* out) {
  std::vector<std::string> symbols;
  Status s = LoadCharset(root + "/models/charset.txt", &symbols);
  if (!s.ok()) return s;
  cv::dnn::Net net;
  try {
    net = cv::dnn::readNetFromONNX(root + "/models/recognizer.onnx");
  } catch (const cv::Exception&) {
    return Status::Internal("cannot load the recognizer model");
  }
  if (net.empty()) return Status::Internal("cannot load the recognizer model");
  net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
  net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
  auto rec = std::make_unique<OnnxLineRecognizer>(std::move(net), std::move(symbols));
  // one warm-up run checks that the model and the charset agree
  CtcMatrix m;
  s = rec->Run(cv::Mat(kLineHeight, 64, CV_8U, cv::Scalar(255)), &m);
  if (!s.ok()) return s;
  if (std::getenv("BPKB_FULL_RECOGNIZER_NET") == nullptr) {
    s = rec->UseOwnLayersIfEquivalent();
    if (!s.ok()) return s;
  }
  // BPKB_RECOGNIZER_SECOND_READ=0 turns the second read off (to measure it)
  const char* second = std::getenv("BPKB_RECOGNIZER_SECOND_READ");
  if (second == nullptr || std::string(second) != "0") rec->UseSecondRead();
  *out = std::move(rec);
  return Status::Ok();
}

}  // namespace bpkb::text
