// The field grammars: every API field has one, its pattern stays inside the
// dialect of grammar.h (read by a small parser and matcher here, and by the
// decoder's automaton) and accepts the printed values of BPKB.md and rejects wrong ones.
#include "bpkb/fields/grammar.h"

#include <gtest/gtest.h>

#include <bitset>
#include <memory>
#include <set>
#include <thread>

#include "bpkb/page_kind.h"
#include "bpkb/text/pattern_automaton.h"

namespace bpkb::fields {
namespace {

// An independent reading of the dialect of grammar.h: a recursive-descent
// parser (literals, [..] classes with ranges, no negation or escapes, ( | )
// groups, ?, *, +, {m,n}) into a tree, and a matcher over the whole line. It
// rejects ECMAScript syntax the dialect has not ('.', '\', '^', '$').
class DialectPattern {
 public:
  explicit DialectPattern(std::string p) : p_(std::move(p)) {
    root_ = Alternation();
    if (i_ != p_.size()) root_.reset();
  }
  bool Ok() const { return root_ != nullptr; }
  bool Matches(const std::string& text) const {
    if (!root_) return false;
    for (size_t end : Ends(*root_, text, 0)) {
      if (end == text.size()) return true;
    }
    return false;
  }

 private:
  struct Node {
    enum Kind { kChars, kSeq, kAlt, kRepeat } kind = kChars;
    std::bitset<256> chars;
    std::vector<std::unique_ptr<Node>> kids;
    int min = 1, max = 1;  // kRepeat; max < 0: unbounded
  };
  using NodePtr = std::unique_ptr<Node>;

  static std::set<size_t> Ends(const Node& n, const std::string& t, size_t pos) {
    std::set<size_t> out;
    switch (n.kind) {
      case Node::kChars:
        if (pos < t.size() && n.chars[static_cast<unsigned char>(t[pos])]) out.insert(pos + 1);
        break;
      case Node::kSeq: {
        std::set<size_t> cur = {pos};
        for (const auto& k : n.kids) {
          std::set<size_t> next;
          for (size_t p : cur) {
            for (size_t e : Ends(*k, t, p)) next.insert(e);
          }
          cur = std::move(next);
        }
        out = std::move(cur);
        break;
      }
      case Node::kAlt:
        for (const auto& k : n.kids) {
          for (size_t e : Ends(*k, t, pos)) out.insert(e);
        }
        break;
      case Node::kRepeat: {
        std::set<size_t> cur = {pos};
        if (n.min == 0) out.insert(pos);
        for (int r = 1; (n.max < 0 || r <= n.max) && !cur.empty(); ++r) {
          std::set<size_t> next;
          for (size_t p : cur) {
            for (size_t e : Ends(*n.kids[0], t, p)) {
              if (e != p) next.insert(e);
            }
          }
          if (r >= n.min) out.insert(next.begin(), next.end());
          cur = std::move(next);
        }
        break;
      }
    }
    return out;
  }

