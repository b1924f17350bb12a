// The generated values satisfy BPKB.md's conventions and cross-checks.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>

#include "bpkb/paths.h"
#include "synth/values.h"

namespace bpkb::synth {
namespace {

const RefData& Ref() { return RefData::Get(ResolveRoot("")); }

bool ValidDate(int d, int m, int y) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  int max = days[m - 1] + ((m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 1 : 0);
  return d <= max;
}

TEST(Values, VehicleFieldsFollowTheConventions) {
  const std::regex plate("^[A-Z]{1,2} [1-9][0-9]{0,3}( [A-Z]{1,3})?$");
  const std::regex vin("^[A-HJ-NPR-Z0-9]{17}$");
  const std::regex engine("^[A-Z0-9]{6,16}$");
  const std::regex cc("^[0-9]{1,3}(\\.[0-9]{3})* CC$");
  const std::regex count("^[0-9]+ \\([A-Z]+\\)$");
  std::set<std::string> regions(Ref().plate_regions.begin(), Ref().plate_regions.end());
  for (Split split : {Split::kTune, Split::kHeldout}) {
    for (int i = 0; i < 1500; ++i) {
      Rng rng = Rng::ForItem(7, i);
      Record r = MakeVehicleRecord(Ref(), split, rng, i % 2 == 0);
      for (const char* f :
           {"nomor_polisi", "merek", "tipe", "jenis", "model", "tahun_pembuatan", "isi_silinder",
            "warna", "no_rangka", "no_mesin", "bahan_bakar", "jumlah_sumbu", "jumlah_roda"}) {
        ASSERT_NE(r.Find(f), nullptr) << f;
        EXPECT_FALSE(r.Find(f)->truth.empty()) << f;
      }
      const std::string& p = r.Find("nomor_polisi")->truth;
      EXPECT_TRUE(std::regex_match(p, plate)) << p;
      EXPECT_TRUE(regions.count(p.substr(0, p.find(' ')))) << p;
      const std::string& v = r.Find("no_rangka")->truth;
      ASSERT_TRUE(std::regex_match(v, vin)) << v;
      const int year = std::stoi(r.Find("tahun_pembuatan")->truth);
      EXPECT_GE(year, 1980);
      EXPECT_LE(year, 2025);
      EXPECT_EQ(v[9], VinYearCode(year)) << v << " " << year;
      EXPECT_TRUE(std::regex_match(r.Find("no_mesin")->truth, engine)) << r.Find("no_mesin")->truth;
      EXPECT_TRUE(std::regex_match(r.Find("isi_silinder")->truth, cc));
      EXPECT_TRUE(std::regex_match(r.Find("jumlah_roda")->truth, count));
      EXPECT_TRUE(std::regex_match(r.Find("jumlah_sumbu")->truth, count));
      if (r.Find("jenis")->truth == "SEPEDA MOTOR") {
        const std::string& w = r.Find("jumlah_roda")->truth;
        EXPECT_TRUE(w == "2 (DUA)" || w == "3 (TIGA)") << w;
      }
      // A wrapped type reads back as the whole type.
      const FieldValue* t = r.Find("tipe");
      std::string joined;
      for (const auto& l : t->printed) joined += l + " ";
      EXPECT_EQ(Normalise(joined), t->truth);
    }
  }
}

TEST(Values, VinYearCodesMatchTheStandard) {
  EXPECT_EQ(VinYearCode(2013), 'D');
  EXPECT_EQ(VinYearCode(2010), 'A');
  EXPECT_EQ(VinYearCode(2009), '9');
  EXPECT_EQ(VinYearCode(2001), '1');
  EXPECT_EQ(VinYearCode(2000), 'Y');
  EXPECT_EQ(VinYearCode(2018), 'J');
  EXPECT_EQ(VinYearCode(2024), 'R');
}

TEST(Values, OwnerFieldsFollowTheConventions) {
  std::set<std::string> districts;
  for (const auto& d : Ref().districts) {
    std::string code;
    for (char c : d.code)
      if (c != '.') code += c;
    districts.insert(code);
  }
  const std::regex date("^([0-9]{2})-([0-9]{2})-([0-9]{4})$");
  const std::regex printed_date("^[0-9]{1,2} ?- ?[0-9]{1,2} ?- ?[0-9]{4}$");
  const std::regex serial("^[A-Z]-[0-9]{8}$");
  int niks = 0;
  for (int i = 0; i < 1500; ++i) {
    Rng rng = Rng::ForItem(11, i);
    Record r = MakeOwnerRecord(Ref(), i % 3 ? Split::kTune : Split::kHeldout, rng, i % 2 == 0);
    for (const auto& f : r.fields) {
      EXPECT_EQ(f.truth, Normalise(f.truth)) << f.field;
      for (const auto& l : f.printed) EXPECT_EQ(l, Normalise(l)) << f.field;
    }
    const std::string& id = r.Find("no_id")->truth;
    if (id.size() == 16 && id.find('.') == std::string::npos) {
      ++niks;
      EXPECT_TRUE(districts.count(id.substr(0, 6))) << id;
      int day = std::stoi(id.substr(6, 2));
      if (day > 40) day -= 40;
      int month = std::stoi(id.substr(8, 2));
      EXPECT_TRUE(ValidDate(day, month, 2000)) << id;
    }
    std::smatch m;
    const FieldValue* t = r.Find("tanggal_dikeluarkan");
    ASSERT_TRUE(std::regex_match(t->truth, m, date)) << t->truth;
    EXPECT_TRUE(ValidDate(std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]))) << t->truth;
    EXPECT_TRUE(std::regex_match(t->printed[0], printed_date)) << t->printed[0];
    EXPECT_TRUE(std::regex_match(r.Find("nomor_bpkb")->truth, serial));
    const FieldValue* a = r.Find("alamat");
    EXPECT_GE(a->printed.size(), 1u);
    EXPECT_LE(a->printed.size(), 3u);
    std::string joined;
    for (const auto& l : a->printed) joined += l + " ";
    EXPECT_EQ(Normalise(joined), a->truth);
    EXPECT_FALSE(r.Find("nama_pemilik")->truth.empty());
    EXPECT_FALSE(r.Find("lokasi_dikeluarkan")->truth.empty());
  }
  EXPECT_GT(niks, 1000);
}

