#include "cli/bench_baseline.h"

#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <regex>
#include <sstream>
#include <vector>

#include "bpkb/fields/text_util.h"

namespace bpkb::cli {
namespace {

struct Label {
  const char* field;
  std::regex re;
};

const std::vector<Label>& Labels(const std::string& page) {
  const auto f = std::regex::icase | std::regex::ECMAScript;
  static const std::vector<Label> ip = {
      {"nama_pemilik", std::regex("nama\\s*pemilik", f)},
      {"pekerjaan", std::regex("pekerjaan", f)},
      {"alamat", std::regex("alamat(?!\\s*email)", f)},
      {"no_id", std::regex("(no\\.?|nomor)\\s*ktp[^\\s:;]*", f)},
      {"lokasi_dikeluarkan", std::regex("dikeluarkan\\s*di", f)},
      {"tanggal_dikeluarkan", std::regex("pada\\s*tanggal", f)},
  };
  static const std::vector<Label> ik = {
      {"nomor_polisi", std::regex("nomor\\s*registrasi", f)},
      {"merek", std::regex("\\bmer(e)?k\\b", f)},
      {"tipe", std::regex("\\btype\\b(?!\\s*fuel)", f)},
      {"jenis", std::regex("\\bjenis\\b", f)},
      {"model", std::regex("\\bmodel\\b", f)},
      {"tahun_pembuatan", std::regex("tahun\\s*pembuatan", f)},
      {"isi_silinder", std::regex("isi\\s*silinder", f)},
      {"warna", std::regex("\\bwarna\\b(?!\\s*tnkb)", f)},
      {"no_rangka", std::regex("nomor\\s*rangka[^\\s:;]*", f)},
      {"no_mesin", std::regex("nomor\\s*mesin", f)},
      {"bahan_bakar", std::regex("bahan\\s*bakar", f)},
      {"jumlah_sumbu", std::regex("jumlah\\s*sumbu", f)},
      {"jumlah_roda", std::regex("jumlah\\s*roda", f)},
  };
  return page == "ik" ? ik : ip;
}

std::string Clean(std::string v) {
  // Leading separators, and a trailing label number of the next column ("8.").
  v = std::regex_replace(v, std::regex("^[\\s:;.,|_=-]+"), "");
  v = std::regex_replace(v, std::regex("\\s+[0-9]{1,2}\\.?\\s*$"), "");
  return fields::CanonicalText(v);
}

std::string NormaliseDate(const std::string& v) {
  std::smatch m;
  if (!std::regex_search(v, m, std::regex("([0-9]{1,2})\\D+([0-9]{1,2})\\D+([0-9]{4})"))) return v;
  auto pad = [](const std::string& s) { return s.size() == 1 ? "0" + s : s; };
  return pad(m[1]) + "-" + pad(m[2]) + "-" + m[3].str();
}

}  // namespace

bool RunTesseract(const std::string& path, int pdf_page, const std::string& scratch_dir,
                  std::string* text) {
  static std::atomic<int> counter{0};
  std::string image = path;
  std::string temp;
  if (path.size() > 4 && path.substr(path.size() - 4) == ".pdf") {
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path));
    if (!doc || doc->pages() < 1) return false;
    const int index = std::clamp(pdf_page > 0 ? pdf_page - 1 : 0, 0, doc->pages() - 1);
    std::unique_ptr<poppler::page> page(doc->create_page(index));
    poppler::page_renderer renderer;
    poppler::image img = renderer.render_page(page.get(), 200, 200);
    temp = scratch_dir + "/bench-page-" + std::to_string(counter++) + ".png";
    if (!img.is_valid() || !img.save(temp, "png")) return false;
    image = temp;
  }
  if (image.find('\'') != std::string::npos) return false;
  const std::string cmd =
      "OMP_THREAD_LIMIT=1 tesseract '" + image + "' stdout -l ind+eng --psm 3 2>/dev/null";
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) return false;
  char buf[4096];
  text->clear();
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) text->append(buf, n);
  const int rc = pclose(pipe);
  if (!temp.empty()) std::remove(temp.c_str());
  return rc == 0;
}

