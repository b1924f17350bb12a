// CheckPage: cross-field checks that real books satisfy.
#include <gtest/gtest.h>

#include "bpkb/fields/field_value.h"
#include "bpkb/fields/vehicle_ids.h"

namespace bpkb::fields {
namespace {

using Fields = std::map<std::string, FieldReading>;

FieldReading Read(const std::string& value) {
  FieldReading f;
  f.value = value;
  f.raw = value;
  f.confidence = 0.9;
  f.valid = true;
  f.found = true;
  return f;
}

Fields Car() {
  return {{"nomor_polisi", Read("B 1413 KLT")}, {"merek", Read("KIA")},
          {"jenis", Read("MB PENUMPANG")},      {"model", Read("JEEP")},
          {"tahun_pembuatan", Read("2013")},    {"no_rangka", Read("KNAPB811MD7488226")},
          {"jumlah_sumbu", Read("2 (DUA)")},    {"jumlah_roda", Read("4 (EMPAT)")}};
}

TEST(VinYearTest, CodesCycleEveryThirtyYears) {
  EXPECT_EQ(VinYearCode(2013), 'D');
  EXPECT_EQ(VinYearCode(1983), 'D');
  EXPECT_EQ(VinYearCode(2001), '1');
  EXPECT_EQ(VinYearCode(2010), 'A');
  EXPECT_EQ(VinYearCode(2030), 'Y');
  EXPECT_TRUE(VinYearMatches('D', 2013));
  EXPECT_TRUE(VinYearMatches('D', 2012));  // model year one ahead
  EXPECT_FALSE(VinYearMatches('D', 2016));
  EXPECT_TRUE(VinModelYears('0').empty());
  EXPECT_TRUE(VinModelYears('U').empty());
  EXPECT_TRUE(VinModelYears('Z').empty());
}

TEST(CheckPageTest, ConsistentCarPasses) {
  Fields f = Car();
  CheckPage(PageKind::kIk, &f);
  for (const auto& [name, r] : f) {
    EXPECT_TRUE(r.valid) << name;
    EXPECT_DOUBLE_EQ(r.confidence, 0.9) << name;
  }
}

TEST(CheckPageTest, VinYearMismatchInvalidatesBoth) {
  // (Two digits off the code's year: see YearOneDigitOffTheVinsCodeIsTheCodesYear.)
  Fields f = Car();
  f["tahun_pembuatan"] = Read("2027");
  CheckPage(PageKind::kIk, &f);
  EXPECT_FALSE(f["no_rangka"].valid);
  EXPECT_FALSE(f["tahun_pembuatan"].valid);
  EXPECT_LT(f["no_rangka"].confidence, 0.9);
  EXPECT_EQ(f["no_rangka"].value, "KNAPB811MD7488226");  // nothing invented
  EXPECT_EQ(f["tahun_pembuatan"].value, "2027");
}

TEST(CheckPageTest, VinYearCodeMisreadAsZeroIsRestored) {
  Fields f = Car();
  f["no_rangka"] = Read("KNAPB811M07488226");  // D read as 0: no year code
  f["no_rangka"].valid = false;
  CheckPage(PageKind::kIk, &f);
  EXPECT_EQ(f["no_rangka"].value, "KNAPB811MD7488226");
  EXPECT_TRUE(f["no_rangka"].valid);
  EXPECT_LT(f["no_rangka"].confidence, 0.9);
}

TEST(CheckPageTest, YearAsReadUnconstrainedThatFitsTheVinIsTheYear) {
  // The grammar-held reading chose 2010 (VIN code A) where the unconstrained
  // reading was 2018, the year of the VIN's J.
  Fields f = Car();
  f["no_rangka"] = Read("MH327XXD2JD892925");
  f["tahun_pembuatan"].value = "2010";
  f["tahun_pembuatan"].raw = "2018";
  CheckPage(PageKind::kIk, &f);
  EXPECT_EQ(f["tahun_pembuatan"].value, "2018");
  EXPECT_TRUE(f["tahun_pembuatan"].valid);
  // A raw reading that fits the VIN no better changes nothing.
  f = Car();
  f["tahun_pembuatan"].value = "2026";
  f["tahun_pembuatan"].raw = "2018";
  CheckPage(PageKind::kIk, &f);
  EXPECT_EQ(f["tahun_pembuatan"].value, "2026");
  EXPECT_FALSE(f["tahun_pembuatan"].valid);
}

TEST(CheckPageTest, YearToComeIsTheYearOneDigitOffThatFitsTheVin) {
  // "2067" for 2007: the VIN's 7 fits 2067 too (codes repeat every 30 years),
  // but no vehicle is made in a year to come.
  Fields f = Car();
  f["no_rangka"] = Read("MH1KRY3E872954239");
  f["tahun_pembuatan"] = Read("2067");
  f["tahun_pembuatan"].valid = false;
  CheckPage(PageKind::kIk, &f);
  EXPECT_EQ(f["tahun_pembuatan"].value, "2007");
  EXPECT_TRUE(f["tahun_pembuatan"].valid);
  EXPECT_LT(f["tahun_pembuatan"].confidence, 0.9);
  // No year one digit off fits the code (D: 2013, 1983): left as read.
  f = Car();
  f["tahun_pembuatan"] = Read("2088");
  f["tahun_pembuatan"].valid = false;
  CheckPage(PageKind::kIk, &f);
  EXPECT_EQ(f["tahun_pembuatan"].value, "2088");
  EXPECT_FALSE(f["tahun_pembuatan"].valid);
}

TEST(CheckPageTest, YearOneDigitOffTheVinsCodeIsTheCodesYear) {
  // Validation pages: "2018" read for 2010 (the VIN's A), "2014" for 2019 (K).
  Fields f = Car();
  f["no_rangka"] = Read("MHLVBJ9P7AY425027");
  f["tahun_pembuatan"] = Read("2018");
  CheckPage(PageKind::kIk, &f);
  EXPECT_EQ(f["tahun_pembuatan"].value, "2010");
  EXPECT_TRUE(f["tahun_pembuatan"].valid);
  EXPECT_TRUE(f["no_rangka"].valid);
  EXPECT_LT(f["tahun_pembuatan"].confidence, 0.9);
  f = Car();
  f["no_rangka"] = Read("MH8RT4YWXKC878330");
  f["tahun_pembuatan"] = Read("2014");
  CheckPage(PageKind::kIk, &f);
  EXPECT_EQ(f["tahun_pembuatan"].value, "2019");
  // Two digits off the code's year (D: 2013): both stay as read, invalid.
  f = Car();
  f["tahun_pembuatan"] = Read("2021");
  CheckPage(PageKind::kIk, &f);
  EXPECT_EQ(f["tahun_pembuatan"].value, "2021");
  EXPECT_FALSE(f["tahun_pembuatan"].valid);
  EXPECT_FALSE(f["no_rangka"].valid);
}

TEST(CheckPageTest, YearThatLostADigitIsTheVinsCodesYear) {
  // "006": the 2 printed under the label's last letter and lost; the VIN's 6
  // names 2006 (and 1976 has no code).
  Fields f = Car();
  f["no_rangka"] = Read("MHKV1BA2J6K012345");
  f["tahun_pembuatan"] = Read("006");
  f["tahun_pembuatan"].valid = false;
  CheckPage(PageKind::kIk, &f);
  EXPECT_EQ(f["tahun_pembuatan"].value, "2006");
  EXPECT_TRUE(f["tahun_pembuatan"].valid);
  // Digits that no year with the code holds: left as read.
  f = Car();
  f["tahun_pembuatan"] = Read("006");
  f["tahun_pembuatan"].valid = false;
  CheckPage(PageKind::kIk, &f);
  EXPECT_EQ(f["tahun_pembuatan"].value, "006");
  EXPECT_FALSE(f["tahun_pembuatan"].valid);
}

Fields Jazz() {
  return {{"merek", Read("HONDA")},
          {"tipe", Read("JAZZ RS 1.5 A/T")},
          {"isi_silinder", Read("1.497 CC")},
          {"no_mesin", Read("L15A1234567")}};
}

TEST(CheckPageTest, CylinderOneDigitOffTheTypesIsTheTypes) {
  // ref/vehicles.tsv: HONDA JAZZ RS 1.5 A/T, 1497 cc.
  Fields f = Jazz();
  f["isi_silinder"] = Read("1.797 CC");
  CheckPage(PageKind::kIk, &f);
  EXPECT_EQ(f["isi_silinder"].value, "1.497 CC");
  EXPECT_TRUE(f["isi_silinder"].valid);
  EXPECT_LT(f["isi_silinder"].confidence, 0.9);
  // Two digits off, or a type no list names: left as read.
  for (const auto& [tipe, cc] : {std::pair<std::string, std::string>{"JAZZ RS 1.5 A/T", "1.798 CC"},
                                 {"JAZZ RS 1.9 TURBO", "1.797 CC"}}) {
    f = Jazz();
    f["tipe"] = Read(tipe);
    f["isi_silinder"] = Read(cc);
    CheckPage(PageKind::kIk, &f);
    EXPECT_EQ(f["isi_silinder"].value, cc) << tipe;
  }
}

TEST(CheckPageTest, EngineCodeOneCharacterOffTheTypesIsTheTypes) {
  // ref/vehicles.tsv: HONDA JAZZ RS 1.5 A/T, engine code L15A.
  Fields f = Jazz();
  f["no_mesin"] = Read("L1SA1234567");
  CheckPage(PageKind::kIk, &f);
  EXPECT_EQ(f["no_mesin"].value, "L15A1234567");
  EXPECT_LT(f["no_mesin"].confidence, 0.9);
  // Another engine's code (two characters off) stays as read.
  f = Jazz();
  f["no_mesin"] = Read("R20A1234567");
  CheckPage(PageKind::kIk, &f);
  EXPECT_EQ(f["no_mesin"].value, "R20A1234567");
}

TEST(CheckPageTest, VinMakerCodeAsReadIsTheBrands) {
  // "MLN" was read and snapped to Honda Thailand's MLH; VIAR's is MLV.
  Fields f = {{"merek", Read("VIAR")},
              {"jenis", Read("SEPEDA MOTOR")},
              {"tahun_pembuatan", Read("2019")},
              {"no_rangka", Read("MLHJGBSVXKY099884")}};
  f["no_rangka"].raw = "MLNJGBSVXKY099884";
  CheckPage(PageKind::kIk, &f);
  EXPECT_EQ(f["no_rangka"].value, "MLVJGBSVXKY099884");
  // Read as listed and kept: another maker's code, no confusion of the brand's.
  Fields g = f;
  g["no_rangka"] = Read("MLHJGBSVXKY099884");
  CheckPage(PageKind::kIk, &g);
  EXPECT_EQ(g["no_rangka"].value, "MLHJGBSVXKY099884");
}

TEST(CheckPageTest, MotorcycleWheelsAndModel) {
  Fields ok = {{"jenis", Read("SEPEDA MOTOR")},   {"model", Read("SOLO")},
               {"tahun_pembuatan", Read("2012")}, {"no_rangka", Read("MH1JFM112CK123456")},
               {"jumlah_sumbu", Read("2 (DUA)")}, {"jumlah_roda", Read("2 (DUA)")}};
  CheckPage(PageKind::kIk, &ok);
  for (const auto& [name, r] : ok) EXPECT_TRUE(r.valid) << name;

  Fields bad = ok;
  bad["jumlah_roda"] = Read("4 (EMPAT)");
  CheckPage(PageKind::kIk, &bad);
  EXPECT_FALSE(bad["jumlah_roda"].valid);
  EXPECT_LT(bad["jenis"].confidence, 0.9);

  Fields bad_model = ok;
  bad_model["model"] = Read("MINIBUS");
  CheckPage(PageKind::kIk, &bad_model);
  EXPECT_FALSE(bad_model["model"].valid);

  Fields car_as_scooter = Car();
  car_as_scooter["model"] = Read("SCOOTER");
  CheckPage(PageKind::kIk, &car_as_scooter);
  EXPECT_FALSE(car_as_scooter["model"].valid);

  Fields three_wheeler = ok;
  three_wheeler["jumlah_roda"] = Read("3 (TIGA)");
  CheckPage(PageKind::kIk, &three_wheeler);
  EXPECT_TRUE(three_wheeler["jumlah_roda"].valid);
}

// Found by fields_fuzzer: a long digit run in a count overflowed an int (UBSan).
TEST(CheckPageTest, HugeCountsAreNotNumbersOfWheels) {
  Fields page = Car();
  page["jumlah_roda"] = Read("314414444444444444 (EMPAT)");
  page["jumlah_sumbu"] = Read("99999999999999999999 (DUA)");
  CheckPage(PageKind::kIk, &page);
  EXPECT_EQ(page["jumlah_roda"].value, "314414444444444444 (EMPAT)");
  EXPECT_EQ(page["jumlah_sumbu"].value, "99999999999999999999 (DUA)");
}

TEST(CheckPageTest, NikRegionAndDate) {
  Fields real = {{"no_id", Read("3171064507900001")}, {"tanggal_dikeluarkan", Read("01-07-2011")}};
  CheckPage(PageKind::kIp, &real);
  EXPECT_TRUE(real["no_id"].valid);
  EXPECT_TRUE(real["tanggal_dikeluarkan"].valid);

  Fields fake_region = {{"no_id", Read("9971064507900001")}};
  CheckPage(PageKind::kIp, &fake_region);
  EXPECT_FALSE(fake_region["no_id"].valid);

  Fields bad_date = {{"no_id", Read("3171069907900001")}};
  CheckPage(PageKind::kIp, &bad_date);
  EXPECT_FALSE(bad_date["no_id"].valid);

  Fields other_id = {{"no_id", Read("09.5305.010170.0123")}};
  CheckPage(PageKind::kIp, &other_id);
  EXPECT_TRUE(other_id["no_id"].valid);
}

TEST(CheckPageTest, NikRegionThatIsNoDistrictIsTheAddresssOneDigitOff) {
  const std::string menteng =
      "JL. MERDEKA NO. 12 RT. 001 RW. 002 KEL. MENTENG KEC. MENTENG JAKARTA PUSAT";
  // 317196 is no district; Menteng is 317106.
  Fields misread = {{"no_id", Read("3171964507900001")}, {"alamat", Read(menteng)}};
  CheckPage(PageKind::kIp, &misread);
  EXPECT_EQ(misread["no_id"].value, "3171064507900001");
  EXPECT_TRUE(misread["no_id"].valid);
  EXPECT_LT(misread["no_id"].confidence, 0.9);
  // A real district's code is kept (registered elsewhere: Kemayoran, 317103).
  Fields moved = {{"no_id", Read("3171034507900001")}, {"alamat", Read(menteng)}};
  CheckPage(PageKind::kIp, &moved);
  EXPECT_EQ(moved["no_id"].value, "3171034507900001");
  EXPECT_TRUE(moved["no_id"].valid);
  // Two digits off is no misread of it.
  Fields far = {{"no_id", Read("3171994507900001")}, {"alamat", Read(menteng)}};
  CheckPage(PageKind::kIp, &far);
  EXPECT_EQ(far["no_id"].value, "3171994507900001");
  EXPECT_FALSE(far["no_id"].valid);
}

TEST(CheckPageTest, IssueDatePlausible) {
  Fields old = {{"tanggal_dikeluarkan", Read("01-07-1950")}};
  CheckPage(PageKind::kIp, &old);
  EXPECT_FALSE(old["tanggal_dikeluarkan"].valid);
  Fields future = {{"tanggal_dikeluarkan", Read("01-07-2999")}};
  CheckPage(PageKind::kIp, &future);
  EXPECT_FALSE(future["tanggal_dikeluarkan"].valid);
}

TEST(CheckPageTest, EmptyAndMissingFieldsAreLeftAlone) {
  Fields f = {{"no_rangka", Read("")}, {"tahun_pembuatan", Read("2013")}};
  f["no_rangka"].valid = false;
  CheckPage(PageKind::kIk, &f);
  EXPECT_TRUE(f["tahun_pembuatan"].valid);
  EXPECT_EQ(f["no_rangka"].value, "");
  CheckPage(PageKind::kUnknown, nullptr);
}

}  // namespace
}  // namespace bpkb::fields
