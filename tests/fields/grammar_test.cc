// The field grammars: every API field has one, its pattern stays inside the
// dialect of grammar.h (checked by a small parser here) and, read as an
// ECMAScript regex, accepts the printed values of BPKB.md and rejects wrong ones.
#include "bpkb/fields/grammar.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <thread>

#include "bpkb/page_kind.h"
#include "bpkb/text/pattern_automaton.h"

namespace bpkb::fields {
namespace {

// Recursive-descent check of the dialect: literals, [..] classes with ranges
// (no negation, no escapes), ( | ) groups, ?, *, +, {m,n}.
class DialectChecker {
 public:
  explicit DialectChecker(std::string p) : p_(std::move(p)) {}
  bool Ok() {
    if (!Alternation()) return false;
    return i_ == p_.size();
  }

 private:
  bool Alternation() {
    if (!Sequence()) return false;
    while (i_ < p_.size() && p_[i_] == '|') {
      ++i_;
      if (!Sequence()) return false;
    }
    return true;
  }
  bool Sequence() {
    while (i_ < p_.size() && p_[i_] != '|' && p_[i_] != ')') {
      if (!Atom()) return false;
      if (!Quantifier()) return false;
    }
    return true;
  }
  bool Atom() {
    const char c = p_[i_];
    if (c == '(') {
      ++i_;
      if (!Alternation() || i_ >= p_.size() || p_[i_] != ')') return false;
      ++i_;
      return true;
    }
    if (c == '[') return Class();
    // Characters with a meaning in ECMAScript that the dialect has not.
    if (std::string_view("\\.^$]{}?*+").find(c) != std::string_view::npos) return false;
    ++i_;
    return true;
  }
  bool Class() {
    ++i_;
    if (i_ < p_.size() && p_[i_] == '^') return false;
    int members = 0;
    while (i_ < p_.size() && p_[i_] != ']') {
      if (p_[i_] == '\\' || p_[i_] == '[') return false;
      ++members;
      ++i_;
    }
    if (i_ >= p_.size() || members == 0) return false;
    ++i_;
    return true;
  }
  bool Quantifier() {
    if (i_ >= p_.size()) return true;
    const char c = p_[i_];
    if (c == '?' || c == '*' || c == '+') {
      ++i_;
      return true;
    }
    if (c != '{') return true;
    ++i_;
    int m = Number();
    if (m < 0 || i_ >= p_.size()) return false;
    if (p_[i_] == ',') {
      ++i_;
      int n = Number();
      if (n < m) return false;
    }
    if (i_ >= p_.size() || p_[i_] != '}') return false;
    ++i_;
    return true;
  }
  int Number() {
    int v = -1;
    while (i_ < p_.size() && std::isdigit(static_cast<unsigned char>(p_[i_]))) {
      v = (v < 0 ? 0 : v * 10) + (p_[i_++] - '0');
    }
    return v;
  }
  std::string p_;
  size_t i_ = 0;
};

bool Matches(const std::string& field, const std::string& text) {
  const FieldGrammar* g = GrammarFor(field);
  if (g == nullptr) return false;
  return std::regex_match(text, std::regex(g->pattern));
}

// The same question asked of the constrained decoder's automaton (bpkb/text),
// which must agree with the regex reading of the pattern.
bool AutomatonMatches(const std::string& field, const std::string& text) {
  const FieldGrammar* g = GrammarFor(field);
  if (g == nullptr) return false;
  text::PatternAutomaton automaton;
  if (!text::PatternAutomaton::Compile(g->pattern, &automaton).ok()) return false;
  return automaton.Matches(text);
}

std::vector<std::string> ApiFields() {
  std::vector<std::string> out;
  for (PageKind k : {PageKind::kIk, PageKind::kIp}) {
    for (const auto& f : RequiredFields(k)) out.push_back(f);
    for (const auto& f : OptionalFields(k)) out.push_back(f);
  }
  return out;
}

TEST(GrammarTest, EveryApiFieldHasAGrammar) {
  for (const std::string& field : ApiFields()) {
    const FieldGrammar* g = GrammarFor(field);
    ASSERT_NE(g, nullptr) << field;
    EXPECT_EQ(g->field, field);
    EXPECT_FALSE(g->pattern.empty()) << field;
  }
  EXPECT_EQ(GrammarFor("no_such_field"), nullptr);
  EXPECT_EQ(GrammarFor(""), nullptr);
  std::set<std::string> listed;
  for (const auto& f : GrammarFields()) listed.insert(f);
  for (const auto& f : ApiFields()) EXPECT_TRUE(listed.count(f)) << f;
}

TEST(GrammarTest, PatternsStayInTheDialect) {
  for (const std::string& field : GrammarFields()) {
    const FieldGrammar* g = GrammarFor(field);
    EXPECT_TRUE(DialectChecker(g->pattern).Ok()) << field << ": " << g->pattern;
    EXPECT_NO_THROW(std::regex(g->pattern)) << field;
    text::PatternAutomaton automaton;
    Status st = text::PatternAutomaton::Compile(g->pattern, &automaton);
    EXPECT_TRUE(st.ok()) << field << ": " << st.message();
    EXPECT_LT(g->pattern.size(), 700u) << field;  // the decoder builds an automaton
  }
}

TEST(GrammarTest, DialectCheckerRejectsOutsideSyntax) {
  EXPECT_TRUE(DialectChecker("[A-Z]{1,2} [0-9]{1,4}( [A-Z]{1,3})?").Ok());
  EXPECT_FALSE(DialectChecker("[^A-Z]").Ok());
  EXPECT_FALSE(DialectChecker("A.B").Ok());
  EXPECT_FALSE(DialectChecker("\\d+").Ok());
  EXPECT_FALSE(DialectChecker("(AB").Ok());
  EXPECT_FALSE(DialectChecker("A{3,1}").Ok());
}

TEST(GrammarTest, LexiconEntriesFitTheirPattern) {
  for (const std::string& field : GrammarFields()) {
    const FieldGrammar* g = GrammarFor(field);
    const std::regex re(g->pattern);
    for (const std::string& entry : g->lexicon) {
      EXPECT_TRUE(std::regex_match(entry, re)) << field << ": " << entry;
    }
    if (g->closed) {
      EXPECT_FALSE(g->lexicon.empty()) << field;
    }
  }
}

struct Case {
  const char* field;
  const char* text;
};

TEST(GrammarTest, AcceptsPrintedValues) {
  const Case ok[] = {
      {"nomor_polisi", "B 1413 KLT"},
      {"nomor_polisi", "AB 1 A"},
      {"nomor_polisi", "D 1234"},
      {"merek", "KIA"},
      {"merek", "MERCEDES-BENZ"},
      {"tipe", "SPORTAGE 2.0 LX AT"},
      {"tipe", "GRAND NEW AVANZA 1.3 G M/T"},
      {"jenis", "MB PENUMPANG"},
      {"jenis", "SEPEDA MOTOR"},
      {"model", "PICK UP"},
      {"model", "JEEP S.C.HDTP"},
      {"tahun_pembuatan", "2013"},
      {"tahun_pembuatan", "1998"},
      {"isi_silinder", "1.998 CC"},
      {"isi_silinder", "110 CC"},
      {"isi_silinder", "12.000 CC"},
      {"warna", "ABU-ABU METALIK"},
      {"warna", "MERAH MAROON"},
      {"no_rangka", "KNAPB811MD7488226"},
      {"no_rangka", "MH1JFM112CK123456"},
      {"no_mesin", "G4KDDH418906"},
      {"no_mesin", "JFM1E1234567"},
      {"no_mesin", "4D56C-123456"},
      {"bahan_bakar", "BENSIN"},
      {"jumlah_sumbu", "2 (DUA)"},
      {"jumlah_roda", "4 (EMPAT)"},
      {"jumlah_roda", "10 (SEPULUH)"},
      {"jumlah_roda", "2(DUA)"},
      {"warna_tnkb", "PUTIH"},
      {"kategori", "MOBIL PENUMPANG - BUKAN SEDAN"},
      {"nama_pemilik", "M RAMDHAN MUBARAK NASUTION"},
      {"nama_pemilik", "PT. MAJU JAYA ABADI"},
      {"nama_pemilik", "SITI NUR'AINI"},
      {"pekerjaan", "WIRASWASTA"},
      {"pekerjaan", "PEGAWAI NEGERI SIPIL"},
      {"pekerjaan", "PELAJAR/MAHASISWA"},
      {"alamat", "JL. MERDEKA NO. 12 RT. 001 RW. 002 KEL. MENTENG KEC. MENTENG JAKARTA PUSAT"},
      {"alamat", "PERUM GRIYA BLOK C-12/3, DS. SUKAMAJU"},
      {"no_id", "3171064507900001"},
      {"no_id", "09.5305.010170.0123"},
      {"lokasi_dikeluarkan", "JAKARTA"},
      {"lokasi_dikeluarkan", "JAKARTA PUSAT"},
      {"tanggal_dikeluarkan", "1 - 7 - 2011"},
      {"tanggal_dikeluarkan", "01-07-2011"},
      {"tanggal_dikeluarkan", "28 -12- 1999"},
      {"nomor_bpkb", "I-01152258"},
      {"nomor_bpkb", "M - 04156732"},
      {"alamat_email", "BUDI.SANTOSO@GMAIL.COM"},
      {"no_telepon", "081234567890"},
      {"no_telepon", "+62 812-3456-7890"},
  };
  for (const Case& c : ok) {
    EXPECT_TRUE(Matches(c.field, c.text)) << c.field << ": " << c.text;
    EXPECT_TRUE(AutomatonMatches(c.field, c.text)) << c.field << ": " << c.text;
  }
}

TEST(GrammarTest, RejectsWrongValues) {
  const Case bad[] = {
      {"nomor_polisi", "B1413KLT"},  // printed with spaces
      {"nomor_polisi", "ABC 1413 K"},
      {"nomor_polisi", "B 14135 K"},
      {"nomor_polisi", "B 1413 KLTX"},
      {"tahun_pembuatan", "1899"},
      {"tahun_pembuatan", "2O13"},
      {"tahun_pembuatan", "13"},
      {"isi_silinder", "1.998"},
      {"isi_silinder", "1.99 CC"},
      {"no_rangka", "KNAPB811MD748822"},  // 16 characters
      {"no_rangka", "KNAPB811OD7488226"},
      {"no_rangka", "KNAPB8I1MD7488226"},
      {"no_mesin", "G4K"},
      {"no_mesin", "G4KDDH418906G4KDDH"},
      {"jumlah_sumbu", "2 (TIGA)"},
      {"jumlah_roda", "4"},
      {"jumlah_roda", "4 (EMPAT"},
      {"no_id", "3171"},
      {"tanggal_dikeluarkan", "1 JULI 2011"},
      {"tanggal_dikeluarkan", "1-7-11"},
      {"nomor_bpkb", "01152258"},
      {"nomor_bpkb", "I-0115225"},
      {"alamat_email", "BUDI SANTOSO"},
      {"no_telepon", "12AB"},
      {"nama_pemilik", " BUDI"},
      {"jenis", "MB-PENUMPANG2"},
  };
  for (const Case& c : bad) {
    EXPECT_FALSE(Matches(c.field, c.text)) << c.field << ": " << c.text;
    EXPECT_FALSE(AutomatonMatches(c.field, c.text)) << c.field << ": " << c.text;
  }
}

TEST(GrammarTest, ClosedVocabulariesHaveTheUsualValues) {
  auto has = [](const char* field, const char* value) {
    const auto& lex = GrammarFor(field)->lexicon;
    return std::find(lex.begin(), lex.end(), value) != lex.end();
  };
  EXPECT_TRUE(has("merek", "TOYOTA"));
  EXPECT_TRUE(has("merek", "YAMAHA"));
  EXPECT_TRUE(has("jenis", "SEPEDA MOTOR"));
  EXPECT_TRUE(has("model", "MINIBUS"));
  EXPECT_TRUE(has("bahan_bakar", "SOLAR"));
  EXPECT_TRUE(has("pekerjaan", "KARYAWAN SWASTA"));
  EXPECT_TRUE(has("warna", "PUTIH"));
  EXPECT_TRUE(has("lokasi_dikeluarkan", "JAKARTA"));
  EXPECT_TRUE(has("lokasi_dikeluarkan", "BANDUNG"));
  EXPECT_TRUE(has("jumlah_roda", "4 (EMPAT)"));
  EXPECT_TRUE(GrammarFor("merek")->closed);
  EXPECT_FALSE(GrammarFor("nama_pemilik")->closed);
}

TEST(GrammarTest, ConcurrentFirstUseGivesOneTable) {
  std::vector<std::thread> threads;
  std::vector<std::vector<const FieldGrammar*>> seen(8);
  const std::vector<std::string> fields = ApiFields();
  for (size_t t = 0; t < seen.size(); ++t) {
    threads.emplace_back([&, t] {
      for (const auto& f : fields) seen[t].push_back(GrammarFor(f));
    });
  }
  for (auto& th : threads) th.join();
  for (size_t t = 1; t < seen.size(); ++t) EXPECT_EQ(seen[t], seen[0]);
  for (const FieldGrammar* g : seen[0]) EXPECT_NE(g, nullptr);
}

}  // namespace
}  // namespace bpkb::fields
