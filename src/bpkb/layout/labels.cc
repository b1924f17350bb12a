#include "bpkb/layout/labels.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>

#include <opencv2/imgproc.hpp>

namespace bpkb::layout {
namespace {

struct LabelSpec {
  std::string field;  // "" for titles and subtitles
  PageKind kind;
  bool subtitle;
  std::vector<std::string> texts;
};

const std::vector<LabelSpec>& Specs() {
  static const std::vector<LabelSpec> specs = {
      {"nomor_polisi", PageKind::kIk, false, {"Nomor Registrasi", "No. Registrasi"}},
      {"merek", PageKind::kIk, false, {"Merek", "Merk"}},
      {"tipe", PageKind::kIk, false, {"Type", "Tipe"}},
      {"jenis", PageKind::kIk, false, {"Jenis"}},
      {"model", PageKind::kIk, false, {"Model"}},
      {"tahun_pembuatan", PageKind::kIk, false, {"Tahun Pembuatan"}},
      {"isi_silinder", PageKind::kIk, false, {"Isi Silinder"}},
      {"warna", PageKind::kIk, false, {"Warna"}},
      {"no_rangka", PageKind::kIk, false, {"Nomor Rangka/NIK/VIN", "Nomor Rangka"}},
      {"no_mesin", PageKind::kIk, false, {"Nomor Mesin"}},
      {"bahan_bakar", PageKind::kIk, false, {"Bahan Bakar"}},
      {"jumlah_sumbu", PageKind::kIk, false, {"Jumlah Sumbu"}},
      {"jumlah_roda", PageKind::kIk, false, {"Jumlah Roda"}},
      {"warna_tnkb", PageKind::kIk, false, {"Warna TNKB"}},
      {"", PageKind::kIk, true, {"IDENTITAS KENDARAAN"}},
      {"", PageKind::kIk, true, {"VEHICLE IDENTITY"}},
      {"", PageKind::kIk, true, {"Vehicle Registration Number"}},
      {"", PageKind::kIk, true, {"Manufacture Year"}},
      {"", PageKind::kIk, true, {"Cylinder Capacity"}},
      {"", PageKind::kIk, true, {"Vehicle Identity Number"}},
      {"", PageKind::kIk, true, {"Engine Number"}},
      // Bahan Bakar's subtitle: its "Type" is no Type label.
      {"", PageKind::kIk, true, {"Type Fuel"}},
      {"", PageKind::kIk, true, {"Number of Wheels"}},
      {"nama_pemilik", PageKind::kIp, false, {"Nama Pemilik"}},
      {"pekerjaan", PageKind::kIp, false, {"Pekerjaan"}},
      {"alamat", PageKind::kIp, false, {"Alamat"}},
      {"no_id", PageKind::kIp, false, {"No. KTP/TDP", "Nomor KTP/KITAS/TDP", "No. KTP"}},
      {"lokasi_dikeluarkan", PageKind::kIp, false, {"Dikeluarkan di"}},
      {"tanggal_dikeluarkan", PageKind::kIp, false, {"Pada Tanggal"}},
      {"alamat_email", PageKind::kIp, false, {"Alamat Email"}},
      {"no_telepon", PageKind::kIp, false, {"No. Telepon", "Nomor Telepon"}},
      {"", PageKind::kIp, true, {"IDENTITAS PEMILIK"}},
  };
  return specs;
}

std::string Letters(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalpha(c)) out += static_cast<char>(std::tolower(c));
  }
  return out;
}

