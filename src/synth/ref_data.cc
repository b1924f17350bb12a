#include "synth/ref_data.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

namespace bpkb::synth {
namespace {

std::vector<std::string> SplitTabs(const std::string& line, char sep) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == sep && !quoted) {
      out.push_back(cur);
      cur.clear();
    } else if (c != '\r') {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

// Uppercase ASCII; other bytes (rare accents in place names) are dropped so that
// every printed value stays in the recognizer's character set.
std::string Upper(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c >= 'a' && c <= 'z')
      out += static_cast<char>(c - 32);
    else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' || c == '-' || c == '.' ||
             c == '\'' || c == '/' || c == '(' || c == ')')
      out += static_cast<char>(c);
  }
  return out;
}

bool ReadLines(const std::string& path, std::vector<std::string>* out) {
  std::ifstream in(path);
  if (!in) return false;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    out->push_back(line);
  }
  return true;
}

}  // namespace

std::string RefData::Load(const std::string& root) {
  const std::string ref = root + "/ref/";
  std::vector<std::string> rows;
  if (!ReadLines(ref + "vehicles.tsv", &rows)) return "missing " + ref + "vehicles.tsv";
  for (const auto& r : rows) {
    auto f = SplitTabs(r, '\t');
    if (f.size() < 10) continue;
    VehicleSpec v{f[0],
                  f[1],
                  f[2],
                  f[3],
                  std::atoi(f[4].c_str()),
                  f[5],
                  std::atoi(f[6].c_str()),
                  std::atoi(f[7].c_str()),
                  f[8],
                  f[9]};
    vehicles.push_back(v);
  }
  struct {
    const char* file;
    std::vector<std::string>* into;
  } lists[] = {{"colours.txt", &colours},
               {"occupations.txt", &occupations},
               {"given_names.txt", &given_names},
               {"family_names.txt", &family_names}};
  for (auto& l : lists)
    if (!ReadLines(ref + l.file, l.into)) return "missing " + ref + l.file;
  rows.clear();
  if (!ReadLines(ref + "plate_regions.tsv", &rows)) return "missing " + ref + "plate_regions.tsv";
  for (const auto& r : rows) plate_regions.push_back(SplitTabs(r, '\t')[0]);

  const std::string idn = root + "/node_modules/idn-area-data/data/";
  rows.clear();
  if (!ReadLines(idn + "regencies.csv", &rows))
    return "missing " + idn + "regencies.csv (run npm ci)";
  std::map<std::string, int> regency_index;
  for (size_t i = 1; i < rows.size(); ++i) {
    auto f = SplitTabs(rows[i], ',');
    if (f.size() < 3) continue;
    Regency g;
    g.code = f[0];
    std::string name = Upper(f[2]);
    if (name.rfind("KOTA ", 0) == 0) {
      g.city = true;
      name = name.substr(5);
    } else if (name.rfind("KABUPATEN ", 0) == 0) {
      name = name.substr(10);
    }
    g.name = name;
    regency_index[g.code] = static_cast<int>(regencies.size());
    regencies.push_back(g);
  }
  rows.clear();
  if (!ReadLines(idn + "districts.csv", &rows)) return "missing " + idn + "districts.csv";
  std::map<std::string, int> district_index;
  for (size_t i = 1; i < rows.size(); ++i) {
    auto f = SplitTabs(rows[i], ',');
    if (f.size() < 3) continue;
    auto it = regency_index.find(f[1]);
    if (it == regency_index.end()) continue;
    District d;
    d.code = f[0];
    d.name = Upper(f[2]);
    d.regency = it->second;
    district_index[d.code] = static_cast<int>(districts.size());
    districts.push_back(d);
  }
  rows.clear();
  if (!ReadLines(idn + "villages.csv", &rows)) return "missing " + idn + "villages.csv";
  for (size_t i = 1; i < rows.size(); ++i) {
    auto f = SplitTabs(rows[i], ',');
    if (f.size() < 3) continue;
    auto it = district_index.find(f[1]);
    if (it == district_index.end()) continue;
    std::string name = Upper(f[2]);
    if (!name.empty() && name.size() <= 24) districts[it->second].villages.push_back(name);
  }
  // Districts without villages are useless for addresses.
  std::vector<District> kept;
  for (auto& d : districts)
    if (!d.villages.empty() && d.name.size() <= 24) kept.push_back(std::move(d));
  districts = std::move(kept);
  if (vehicles.empty() || districts.empty()) return "empty reference data under " + root;
  return "";
}

const RefData& RefData::Get(const std::string& root) {
  static std::once_flag once;
  static RefData data;
  std::call_once(once, [&] {
    std::string err = data.Load(root);
    if (!err.empty()) {
      std::fprintf(stderr, "bpkb-ocr-synth: %s\n", err.c_str());
      std::exit(1);
    }
  });
  return data;
}

}  // namespace bpkb::synth