std::map<std::string, std::string> ParseLabelledFields(const std::string& text,
                                                       const std::string& page) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);)
    if (!Clean(l).empty()) lines.push_back(l);
  struct Hit {
    size_t line, begin, end;
    const char* field;
  };
  std::vector<Hit> hits;
  std::vector<bool> has_label(lines.size(), false);
  for (size_t i = 0; i < lines.size(); ++i) {
    for (const auto& label : Labels(page)) {
      std::smatch m;
      if (std::regex_search(lines[i], m, label.re)) {
        hits.push_back({i, static_cast<size_t>(m.position(0)),
                        static_cast<size_t>(m.position(0) + m.length(0)), label.field});
        has_label[i] = true;
      }
    }
  }
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return a.line != b.line ? a.line < b.line : a.begin < b.begin;
  });
  std::map<std::string, std::string> out;
  for (size_t h = 0; h < hits.size(); ++h) {
    const Hit& hit = hits[h];
    if (out.count(hit.field)) continue;
    size_t stop = lines[hit.line].size();
    if (h + 1 < hits.size() && hits[h + 1].line == hit.line) stop = hits[h + 1].begin;
    std::string value = Clean(lines[hit.line].substr(hit.end, stop - std::min(stop, hit.end)));
    // A value printed on the following line(s): the VIN, the address.
    size_t next = hit.line + 1;
    const int extra = std::string(hit.field) == "alamat" ? 3 : 1;
    for (int k = 0; k < extra && next < lines.size() && !has_label[next]; ++k, ++next) {
      if (!value.empty() && std::string(hit.field) != "alamat") break;
      const std::string more = Clean(lines[next]);
      value = value.empty() ? more : value + " " + more;
    }
    if (std::string(hit.field) == "tanggal_dikeluarkan") value = NormaliseDate(value);
    out[hit.field] = value;
  }
  // Tesseract's page segmentation often reads the label column first and the
  // value column after it: hand the unlabelled value lines, in order, to the
  // labels left without a value. A line starting with a colon starts a value;
  // other lines continue an address or start the next value.
  std::vector<const char*> empty;
  for (const Hit& hit : hits)
    if (out[hit.field].empty() && std::find(empty.begin(), empty.end(), hit.field) == empty.end())
      empty.push_back(hit.field);
  if (!empty.empty()) {
    const size_t first = hits.empty() ? 0 : hits.front().line;
    std::vector<std::string> groups;
    std::string group_field;
    for (size_t i = first; i < lines.size() && groups.size() <= empty.size(); ++i) {
      if (has_label[i]) continue;
      const std::string& raw = lines[i];
      int upper = 0, lower = 0;
      for (unsigned char c : raw) {
        upper += std::isupper(c) != 0;
        lower += std::islower(c) != 0;
      }
      if (upper == 0 && std::none_of(raw.begin(), raw.end(), ::isdigit)) continue;
      if (lower > upper) continue;  // English subtitles and other print
      const std::string v = Clean(raw);
      if (v.find("IDENTITAS") != std::string::npos) continue;
      const size_t lead = raw.find_first_not_of(" \t");
      const bool starts = lead != std::string::npos && (raw[lead] == ':' || raw[lead] == ';');
      const std::string field = groups.size() < empty.size() ? empty[groups.size()] : "";
      if (!groups.empty() && !starts && group_field == "alamat") {
        groups.back() += " " + v;
      } else {
        groups.push_back(v);
        group_field = field;
      }
    }
    for (size_t k = 0; k < empty.size() && k < groups.size(); ++k) {
      std::string v = groups[k];
      if (std::string(empty[k]) == "tanggal_dikeluarkan") v = NormaliseDate(v);
      out[empty[k]] = v;
    }
  }
  if (page == "ip") {
    std::smatch m;
    if (std::regex_search(text, m, std::regex("\\b([A-Z])\\s?-\\s?([0-9]{8})\\b")))
      out["nomor_bpkb"] = m[1].str() + "-" + m[2].str();
  }
  return out;
}

}  // namespace bpkb::cli
