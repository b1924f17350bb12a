#include <functional>
#include <map>

#include "bpkb/fields/field_value.h"
#include "bpkb/fields/lexicons.h"
#include "bpkb/fields/normalisers.h"
#include "bpkb/fields/text_util.h"

namespace bpkb::fields {
namespace {

using Corrector = std::function<NormalisedValue(const std::string&)>;

const std::map<std::string, Corrector, std::less<>>& Correctors() {
  static const auto* table = [] {
    const Lexicons& lx = GetLexicons();
    auto* t = new std::map<std::string, Corrector, std::less<>>{
        {"nomor_polisi", NormalisePlate},
        {"merek", [&lx](const std::string& s) { return NormaliseEnumeration(s, lx.brands, true); }},
        {"tipe", NormaliseFreeText},
        {"jenis", [&lx](const std::string& s) { return NormaliseEnumeration(s, lx.jenis, true); }},
        {"model", [&lx](const std::string& s) { return NormaliseEnumeration(s, lx.models, true); }},
        {"tahun_pembuatan", NormaliseYear},
        {"isi_silinder", NormaliseCc},
        {"warna", NormaliseColour},
        {"no_rangka", NormaliseVin},
        {"no_mesin", NormaliseEngineNumber},
        {"bahan_bakar",
         [&lx](const std::string& s) { return NormaliseEnumeration(s, lx.fuels, true); }},
        {"jumlah_sumbu", [](const std::string& s) { return NormaliseCount(s, 1, 10); }},
        {"jumlah_roda", [](const std::string& s) { return NormaliseCount(s, 2, 30); }},
        {"warna_tnkb",
         [&lx](const std::string& s) { return NormaliseEnumeration(s, lx.plate_colours, true); }},
        {"kategori",
         [&lx](const std::string& s) { return NormaliseEnumeration(s, lx.categories, true); }},
        {"nama_pemilik", NormaliseName},
        {"pekerjaan",
         [&lx](const std::string& s) { return NormaliseEnumeration(s, lx.occupations, true); }},
        {"alamat", NormaliseAddress},
        {"no_id", NormaliseIdNumber},
        {"lokasi_dikeluarkan", NormaliseIssuePlace},
        {"tanggal_dikeluarkan", NormaliseDate},
        {"nomor_bpkb", NormaliseBpkbNumber},
        {"alamat_email", NormaliseEmail},
        {"no_telepon", NormalisePhone},
    };
    return t;
  }();
  return *table;
}

}  // namespace

NormalisedValue NormaliseField(std::string_view field, std::string_view text) {
  const std::string canonical = CanonicalText(text);
  if (canonical.empty()) {
    NormalisedValue empty;
    empty.confidence_factor = 0.0;
    return empty;
  }
  auto it = Correctors().find(field);
  if (it == Correctors().end()) {
    NormalisedValue v;
    v.value = canonical;
    v.valid = true;
    return v;
  }
  return it->second(canonical);
}

}  // namespace bpkb::fields