int Levenshtein(const std::string& a, const std::string& b) {
  std::vector<int> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

double Similarity(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return 0;
  return 1.0 - static_cast<double>(Levenshtein(a, b)) / std::max(a.size(), b.size());
}

std::string LastWord(const std::string& s) {
  const size_t sp = s.rfind(' ');
  return sp == std::string::npos ? s : s.substr(sp + 1);
}

int WordCount(const std::string& s) {
  int n = 0;
  bool in = false;
  for (char c : s) {
    bool sp = c == ' ';
    if (!sp && !in) ++n;
    in = !sp;
  }
  return n;
}

bool AllUpper(const std::string& s) {
  int letters = 0;
  for (unsigned char c : s) {
    if (std::islower(c)) return false;
    if (std::isalpha(c)) ++letters;
  }
  return letters >= 2;
}

size_t Utf8Length(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// A value printed against its label's last word is read as part of it
// ("Pembuatan2017", "Pembuatan#¥@", "Registrasi:B"): the bytes of `word` that
// are the label's, up to its colon. The label's own word (`label_word`, from
// the printed text) is the prefix closest to it; what follows is the value's
// when it holds a capital or a digit (labels are printed in title case), or
// two marks or more (a colon, a stop and one stray mark are the label's).
size_t LabelPartOf(const std::string& word, const std::string& label_word) {
  std::vector<size_t> starts;  // byte offset of each character (UTF-8)
  for (size_t i = 0; i < word.size(); ++i) {
    if ((static_cast<unsigned char>(word[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  starts.push_back(word.size());
  const size_t chars = starts.size() - 1;
  const std::string want = Letters(label_word);
  size_t best = chars;
  int best_d = 1 << 20;
  const size_t printed = Utf8Length(label_word);  // with its marks: "KTP/TDP"
  for (size_t n = want.size() > 2 ? want.size() - 2 : 1; n <= printed + 2 && n <= chars; ++n) {
    // (Ties: the shortest, so that digits and marks after it are not the label's.)
    const int d = Levenshtein(Letters(word.substr(0, starts[n])), want);
    if (d < best_d) best_d = d, best = n;
  }
  size_t keep = best;
  // "Rangka/NIK/VIN" matched as "Rangka": the rest is the label's own.
  if (keep < chars && word[starts[keep]] == '/') return word.size();
  while (keep < chars && (word[starts[keep]] == ':' || word[starts[keep]] == '.')) ++keep;
  bool value = false;
  int marks = 0;
  for (size_t k = keep; k < chars; ++k) {
    const unsigned char c = word[starts[k]];
    value = value || std::isupper(c) || std::isdigit(c);
    marks += !std::isalnum(c);
  }
  if (!value && marks < 2) return word.size();
  return starts[keep];
}

}  // namespace

std::vector<LabelMatch> MatchLabels(const std::vector<Word>& words) {
  // Group words by line, in reading order.
  std::map<int, std::vector<const Word*>> lines;
  for (const Word& w : words) lines[w.line].push_back(&w);

  struct Candidate {
    size_t spec;
    LabelMatch match;
    double need;
    size_t letters;  // of the label text it matched
  };
  std::vector<Candidate> candidates;
  const auto& specs = Specs();
  for (auto& [line_id, ws] : lines) {
    for (size_t si = 0; si < specs.size(); ++si) {
      const LabelSpec& spec = specs[si];
      for (const std::string& text : spec.texts) {
        std::string target = Letters(text);
        // Very short labels ("Type", "Model") must match exactly.
        double need = target.size() <= 5 ? 0.99 : (target.size() <= 8 ? 0.8 : 0.75);
        int k = WordCount(text);
        for (size_t s = 0; s < ws.size(); ++s) {
          for (int n = std::max(1, k - 1); n <= k + 1 && s + n <= ws.size(); ++n) {
            std::string joined, raw;
            cv::Rect box;
            for (int j = 0; j < n; ++j) {
              std::string text_j = ws[s + j]->text;
              cv::Rect box_j = ws[s + j]->box;
              if (j == n - 1) {
                // The label's last word, less a value read as part of it (its
                // box cut at the share of characters: glyphs are not measured).
                const size_t keep = LabelPartOf(text_j, LastWord(text));
                if (keep < text_j.size()) {
                  const size_t all = Utf8Length(text_j);
                  text_j.resize(keep);
                  box_j.width = std::max<int>(1, box_j.width * Utf8Length(text_j) / all);
                }
              }
              joined += Letters(text_j);
              raw += text_j;
              box = j == 0 ? box_j : (box | box_j);
            }
            double sim = Similarity(joined, target);
            if (sim < need) continue;
            // Field labels are printed in title case; an all-caps word is a value.
            if (!spec.subtitle && AllUpper(raw)) sim -= 0.3;
            if (sim < need) continue;
            // The label opens its segment of the line: first word, or after a number.
            bool numbered = false;
            if (s > 0) {
              const std::string& prev = ws[s - 1]->text;
              numbered = !prev.empty() &&
                         (std::isdigit(static_cast<unsigned char>(prev[0])) || prev.back() == '.');
            }
            if (!spec.subtitle && !numbered && s != 0) sim -= 0.05;
            if (numbered) sim += 0.02;
            Candidate c;
            c.spec = si;
            c.need = need;
            c.letters = target.size();
            c.match.field = spec.field;
            c.match.kind = spec.kind;
            c.match.subtitle = spec.subtitle;
            c.match.box = box;
            // Prefer the longer text (No. KTP/TDP over No. KTP) at equal quality.
            c.match.score = sim + 0.001 * target.size();
            c.match.line = line_id;
            candidates.push_back(c);
          }
        }
      }
    }
  }
  // An IK subtitle ("Type" under label 3, "Type Fuel" under 11) sits right under
  // a field label: a field candidate there is most likely the subtitle.
  for (Candidate& c : candidates) {
    if (c.match.subtitle) continue;
    const cv::Rect& b = c.match.box;
    for (const Candidate& o : candidates) {
      if (o.match.subtitle || o.match.line == c.match.line) continue;
      const cv::Rect& a = o.match.box;
      bool overlaps_x = std::min(a.br().x, b.br().x) > std::max(a.x, b.x);
      int gap = b.y - a.br().y;
      // (Under it: centre below the label's lower half. Tesseract's boxes of a
      // photocopy's label and subtitle can overlap by a third of their height.)
      const double below = (b.y + b.height / 2.0) - (a.y + a.height / 2.0);
      if (overlaps_x && below > 0.5 * a.height && gap < 2 * a.height) {
        c.match.score -= 0.1;
        break;
      }
    }
  }
  std::map<size_t, const Candidate*> chosen;
  for (const Candidate& c : candidates) {
    if (c.match.score < c.need - 0.03) continue;  // penalised below the bar
    auto it = chosen.find(c.spec);
    if (it == chosen.end() || c.match.score > it->second->match.score) chosen[c.spec] = &c;
  }
  std::map<size_t, LabelMatch> best;
  for (const auto& [spec, b] : chosen) {
    best[spec] = b->match;
    // A short form matched exactly ("No. KTP") where the long one is printed
    // ("No. KTP/TDP", its "/TDP" read as a word "DP"): the label's box reaches
    // over the words the long form matched too, or the value's crop begins
    // with them.
    for (const Candidate& c : candidates) {
      const cv::Rect& a = b->match.box;
      if (c.spec != spec || c.match.line != b->match.line || c.letters <= b->letters) continue;
      if (c.match.box.x != a.x || c.match.box.br().x <= a.br().x) continue;
      if (c.match.score - 0.001 * c.letters < c.need) continue;
      best[spec].box |= c.match.box;
    }
  }
  std::vector<LabelMatch> out;
  for (auto& [k, m] : best) out.push_back(m);
  // A word box claimed by two labels ("Alamat" in "Alamat Email", "Warna" in
  // "Warna TNKB", "Type" in the subtitle "Type Fuel"): the longer one wins the
  // overlap.
  std::vector<LabelMatch> kept;
  for (size_t i = 0; i < out.size(); ++i) {
    const LabelMatch& m = out[i];
    bool shadowed = false;
    for (size_t j = 0; j < out.size(); ++j) {
      const LabelMatch& o = out[j];
      if (i == j || m.field.empty()) continue;
      cv::Rect inter = m.box & o.box;
      if (inter.area() > 0.5 * m.box.area() && o.box.area() > m.box.area() * 1.2) shadowed = true;
    }
    if (!shadowed) kept.push_back(m);
  }
  return kept;
}

PageEvidence JudgePage(const std::vector<LabelMatch>& matches) {
  PageEvidence e;
  double ik = 0, ip = 0;
  for (const LabelMatch& m : matches) {
    double w = m.subtitle ? 0.5 : 1.0;
    if (m.kind == PageKind::kIk) {
      ik += w;
      if (!m.subtitle) ++e.ik_labels;
    } else {
      ip += w;
      if (!m.subtitle) ++e.ip_labels;
    }
  }
  double total = ik + ip;
  e.any = total >= 2.0;
  if (!e.any) return e;
  e.kind = ik >= ip ? PageKind::kIk : PageKind::kIp;
  double top = std::max(ik, ip), other = std::min(ik, ip);
  // Share of the evidence, discounted when there is little of it.
  e.confidence = (top / (total + 0.5)) * std::min(1.0, top / 4.0);
  e.sure = top >= 3.0 && other <= top / 4.0;
  return e;
}

namespace {

// Page fractions (x, y, width, height) of the label areas on the canonical
// page. Generous: labels shift with printing and with an imperfect warp, and
// a strip cut through a value only adds a few junk words.
const cv::Rect2d kLeftColumn(0.02, 0.04, 0.43, 0.88);
const cv::Rect2d kTitleBand(0.22, 0.04, 0.56, 0.17);
const cv::Rect2d kRightColumn(0.46, 0.04, 0.27, 0.88);

cv::Rect OnPage(const cv::Rect2d& f, const cv::Size& page) {
  cv::Rect r(static_cast<int>(f.x * page.width), static_cast<int>(f.y * page.height),
             static_cast<int>(f.width * page.width), static_cast<int>(f.height * page.height));
  return r & cv::Rect(0, 0, page.width, page.height);
}

// A canonical page enlarged from fewer source pixels than this per canonical
// pixel (a page of about 150 dpi or less) reaches Tesseract as soft grey
// strokes, and its global threshold loses the thin serifs of the labels
// ("Nomor Registrasi" read as "eee eee"); an unsharp mask gives them back
// (tune corpora, ~100 dpi: labels found 327 -> 348 of 384; ~80 dpi: 226 -> 281).
constexpr double kLowResolutionScale = 0.6;

bool LowResolution(double source_scale) {
  if (source_scale <= 0 || source_scale >= kLowResolutionScale) return false;
  // BPKB_LABEL_SHARPEN=0: as before this (for A/B runs of the benchmark).
  static const bool off = [] {
    const char* v = std::getenv("BPKB_LABEL_SHARPEN");
    return v != nullptr && std::string(v) == "0";
  }();
  return !off;
}

cv::Mat ForTesseract(const cv::Mat& flat, double source_scale) {
  if (!LowResolution(source_scale)) return flat;
  cv::Mat blurred, sharp;
  cv::GaussianBlur(flat, blurred, cv::Size(0, 0), 2.0);
  cv::addWeighted(flat, 2.0, blurred, -1.0, 0, sharp);
  return sharp;
}

// Tesseract on `areas` of the page only: the page with everything else
// whitened keeps one call, page coordinates and Tesseract's own line order.
Status AreaWords(TesseractEngine* engine, const cv::Mat& flat, const std::vector<cv::Rect>& areas,
                 std::vector<Word>* out) {
  cv::Mat masked(flat.size(), CV_8UC1, cv::Scalar(255));
  for (const cv::Rect& r : areas) flat(r).copyTo(masked(r));
  return engine->PageWords(masked, out);
}

// `more` added to `words` on lines after theirs.
void Append(std::vector<Word> more, std::vector<Word>* words) {
  int next_line = 0;
  for (const Word& w : *words) next_line = std::max(next_line, w.line + 1);
  for (Word& w : more) {
    w.line += next_line;
    words->push_back(std::move(w));
  }
}

int FieldLabels(const std::vector<Word>& words) {
  int n = 0;
  for (const LabelMatch& m : MatchLabels(words)) n += !m.field.empty() && !m.subtitle;
  return n;
}

// AreaWords, and on a low-resolution page whose areas gave fewer than
// `enough` field labels a second read with the contrast stretched, its words
// added: a heavily blurred label column reaches Tesseract as pale blobs that
// merge with their subtitles (tune pages at ~80 dpi: left columns with 2 of 7
// labels). Only then: on most pages a second read finds no more.
Status LabelAreaWords(TesseractEngine* engine, const cv::Mat& flat,
                      const std::vector<cv::Rect>& areas, bool low_resolution, int enough,
                      std::vector<Word>* out) {
  if (Status s = AreaWords(engine, flat, areas, out); !s.ok()) return s;
  if (!low_resolution || FieldLabels(*out) >= enough) return Status::Ok();
  cv::Mat stretched;
  flat.convertTo(stretched, CV_8U, 255.0 / 160.0, -60.0 * 255.0 / 160.0);
  std::vector<Word> again;
  if (Status s = AreaWords(engine, stretched, areas, &again); !s.ok()) return s;
  Append(std::move(again), out);
  return Status::Ok();
}

void Judge(LabelScan* scan) {
  scan->labels = MatchLabels(scan->words);
  scan->evidence = JudgePage(scan->labels);
}

}  // namespace

bool ClearRead(const PageEvidence& e) { return e.any && e.ik_labels + e.ip_labels >= 4; }

Status ScanLabels(TesseractEngine* engine, const cv::Mat& flat, LabelScope scope, LabelScan* out) {
  return ScanLabels(engine, flat, scope, 1.0, out);
}

Status ScanLabels(TesseractEngine* engine, const cv::Mat& flat_gray, LabelScope scope,
                  double source_scale, LabelScan* out) {
  *out = LabelScan();
  if (flat_gray.empty() || flat_gray.type() != CV_8UC1) {
    return Status::Internal("ScanLabels needs gray");
  }
  const cv::Mat flat = ForTesseract(flat_gray, source_scale);
  if (scope == LabelScope::kWholePage) {
    if (Status s = engine->PageWords(flat, &out->words); !s.ok()) return s;
    Judge(out);
    return Status::Ok();
  }
  const cv::Size page = flat.size();
  const bool low_resolution = LowResolution(source_scale);
  std::vector<cv::Rect> areas = {OnPage(kLeftColumn, page), OnPage(kTitleBand, page)};
  if (Status s = LabelAreaWords(engine, flat, areas, low_resolution, 4, &out->words); !s.ok()) {
    return s;
  }
  Judge(out);
  // The vehicle page has a second column of labels (8-14); the owner page none.
  if (out->evidence.any && out->evidence.kind == PageKind::kIk) {
    std::vector<Word> right;
    if (Status s =
            LabelAreaWords(engine, flat, {OnPage(kRightColumn, page)}, low_resolution, 4, &right);
        !s.ok()) {
      return s;
    }
    Append(std::move(right), &out->words);
    Judge(out);
  }
  return Status::Ok();
}

}  // namespace bpkb::layout
