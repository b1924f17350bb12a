#include "bpkb/fields/grammar.h"

#include <map>

#include "bpkb/fields/area_data.h"
#include "bpkb/fields/lexicons.h"

namespace bpkb::fields {
namespace {

// "2 (DUA)" .. for the numbers a count field may print.
std::vector<std::string> CountPhrases(int from, int to) {
  std::vector<std::string> out;
  for (int n = from; n <= to; ++n) out.push_back(std::to_string(n) + " (" + NumberWord(n) + ")");
  return out;
}

// The phrases as one alternation; the space before "(" is optional and the
// parentheses are written as one-character classes (literal in the dialect).
std::string CountPattern(int from, int to) {
  std::string p = "(";
  for (int n = from; n <= to; ++n) {
    if (n > from) p += "|";
    p += std::to_string(n) + " ?[(]" + NumberWord(n) + "[)]";
  }
  return p + ")";
}

std::map<std::string, FieldGrammar, std::less<>> Build() {
  const Lexicons& lx = GetLexicons();
  std::map<std::string, FieldGrammar, std::less<>> g;
  auto add = [&](const std::string& field, std::string pattern,
                 std::vector<std::string> lexicon = {}, bool closed = false) {
    g[field] = FieldGrammar{field, std::move(pattern), std::move(lexicon), closed};
  };
  // Identitas Kendaraan.
  // The region letters are one of the real codes (plate_regions): the decoder
  // cannot turn "E S..." into the unissued "ES".
  std::string regions = "(";
  for (const std::string& r : lx.plate_regions) regions += (regions.size() > 1 ? "|" : "") + r;
  add("nomor_polisi", regions + ") [0-9]{1,4}( [A-Z]{1,3})?");
  add("merek", "[A-Z0-9][A-Z0-9 .&-]*", lx.brands, true);
  add("tipe", "[A-Z0-9][A-Z0-9 ./()+,&'-]*", lx.types, false);
  add("jenis", "[A-Z][A-Z .]*", lx.jenis, true);
  add("model", "[A-Z][A-Z .()/-]*", lx.models, true);
  add("tahun_pembuatan", "(19|20)[0-9]{2}");
  add("isi_silinder", "(0|[0-9]{2,5}|[0-9]{1,2}[.][0-9]{3}) ?CC");
  add("warna", "[A-Z][A-Z /-]*", lx.colours, false);
  // ISO 3779: the 10th character is a model-year code (never U, Z or 0); the
  // makers of Indonesian VINs print a 6-digit serial (positions 12-17).
  add("no_rangka", "[A-HJ-NPR-Z0-9]{9}[A-HJ-NPR-TV-Y1-9][A-HJ-NPR-Z0-9][0-9]{6}");
  add("no_mesin", "[A-Z0-9]{6,16}|[A-Z0-9]{2,8}-[A-Z0-9]{3,12}");
  add("bahan_bakar", "[A-Z][A-Z /]*", lx.fuels, true);
  add("jumlah_sumbu", CountPattern(1, 8), CountPhrases(1, 8), true);
  add("jumlah_roda", CountPattern(2, 24), CountPhrases(2, 24), true);
  add("warna_tnkb", "[A-Z][A-Z ]*", lx.plate_colours, true);
  add("kategori", "[A-Z][A-Z -]*", lx.categories, true);
  // Identitas Pemilik.
  // Names have no digits: a decoder held to letters cannot read O as 0.
  add("nama_pemilik", "[A-Z][A-Z .,'&()/-]*");
  add("pekerjaan", "[A-Z][A-Z /.-]*", lx.occupations, true);
  add("alamat", "[A-Z0-9][A-Z0-9 .,'&()/:-]*");
  // A NIK; or an older KTP / a TDP number in dotted digit groups; or an id that
  // starts with a letter (KITAS, passport).
  add("no_id", "[0-9]{16}|[0-9]{2}([.][0-9]{1,6}){2,5}|[A-Z][A-Z0-9./-]{4,20}");
  add("lokasi_dikeluarkan", "[A-Z][A-Z .'-]*", AreaData::Get().issue_places(), false);
  add("tanggal_dikeluarkan", "[0-3]?[0-9] ?- ?[01]?[0-9] ?- ?(19|20)[0-9]{2}");
  add("nomor_bpkb", "[A-Z] ?- ?[0-9]{8}");
  add("alamat_email", "[A-Z0-9._%+-]+@[A-Z0-9-]+([.][A-Z0-9-]+)*[.][A-Z][A-Z]+");
  add("no_telepon", "[+(]?[0-9][0-9 ()-]{6,18}[0-9]");
  return g;
}

const std::map<std::string, FieldGrammar, std::less<>>& Grammars() {
  static const auto grammars = Build();  // magic static: built once, thread-safe
  return grammars;
}

const std::map<std::string, FieldGrammar, std::less<>>& LineGrammars() {
  static const auto grammars = [] {
    auto g = Grammars();
    for (auto& [name, grammar] : g) {
      grammar.lexicon.clear();
      grammar.closed = false;
    }
    return g;
  }();
  return grammars;
}

}  // namespace

const FieldGrammar* GrammarFor(std::string_view field) {
  auto it = Grammars().find(field);
  return it == Grammars().end() ? nullptr : &it->second;
}

const FieldGrammar* LineGrammarFor(std::string_view field) {
  auto it = LineGrammars().find(field);
  return it == LineGrammars().end() ? nullptr : &it->second;
}

std::vector<std::string> GrammarFields() {
  std::vector<std::string> out;
  for (const auto& [name, grammar] : Grammars()) out.push_back(name);
  return out;
}

}  // namespace bpkb::fields