TEST(Values, OnlyHeldOutAddressesNameStreetsTheReaderDoesNotList) {
  // The reader snaps streets to ref/street_names.txt; the held-out split also
  // prints others, so that the list alone cannot make held-out reading perfect.
  std::set<std::string> listed;
  std::ifstream in(ResolveRoot("") + "/ref/street_names.txt");
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != '#') listed.insert(line);
  }
  ASSERT_GT(listed.size(), 50u);
  const std::regex street("^JL\\. (.+?)( GG\\. (.+?))? NO\\..*");
  for (Split split : {Split::kTune, Split::kValidation, Split::kHeldout}) {
    int streets = 0, unlisted = 0;
    for (int i = 0; i < 1500; ++i) {
      Rng rng = Rng::ForItem(13, i);
      const Record r = MakeOwnerRecord(Ref(), split, rng, true);
      const std::string& a = r.Find("alamat")->truth;
      std::smatch m;
      if (!std::regex_match(a, m, street)) continue;
      for (int g : {1, 3}) {
        if (!m[g].matched) continue;
        ++streets;
        unlisted += listed.count(m[g].str()) == 0;
      }
    }
    EXPECT_GT(streets, 500);
    if (split == Split::kHeldout) {
      EXPECT_GT(unlisted, streets / 20);
    } else {
      EXPECT_EQ(unlisted, 0);
    }
  }
}

TEST(Values, SameSeedSameRecord) {
  Rng a = Rng::ForItem(3, 42), b = Rng::ForItem(3, 42);
  Record ra = MakeOwnerRecord(Ref(), Split::kTune, a, true);
  Record rb = MakeOwnerRecord(Ref(), Split::kTune, b, true);
  ASSERT_EQ(ra.fields.size(), rb.fields.size());
  for (size_t i = 0; i < ra.fields.size(); ++i) EXPECT_EQ(ra.fields[i].truth, rb.fields[i].truth);
}

TEST(Values, SplitNamesParseBack) {
  for (Split split : {Split::kTune, Split::kValidation, Split::kHeldout}) {
    Split parsed = split == Split::kTune ? Split::kHeldout : Split::kTune;
    ASSERT_TRUE(ParseSplit(SplitName(split), &parsed));
    EXPECT_EQ(parsed, split);
  }
  Split untouched = Split::kValidation;
  EXPECT_FALSE(ParseSplit("train", &untouched));
  EXPECT_EQ(untouched, Split::kValidation);
}

}  // namespace
}  // namespace bpkb::synth
