// Fuzzes the field grammars (bpkb/fields/field_value.h): NormaliseField over
// every field the API knows and random names, with arbitrary (often invalid
// UTF-8) text as the recognizer might produce it, then CheckPage over a page of
// such values. The first byte picks the field.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "bpkb/fields/field_value.h"
#include "bpkb/fields/grammar.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<std::string> names = bpkb::fields::GrammarFields();
  if (size == 0 || names.empty()) return 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::string field;
  if (data[0] < names.size() * 2) {
    field = names[data[0] % names.size()];
  } else {
    // An unknown name: the prefix of the text up to the first space.
    field = std::string(text.substr(0, text.find(' ')));
  }
  bpkb::fields::NormalisedValue v = bpkb::fields::NormaliseField(field, text);

  // The same text normalised into every field of a page, then cross-checked.
  // Rare and short only: a whole page costs ~2 s under the sanitizers.
  if ((data[0] & 31) == 0 && text.size() <= 64) {
    for (auto kind : {bpkb::PageKind::kIk, bpkb::PageKind::kIp}) {
      std::map<std::string, bpkb::FieldReading> page;
      for (const std::string& name : names) {
        bpkb::FieldReading r;
        bpkb::fields::NormalisedValue nv = bpkb::fields::NormaliseField(name, text);
        r.value = nv.value;
        r.raw = std::string(text);
        r.valid = nv.valid;
        r.found = !nv.value.empty();
        r.confidence = 0.9;
        page[name] = r;
      }
      bpkb::fields::CheckPage(kind, &page);
    }
  }
  return v.valid ? 0 : 0;
}
