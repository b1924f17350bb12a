#include "bpkb/result_json.h"

namespace bpkb {
namespace {

const FieldReading* Find(const PageReading& reading, const std::string& name) {
  auto it = reading.fields.find(name);
  return it == reading.fields.end() ? nullptr : &it->second;
}

}  // namespace

nlohmann::ordered_json ResultData(const PageReading& reading, PageKind kind) {
  nlohmann::ordered_json data = nlohmann::ordered_json::object();
  for (const std::string& name : RequiredFields(kind)) {
    const FieldReading* f = Find(reading, name);
    data[name] = f ? f->value : "";
  }
  for (const std::string& name : OptionalFields(kind)) {
    const FieldReading* f = Find(reading, name);
    if (f && f->found && !f->value.empty()) data[name] = f->value;
  }
  return data;
}

nlohmann::ordered_json ResultDetail(const PageReading& reading, PageKind kind) {
  // API.md: one object per field, beside page_type, quality and the rest.
  nlohmann::ordered_json detail = nlohmann::ordered_json::object();
  auto add = [&](const std::string& name, bool always) {
    const FieldReading* f = Find(reading, name);
    if (!f && !always) return;
    if (f && !always && (!f->found || f->value.empty())) return;
    FieldReading empty;
    const FieldReading& r = f ? *f : empty;
    detail[name] = {{"value", r.value},
                    {"raw", r.raw},
                    {"confidence", r.confidence},
                    {"valid", r.valid},
                    {"found", r.found},
                    {"box", {r.box.x0, r.box.y0, r.box.x1, r.box.y1}}};
  };
  for (const std::string& name : RequiredFields(kind)) add(name, true);
  for (const std::string& name : OptionalFields(kind)) add(name, false);

  detail["page_type"] = PageKindName(reading.page_type);
  detail["page_type_confidence"] = reading.page_type_confidence;
  detail["page_index"] = reading.page_index;
  detail["rotation"] = reading.rotation;
  detail["quality"] = {{"blur", reading.quality.blur},
                       {"brightness", reading.quality.brightness},
                       {"glare", reading.quality.glare},
                       {"resolution", reading.quality.resolution},
                       {"flags", reading.quality.flags}};
  detail["warnings"] = reading.warnings;
  detail["processing_ms"] = reading.processing_ms;
  return detail;
}

}  // namespace bpkb