  NodePtr Alternation() {
    auto alt = std::make_unique<Node>();
    alt->kind = Node::kAlt;
    NodePtr seq = Sequence();
    if (!seq) return nullptr;
    alt->kids.push_back(std::move(seq));
    while (i_ < p_.size() && p_[i_] == '|') {
      ++i_;
      if (!(seq = Sequence())) return nullptr;
      alt->kids.push_back(std::move(seq));
    }
    return alt;
  }
  NodePtr Sequence() {
    auto seq = std::make_unique<Node>();
    seq->kind = Node::kSeq;
    while (i_ < p_.size() && p_[i_] != '|' && p_[i_] != ')') {
      NodePtr atom = Atom();
      if (!atom) return nullptr;
      if (!(atom = Quantified(std::move(atom)))) return nullptr;
      seq->kids.push_back(std::move(atom));
    }
    return seq;
  }
  NodePtr Atom() {
    const char c = p_[i_];
    if (c == '(') {
      ++i_;
      NodePtr inner = Alternation();
      if (!inner || i_ >= p_.size() || p_[i_] != ')') return nullptr;
      ++i_;
      return inner;
    }
    if (c == '[') return Class();
    if (std::string_view("\\.^$]{}?*+").find(c) != std::string_view::npos) return nullptr;
    auto n = std::make_unique<Node>();
    n->chars.set(static_cast<unsigned char>(c));
    ++i_;
    return n;
  }
  NodePtr Class() {
    ++i_;
    auto n = std::make_unique<Node>();
    if (i_ < p_.size() && p_[i_] == '^') return nullptr;
    while (i_ < p_.size() && p_[i_] != ']') {
      const char c = p_[i_];
      if (c == '\\' || c == '[') return nullptr;
      if (i_ + 2 < p_.size() && p_[i_ + 1] == '-' && p_[i_ + 2] != ']') {
        if (p_[i_ + 2] < c) return nullptr;
        for (int x = c; x <= p_[i_ + 2]; ++x) n->chars.set(static_cast<unsigned char>(x));
        i_ += 3;
      } else {
        n->chars.set(static_cast<unsigned char>(c));
        ++i_;
      }
    }
    if (i_ >= p_.size() || n->chars.none()) return nullptr;
    ++i_;
    return n;
  }
  NodePtr Quantified(NodePtr atom) {
    if (i_ >= p_.size()) return atom;
    int min = 1, max = 1;
    const char c = p_[i_];
    if (c == '?' || c == '*' || c == '+') {
      min = c == '+' ? 1 : 0;
      max = c == '?' ? 1 : -1;
      ++i_;
    } else if (c == '{') {
      ++i_;
      min = max = Number();
      if (min < 0 || i_ >= p_.size()) return nullptr;
      if (p_[i_] == ',') {
        ++i_;
        max = Number();
        if (max < min) return nullptr;
      }
      if (i_ >= p_.size() || p_[i_] != '}') return nullptr;
      ++i_;
    } else {
      return atom;
    }
    auto rep = std::make_unique<Node>();
    rep->kind = Node::kRepeat;
    rep->min = min;
    rep->max = max;
    rep->kids.push_back(std::move(atom));
    return rep;
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
  NodePtr root_;
};

bool Matches(const std::string& field, const std::string& text) {
  const FieldGrammar* g = GrammarFor(field);
  if (g == nullptr) return false;
  return DialectPattern(g->pattern).Matches(text);
}

// The same question asked of the constrained decoder's automaton (bpkb/text),
// which must agree with the reading above.
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
    EXPECT_TRUE(DialectPattern(g->pattern).Ok()) << field << ": " << g->pattern;
    text::PatternAutomaton automaton;
    Status st = text::PatternAutomaton::Compile(g->pattern, &automaton);
    EXPECT_TRUE(st.ok()) << field << ": " << st.message();
    EXPECT_LT(g->pattern.size(), 700u) << field;  // the decoder builds an automaton
  }
}

TEST(GrammarTest, DialectCheckerRejectsOutsideSyntax) {
  EXPECT_TRUE(DialectPattern("[A-Z]{1,2} [0-9]{1,4}( [A-Z]{1,3})?").Ok());
  EXPECT_FALSE(DialectPattern("[^A-Z]").Ok());
  EXPECT_FALSE(DialectPattern("A.B").Ok());
  EXPECT_FALSE(DialectPattern("\\d+").Ok());
  EXPECT_FALSE(DialectPattern("(AB").Ok());
  EXPECT_FALSE(DialectPattern("A{3,1}").Ok());
}

TEST(GrammarTest, LexiconEntriesFitTheirPattern) {
  for (const std::string& field : GrammarFields()) {
    const FieldGrammar* g = GrammarFor(field);
    const DialectPattern pattern(g->pattern);
    for (const std::string& entry : g->lexicon) {
      EXPECT_TRUE(pattern.Matches(entry)) << field << ": " << entry;
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
      {"isi_silinder", "0 CC"},  // electric vehicles
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
      {"no_id", "12.34.5.67.89012"},
      {"no_id", "A1234567"},
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
      {"no_rangka", "KNAPB811MU7488226"},  // U is no model-year code
      {"no_rangka", "KNAPB811MD748822S"},  // the serial is digits
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
      {"nama_pemilik", "BUD1"},
      {"no_id", "317106450790000"},  // 15 digits
      {"no_id", "31710645079000012"},
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

TEST(GrammarTest, DataRootFollowsTheConfiguredRoot) {
  const std::string before = DataRoot();
  EXPECT_FALSE(before.empty());
  UseDataRoot("/some/where");
  EXPECT_EQ(DataRoot(), "/some/where");
  UseDataRoot("");
  EXPECT_EQ(DataRoot(), before);
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

TEST(GrammarTest, OneLineOfAWrappedValueHasThePatternButNoLexicon) {
  const FieldGrammar* whole = GrammarFor("tipe");
  const FieldGrammar* line = LineGrammarFor("tipe");
  ASSERT_NE(whole, nullptr);
  ASSERT_NE(line, nullptr);
  EXPECT_FALSE(whole->lexicon.empty());
  EXPECT_TRUE(line->lexicon.empty());
  EXPECT_EQ(line->pattern, whole->pattern);
  EXPECT_TRUE(GrammarFor("jenis")->closed);
  EXPECT_FALSE(LineGrammarFor("jenis")->closed);
  EXPECT_EQ(LineGrammarFor("no_such_field"), nullptr);
}

}  // namespace
}  // namespace bpkb::fields
