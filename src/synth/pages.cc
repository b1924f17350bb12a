#include "synth/pages.h"

#include <atomic>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "bpkb/page_kind.h"
#include "synth/conditions.h"
#include "synth/page_render.h"

namespace bpkb::synth {

const char* ConditionName(Condition c) {
  switch (c) {
    case Condition::kScan:
      return "scan";
    case Condition::kPhotocopy:
      return "photocopy";
    case Condition::kPhoto:
      return "photo";
    case Condition::kLowres:
      return "lowres";
    case Condition::kRotated:
      return "rotated";
    case Condition::kPdf:
      return "pdf";
  }
  return "scan";
}

const std::vector<Condition>& AllConditions() {
  static const std::vector<Condition> all = {Condition::kScan,    Condition::kPhotocopy,
                                             Condition::kPhoto,   Condition::kLowres,
                                             Condition::kRotated, Condition::kPdf};
  return all;
}

std::string ParseConditions(const std::string& csv, std::vector<Condition>* out) {
  out->clear();
  size_t start = 0;
  while (start <= csv.size()) {
    size_t end = csv.find(',', start);
    if (end == std::string::npos) end = csv.size();
    std::string name = csv.substr(start, end - start);
    if (!name.empty()) {
      bool found = false;
      for (Condition c : AllConditions())
        if (name == ConditionName(c)) {
          out->push_back(c);
          found = true;
        }
      if (!found) return "unknown condition '" + name + "'";
    }
    start = end + 1;
  }
  if (out->empty()) *out = AllConditions();
  return "";
}

namespace {

struct Item {
  std::string file;
  std::string truth_line;
  bool ok = false;
};

Item MakeItem(const RefData& ref, const PageOptions& opt, const std::string& dir, int index) {
  Rng rng = Rng::ForItem(opt.seed, static_cast<uint64_t>(index), 0x22);
  const Condition condition = opt.conditions[index % opt.conditions.size()];
  const bool tune = opt.split == Split::kTune;
  const Face& face = PickFace(FacesFor(tune ? "train" : SplitName(opt.split)), rng);
  const PageSide side = rng.Chance(0.5) ? PageSide::kIk : PageSide::kIp;
  const bool new_edition = rng.Chance(0.4);
  Record record = side == PageSide::kIk ? MakeVehicleRecord(ref, opt.split, rng, new_edition)
                                        : MakeOwnerRecord(ref, opt.split, rng, new_edition);
  RenderedPage page = RenderPage(side, record, face, rng);
  // Held-out and validation pages: other seeds, faces, and stronger distortions.
  const Strength strength = tune ? Strength{0.15, 0.8} : Strength{0.4, 1.0};
  CaptureFile file;
  switch (condition) {
    case Condition::kScan:
      file = CaptureScan(page.bgr, strength, rng);
      break;
    case Condition::kPhotocopy:
      file = CapturePhotocopy(page.bgr, strength, rng);
      break;
    case Condition::kPhoto:
      file = CapturePhoto(page.bgr, strength, rng);
      break;
    case Condition::kLowres:
      file = CaptureLowres(page.bgr, strength, rng);
      break;
    case Condition::kRotated:
      file = CaptureRotated(page.bgr, strength, rng);
      break;
    case Condition::kPdf: {
      std::vector<cv::Mat> book;
      int target = 0;
      if (rng.Chance(0.5)) {
        book.push_back(page.bgr);
      } else {  // a few pages of the book in order: cover/notes, IP, IK, notes
        Rng other(rng.Next());
        if (rng.Chance(0.6)) book.push_back(RenderPage(PageSide::kOther, {}, face, other).bgr);
        const PageSide companion = side == PageSide::kIk ? PageSide::kIp : PageSide::kIk;
        Record rec2 = companion == PageSide::kIk
                          ? MakeVehicleRecord(ref, opt.split, other, new_edition)
                          : MakeOwnerRecord(ref, opt.split, other, new_edition);
        cv::Mat companion_page = RenderPage(companion, rec2, face, other).bgr;
        if (side == PageSide::kIp) {
          target = static_cast<int>(book.size());
          book.push_back(page.bgr);
          book.push_back(companion_page);
        } else {
          book.push_back(companion_page);
          target = static_cast<int>(book.size());
          book.push_back(page.bgr);
        }
        const int tail = rng.Int(0, 2);
        for (int t = 0; t < tail; ++t)
          book.push_back(RenderPage(PageSide::kOther, {}, face, other).bgr);
      }
      file = CapturePdf(book, target, strength, rng);
      break;
    }
  }
  char name[32];
  std::snprintf(name, sizeof name, "p%06d.%s", index, file.ext.c_str());
  Item item;
  item.file = name;
  std::ofstream out(dir + "/" + name, std::ios::binary);
  out.write(reinterpret_cast<const char*>(file.bytes.data()),
            static_cast<std::streamsize>(file.bytes.size()));
  item.ok = static_cast<bool>(out);

  const PageKind kind = side == PageSide::kIk ? PageKind::kIk : PageKind::kIp;
  nlohmann::ordered_json j;
  j["file"] = name;
  j["page"] = std::string(PageKindName(kind));
  if (file.pdf_page > 0) j["pdf_page"] = file.pdf_page;
  j["condition"] = ConditionName(condition);
  j["split"] = SplitName(opt.split);
  j["seed"] = opt.seed;
  j["index"] = index;
  j["face"] = page.face;
  if (!file.detail.empty()) j["detail"] = file.detail;
  nlohmann::ordered_json fields = nlohmann::ordered_json::object();
  for (const auto& f : RequiredFields(kind)) {
    const FieldValue* v = record.Find(f);
    fields[f] = v ? v->truth : "";
  }
  j["fields"] = fields;
  nlohmann::ordered_json optional = nlohmann::ordered_json::object();
  for (const auto& f : OptionalFields(kind)) {
    const FieldValue* v = record.Find(f);
    if (v && !v->truth.empty()) optional[f] = v->truth;
  }
  if (!optional.empty()) j["optional_fields"] = optional;
  item.truth_line = j.dump() + "\n";
  return item;
}

}  // namespace

int WriteCorpus(const RefData& ref, const PageOptions& options, const std::string& dir, int count,
                int threads) {
  std::vector<Item> items(static_cast<size_t>(count));
  std::atomic<int> next{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < std::max(1, threads); ++t)
    pool.emplace_back([&] {
      for (int i = next++; i < count; i = next++) items[i] = MakeItem(ref, options, dir, i);
    });
  for (auto& th : pool) th.join();
  std::ofstream truth(dir + "/truth.jsonl", std::ios::binary);
  bool ok = static_cast<bool>(truth);
  for (const auto& item : items) {
    ok = ok && item.ok;
    truth << item.truth_line;
  }
  if (!ok || !truth) {
    std::fprintf(stderr, "bpkb-ocr-synth: cannot write the corpus under %s\n", dir.c_str());
    return 1;
  }
  return 0;
}

}  // namespace bpkb::synth
