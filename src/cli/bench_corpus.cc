#include "cli/bench_corpus.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

namespace bpkb::cli {

std::string LoadTruth(const std::string& dir, std::vector<TruthPage>* pages) {
  std::ifstream in(dir + "/truth.jsonl");
  if (!in) return "no truth.jsonl in " + dir;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("file") || !j.contains("fields"))
      return "truth.jsonl line " + std::to_string(number) + " is not a truth record";
    TruthPage p;
    p.file = j.value("file", "");
    p.page = j.value("page", "");
    p.pdf_page = j.value("pdf_page", 0);
    p.condition = j.value("condition", "unknown");
    p.split = j.value("split", "");
    for (auto it = j["fields"].begin(); it != j["fields"].end(); ++it)
      p.fields[it.key()] = it.value().is_string() ? it.value().get<std::string>() : "";
    pages->push_back(std::move(p));
  }
  return "";
}

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

void Tally::Add(const std::string& truth, const std::string& got) {
  ++n;
  exact += truth == got;
  edits += static_cast<double>(EditDistance(truth, got));
  chars += static_cast<double>(std::max<size_t>(truth.size(), 1));
}

void Scores::Add(const TruthPage& truth, const std::map<std::string, std::string>& read,
                 bool failed) {
  for (Group* g : {&overall, &by_condition[truth.condition]}) {
    ++g->pages;
    g->failures += failed;
    bool all = true;
    for (const auto& [field, expected] : truth.fields) {
      auto it = read.find(field);
      const std::string got = it == read.end() ? "" : it->second;
      all = all && got == expected;
      g->fields.Add(expected, got);
      g->by_field[field].Add(expected, got);
    }
    g->all_right += all;
  }
}

}  // namespace bpkb::cli
