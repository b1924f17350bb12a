// Domain knowledge in the VIN and plate correctors: listed WMIs preferred but
// never forced, the check character, the year code, the WMI against merek and
// real plate regions.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>

#include "bpkb/fields/field_value.h"
#include "bpkb/fields/grammar.h"
#include "bpkb/fields/plate.h"
#include "bpkb/fields/vehicle_ids.h"

namespace bpkb::fields {
namespace {

TEST(VinWmiTest, ListedAndUnlistedManufacturers) {
  EXPECT_TRUE(KnownVinWmi("MH1"));
  EXPECT_TRUE(KnownVinWmi("MHF"));
  EXPECT_TRUE(KnownVinWmi("MK2"));
  EXPECT_FALSE(KnownVinWmi("LBB"));
  EXPECT_FALSE(KnownVinWmi("ZZZ"));
}

TEST(VinWmiTest, UnlistedButValidVinIsReadAsPrinted) {
  IdFix v = CorrectVin("LBB3AB2C5PT123456");
  EXPECT_EQ(v.value, "LBB3AB2C5PT123456");
  EXPECT_TRUE(v.valid);
  EXPECT_FALSE(v.known_wmi);
  EXPECT_EQ(v.fixes, 0);
}

TEST(VinWmiTest, MisreadWmiSnapsOnlyWhenTheRestIsValid) {
  IdFix v = CorrectVin("MKZ3AB2C5PT123456");  // Z read for 2
  EXPECT_EQ(v.value, "MK23AB2C5PT123456");
  EXPECT_TRUE(v.valid);
  EXPECT_TRUE(v.known_wmi);
  // The 10th character is no year code: the VIN is misread somewhere, its
  // manufacturer is left as read.
  IdFix bad = CorrectVin("MKZ3AB2C5UT123456");
  EXPECT_EQ(bad.value.substr(0, 3), "MKZ");
  EXPECT_FALSE(bad.valid);
}

TEST(VinWmiTest, KnownManufacturerIsPreferredAmongReadings) {
  const NormalisedValue known = NormaliseField("no_rangka", "MH32VKTF2RZ101537");
  const NormalisedValue unknown = NormaliseField("no_rangka", "RH32VKTF2RZ101537");
  EXPECT_TRUE(known.valid);
  EXPECT_TRUE(unknown.valid);  // still a VIN, only less likely
  EXPECT_GT(known.confidence_factor, unknown.confidence_factor);
}

TEST(VinCheckCharacterTest, NinthCharacterIsKeptAsRead) {
  // No check digit on Indonesian VINs: a letter there is real.
  EXPECT_EQ(CorrectVin("MHFM1BA3JCK123456").value, "MHFM1BA3JCK123456");
  EXPECT_EQ(CorrectVin("KNAE73RZX2X241828").value, "KNAE73RZX2X241828");
}

TEST(VinYearCheckTest, AnotherYearsCodeConfusableWithTheRightOneIsRestored) {
  std::map<std::string, FieldReading> f;
  FieldReading vin, year;
  vin.value = "MH1DTCU55SW938029";  // S (1995/2025) read for 5 (2005)
  vin.valid = true;
  vin.confidence = 0.9;
  year.value = "2005";
  year.valid = true;
  year.confidence = 0.9;
  f["no_rangka"] = vin;
  f["tahun_pembuatan"] = year;
  CheckPage(PageKind::kIk, &f);
  EXPECT_EQ(f["no_rangka"].value, "MH1DTCU555W938029");
  EXPECT_TRUE(f["no_rangka"].valid);
  EXPECT_TRUE(f["tahun_pembuatan"].valid);
}

// The page's fields as CheckPage sees them.
std::map<std::string, FieldReading> IkFields(const std::string& vin, const std::string& merek,
                                             const std::string& jenis) {
  std::map<std::string, FieldReading> f;
  for (const auto& [name, value] : {std::pair<std::string, std::string>{"no_rangka", vin},
                                    {"merek", merek},
                                    {"jenis", jenis}}) {
    FieldReading r;
    r.value = value;
    r.valid = true;
    r.confidence = 0.9;
    f[name] = r;
  }
  return f;
}

TEST(VinMakerCheckTest, BrandsOwnWmisComeFromTheReferenceLists) {
  const std::vector<std::string> honda_bikes = BrandWmis("HONDA", 1);
  EXPECT_NE(std::find(honda_bikes.begin(), honda_bikes.end(), "MH1"), honda_bikes.end());
  EXPECT_EQ(std::find(honda_bikes.begin(), honda_bikes.end(), "MHR"), honda_bikes.end());
  const std::vector<std::string> honda_cars = BrandWmis("HONDA", 0);
  EXPECT_NE(std::find(honda_cars.begin(), honda_cars.end(), "MHR"), honda_cars.end());
  EXPECT_TRUE(BrandWmis("NO SUCH BRAND", -1).empty());
}

TEST(VinMakerCheckTest, WmiOneCharacterOffTheBrandsIsRestored) {
  // H read as A: "MA1" is no listed WMI; of Honda's motorcycle WMIs only MH1
  // is one character away.
  auto f = IkFields("MA115LP40NC704120", "HONDA", "SEPEDA MOTOR");
  CheckPage(PageKind::kIk, &f);
  EXPECT_EQ(f["no_rangka"].value, "MH115LP40NC704120");
  EXPECT_LT(f["no_rangka"].confidence, 0.9);
  // K read as R: another maker's WMI (Honda's cars) but a confusion of the
  // faces away from Daihatsu's.
  auto g = IkFields("MHRM1BA3JCK123456", "DAIHATSU", "MB PENUMPANG");
  CheckPage(PageKind::kIk, &g);
  EXPECT_EQ(g["no_rangka"].value, "MHKM1BA3JCK123456");
}

TEST(VinMakerCheckTest, OtherMakersAndUnknownBrandsAreLeftAsRead) {
  // A Toyota built by Daihatsu carries Daihatsu's WMI (no confusion of MHF).
  auto f = IkFields("MHKM1BA3JCK123456", "TOYOTA", "MB PENUMPANG");
  CheckPage(PageKind::kIk, &f);
  EXPECT_EQ(f["no_rangka"].value, "MHKM1BA3JCK123456");
  // A brand no list names, and a WMI two characters off.
  auto g = IkFields("LBB3AB2C5PT123456", "BENELLI", "SEPEDA MOTOR");
  CheckPage(PageKind::kIk, &g);
  EXPECT_EQ(g["no_rangka"].value, "LBB3AB2C5PT123456");
  auto h = IkFields("LBB3AB2C5PT123456", "HONDA", "SEPEDA MOTOR");
  CheckPage(PageKind::kIk, &h);
  EXPECT_EQ(h["no_rangka"].value, "LBB3AB2C5PT123456");
  EXPECT_DOUBLE_EQ(h["no_rangka"].confidence, 0.9);
}

TEST(VinMakerCheckTest, WmiThatIsNoneOfTheBrandsIsTheTypes) {
  // A VIN printed across its label: the label's strokes read as the WMI
  // ("KMM", no maker's) for a Mitsubishi L300, which is listed with MHM.
  auto f = IkFields("KMM45CWA81M169309", "MITSUBISHI", "MB BARANG");
  f["tipe"] = f["merek"];
  f["tipe"].value = "L300 PICK UP FLAT DECK";
  f["no_rangka"].raw = "KHMWM45CWA81M169309";
  CheckPage(PageKind::kIk, &f);
  EXPECT_EQ(f["no_rangka"].value, "MHM45CWA81M169309");
  EXPECT_LT(f["no_rangka"].confidence, 0.9);
  // Another maker's WMI (Honda's cars) two confusions off the brand's.
  auto g = IkFields("MHRH173X76H535720", "SUZUKI", "SEPEDA MOTOR");
  g["tipe"] = g["merek"];
  g["tipe"].value = "SATRIA F150";
  CheckPage(PageKind::kIk, &g);
  EXPECT_EQ(g["no_rangka"].value, "MH8H173X76H535720");
  EXPECT_EQ(TypeWmi("SUZUKI", "SATRIA F150"), "MH8");
  EXPECT_EQ(TypeWmi("SUZUKI", "NO SUCH TYPE"), "");
}

TEST(VinMakerCheckTest, BrandsOtherPlantsAndUnlistedTypesKeepTheirWmi) {
  // MHK is one of Toyota's (a Toyota built by Daihatsu), though not the one
  // the Avanza is listed with: kept.
  auto f = IkFields("MHKM1BA3JCK123456", "TOYOTA", "MB PENUMPANG");
  f["tipe"] = f["merek"];
  f["tipe"].value = "AVANZA 1.3 G M/T";
  CheckPage(PageKind::kIk, &f);
  EXPECT_EQ(f["no_rangka"].value, "MHKM1BA3JCK123456");
  // The unconstrained reading's WMI is the brand's: kept.
  auto g = IkFields("KMM45CWA81M169309", "MITSUBISHI", "MB BARANG");
  g["tipe"] = g["merek"];
  g["tipe"].value = "L300 PICK UP FLAT DECK";
  g["no_rangka"].raw = "MK245CWA81M169309";
  CheckPage(PageKind::kIk, &g);
  EXPECT_EQ(g["no_rangka"].value, "KMM45CWA81M169309");
  // A type no list names.
  auto h = IkFields("KMM45CWA81M169309", "MITSUBISHI", "MB BARANG");
  h["tipe"] = h["merek"];
  h["tipe"].value = "L300 PICK UP BOX";
  CheckPage(PageKind::kIk, &h);
  EXPECT_EQ(h["no_rangka"].value, "KMM45CWA81M169309");
}

TEST(VinMakerCheckTest, UnlistedTypeTakesTheOnlyWmiOfTheBrandsListedKind) {
  // Honda's car WMI on a Nissan car of a type no list names: Nissan's listed
  // cars are all MHB.
  auto f = IkFields("MHRP39ME219701456", "NISSAN", "MB PENUMPANG");
  f["tipe"] = f["merek"];
  f["tipe"].value = "MARCH 1.2 NOT LISTED";
  CheckPage(PageKind::kIk, &f);
  EXPECT_EQ(f["no_rangka"].value, "MHBP39ME219701456");
  EXPECT_EQ(KindWmi("NISSAN", 0), "MHB");
  EXPECT_EQ(KindWmi("SUZUKI", 1), "MH8");
  // Mitsubishi's listed cars have two WMIs (MHM, MK2): left as read.
  EXPECT_EQ(KindWmi("MITSUBISHI", 0), "");
  // Car or motorcycle not known (jenis unread): left as read.
  auto g = IkFields("MHRP39ME219701456", "NISSAN", "MB PENUMPANX");
  g["tipe"] = f["tipe"];
  CheckPage(PageKind::kIk, &g);
  EXPECT_EQ(g["no_rangka"].value, "MHRP39ME219701456");
  EXPECT_EQ(KindWmi("NISSAN", -1), "");
}

TEST(PlateRegionTest, DecodingGrammarAllowsOnlyRealRegions) {
  const FieldGrammar* g = GrammarFor("nomor_polisi");
  ASSERT_NE(g, nullptr);
  for (const char* real : {"(A|", "|B|", "|AB|", "|DK|", "|KT|"}) {
    EXPECT_NE(g->pattern.find(real), std::string::npos) << real;
  }
  for (const char* unissued : {"|ES|", "|DO|", "|AT|"}) {
    EXPECT_EQ(g->pattern.find(unissued), std::string::npos) << unissued;
  }
}

TEST(PlateRegionTest, UnissuedRegionIsNotAValidPlate) {
  EXPECT_FALSE(CorrectPlate("ES 1413 KLT").region_known);
  EXPECT_TRUE(CorrectPlate("AB 1413 KLT").region_known);
}

}  // namespace
}  // namespace bpkb::fields
