// NormaliseField: the value convention of BPKB.md and the corrections each
// field's grammar allows (and the ones it does not).
#include <gtest/gtest.h>

#include <thread>

#include "bpkb/fields/field_value.h"

namespace bpkb::fields {
namespace {

struct Example {
  const char* field;
  const char* read;
  const char* value;
  bool valid;
};

void ExpectAll(const std::vector<Example>& examples) {
  for (const Example& e : examples) {
    NormalisedValue v = NormaliseField(e.field, e.read);
    EXPECT_EQ(v.value, e.value) << e.field << ": '" << e.read << "'";
    EXPECT_EQ(v.valid, e.valid) << e.field << ": '" << e.read << "' -> " << v.value;
    EXPECT_GE(v.confidence_factor, 0.0);
    EXPECT_LE(v.confidence_factor, 1.0);
  }
}

TEST(NormaliseTest, CanonicalFormAndEmpty) {
  NormalisedValue v = NormaliseField("nama_pemilik", "  budi \t  santoso \n");
  EXPECT_EQ(v.value, "BUDI SANTOSO");
  EXPECT_TRUE(v.valid);
  EXPECT_DOUBLE_EQ(v.confidence_factor, 1.0);
  NormalisedValue e = NormaliseField("nama_pemilik", "   ");
  EXPECT_EQ(e.value, "");
  EXPECT_FALSE(e.valid);
  NormalisedValue u = NormaliseField("not_a_field", " a  b ");
  EXPECT_EQ(u.value, "A B");
}

TEST(NormaliseTest, ExactValuesKeepFullConfidence) {
  for (auto [field, text] :
       std::vector<std::pair<const char*, const char*>>{{"nomor_polisi", "B 1413 KLT"},
                                                        {"no_rangka", "KNAPB811MD7488226"},
                                                        {"no_mesin", "G4KDDH418906"},
                                                        {"tahun_pembuatan", "2013"},
                                                        {"isi_silinder", "1.998 CC"},
                                                        {"jumlah_roda", "4 (EMPAT)"},
                                                        {"merek", "KIA"},
                                                        {"warna", "PUTIH"},
                                                        {"no_id", "3171064507900001"},
                                                        {"nomor_bpkb", "I-01152258"},
                                                        {"tanggal_dikeluarkan", "01-07-2011"}}) {
    NormalisedValue v = NormaliseField(field, text);
    EXPECT_EQ(v.value, text) << field;
    EXPECT_TRUE(v.valid) << field;
    EXPECT_DOUBLE_EQ(v.confidence_factor, 1.0) << field;
  }
}

TEST(NormaliseTest, PlateLettersAndDigitsByPosition) {
  ExpectAll({
      {"nomor_polisi", "B 1413 KLT", "B 1413 KLT", true},
      {"nomor_polisi", "8 I4I3 KLT", "B 1413 KLT", true},  // B/8, I/1
      {"nomor_polisi", "B 14I3 K1T", "B 1413 KJT", true},  // 1 -> J: plates avoid I
      {"nomor_polisi", "0 1234 AB", "D 1234 AB", true},    // 0 -> D: region D exists
      {"nomor_polisi", "B1413KLT", "B 1413 KLT", true},    // spaces restored
      {"nomor_polisi", "AB 5O2 ZS", "AB 502 ZS", true},
      {"nomor_polisi", "B 2O5 S", "B 205 S", true},
      {"nomor_polisi", "AB 1234 5", "AB 1234 S", true},
      {"nomor_polisi", "QX 1234 AB", "QX 1234 AB", false},  // no such region
      {"nomor_polisi", "B 12345678", "B 12345678", false},
  });
}

TEST(NormaliseTest, VinHasNoIOQ) {
  ExpectAll({
      {"no_rangka", "KNAPB811MD7488226", "KNAPB811MD7488226", true},
      {"no_rangka", "KNAPB8I1MD7488226", "KNAPB811MD7488226", true},  // I -> 1
      {"no_rangka", "MH1JFM112CKO12345", "MH1JFM112CK012345", true},  // O -> 0
      {"no_rangka", "KNAPB811MD748822G", "KNAPB811MD7488226", true},  // serial: G -> 6
      {"no_rangka", "MHFM1BA3JCKT23456", "MHFM1BA3JCK123456", true},  // 6-digit serial
      {"no_rangka", "NHFM1BA3JCK123456", "MHFM1BA3JCK123456", true},  // maker prefix
      {"no_rangka", "ZZZZTSXJ0HD436355", "ZZZZTSXJ0HD436355", true},  // unknown: kept
      {"no_rangka", "KNAP B811 MD74 88226", "KNAPB811MD7488226", true},
      {"no_rangka", "KNAPB811MD748822", "KNAPB811MD748822", false},    // 16 characters
      {"no_rangka", "KNAPB811M07488226", "KNAPB811M07488226", false},  // 10th: 0 no year
  });
}

TEST(NormaliseTest, EngineNumber) {
  ExpectAll({
      {"no_mesin", "G4KDDH418906", "G4KDDH418906", true},
      {"no_mesin", "G4KDDH41B906", "G4KDDH41B906", true},  // letters are real here
      {"no_mesin", "W04D50705", "W04D50705", true},
      {"no_mesin", "1NR0I2345", "1NR012345", true},    // but never I (or O)
      {"no_mesin", "QR25123456", "QR25123456", true},  // Q is real
      {"no_mesin", "JFM1E1234567", "JFM1E1234567", true},
      {"no_mesin", "4D56C-123456", "4D56C-123456", true},
      {"no_mesin", "G4K", "G4K", false},
  });
}

TEST(NormaliseTest, YearAndCc) {
  ExpectAll({
      {"tahun_pembuatan", "2O13", "2013", true},
      {"tahun_pembuatan", "2OI3", "2013", true},
      {"tahun_pembuatan", "Z0I5", "2015", true},
      {"tahun_pembuatan", "1850", "1850", false},
      {"tahun_pembuatan", "2999", "2999", false},
      {"isi_silinder", "1.998 CC", "1.998 CC", true},
      {"isi_silinder", "1998 CC", "1.998 CC", true},
      {"isi_silinder", "1,998CC", "1.998 CC", true},
      {"isi_silinder", "11O CC", "110 CC", true},
      {"isi_silinder", "I.5S0 CC", "1.550 CC", true},
      {"isi_silinder", "125", "125 CC", true},
      {"isi_silinder", "1.99 CC", "1.99 CC", false},
  });
}

TEST(NormaliseTest, CountsKeepNumberAndWordConsistent) {
  ExpectAll({
      {"jumlah_sumbu", "2 (DUA)", "2 (DUA)", true},
      {"jumlah_sumbu", "Z (DUA)", "2 (DUA)", true},
      {"jumlah_sumbu", "2(DUA)", "2 (DUA)", true},
      {"jumlah_roda", "Y (EMPAT)", "4 (EMPAT)", true},
      {"jumlah_roda", "4 (EMPAI)", "4 (EMPAT)", true},
      {"jumlah_roda", "6 (ENAM)", "6 (ENAM)", true},
      {"jumlah_roda", "10 (SEPULUH)", "10 (SEPULUH)", true},
      {"jumlah_roda", "4", "4 (EMPAT)", true},
      {"jumlah_roda", "8 (EMPAT)", "4 (EMPAT)", true},  // the word wins
  });
  NormalisedValue v = NormaliseField("jumlah_roda", "8 (EMPAT)");
  EXPECT_LT(v.confidence_factor, 0.8);
}

TEST(NormaliseTest, CountWhoseNumberWasLostIsItsWord) {
  // The region started after "2 (": the word in parentheses is the count.
  ExpectAll({
      {"jumlah_sumbu", "DUA)", "2 (DUA)", true},
      {"jumlah_roda", "EMPAT)", "4 (EMPAT)", true},
      {"jumlah_roda", "ENAM", "6 (ENAM)", true},
  });
  // Not a number word: left as read, not valid.
  EXPECT_FALSE(NormaliseField("jumlah_roda", "BENSIN").valid);
}

TEST(NormaliseTest, DatesBecomeDdMmYyyy) {
  ExpectAll({
      {"tanggal_dikeluarkan", "1 - 7 - 2011", "01-07-2011", true},
      {"tanggal_dikeluarkan", "01-07-2011", "01-07-2011", true},
      {"tanggal_dikeluarkan", "1-7-2011", "01-07-2011", true},
      {"tanggal_dikeluarkan", "28 -12- 1999", "28-12-1999", true},
      {"tanggal_dikeluarkan", "I - 7 - 2OII", "01-07-2011", true},
      {"tanggal_dikeluarkan", "29 - 2 - 2012", "29-02-2012", true},
      {"tanggal_dikeluarkan", "3/11/2015", "03-11-2015", true},
      {"tanggal_dikeluarkan", "2172011", "21-07-2011", true},  // one real split
      {"tanggal_dikeluarkan", "29 - 2 - 2011", "", false},
      {"tanggal_dikeluarkan", "31 - 4 - 2011", "", false},
      {"tanggal_dikeluarkan", "1 - 7 - 2099", "01-07-2099", false},  // future
      {"tanggal_dikeluarkan", "KEMARIN", "", false},
  });
  // "1112011" splits as 1-11 or 11-1: a date, but not a trusted one.
  NormalisedValue v = NormaliseField("tanggal_dikeluarkan", "1112011");
  EXPECT_FALSE(v.valid);
}

TEST(NormaliseTest, NikWithRealAndFakeRegions) {
  ExpectAll({
      {"no_id", "3171064507900001", "3171064507900001", true},        // Menteng, woman
      {"no_id", "3273010101850002", "3273010101850002", true},        // Kota Bandung
      {"no_id", "317106450790OOO1", "3171064507900001", true},        // O -> 0
      {"no_id", "3171 0645 0790 0001", "3171064507900001", true},     // reader's spaces
      {"no_id", "9999994507900001", "9999994507900001", false},       // no such district
      {"no_id", "3171063213900001", "3171063213900001", false},       // day 32, month 13
      {"no_id", "3171067202900001", "3171067202900001", false},       // day 72-40 = 32
      {"no_id", "3171064507900000", "3171064507900000", false},       // serial 0000
      {"no_id", "09.5305.010170.0123", "09.5305.010170.0123", true},  // older number
      {"no_id", "09.53O5.0I0170.0123", "09.5305.010170.0123", true},  // its letters
      {"no_id", "12.34.5.67.89012", "12.34.5.67.89012", true},        // a TDP
      {"no_id", "A1234567", "A1234567", true},                        // e.g. a KITAS
  });
}

TEST(NormaliseTest, BpkbNumber) {
  ExpectAll({
      {"nomor_bpkb", "I-01152258", "I-01152258", true},
      {"nomor_bpkb", "1-01152258", "I-01152258", true},
      {"nomor_bpkb", "NO.: I-0115Z258", "I-01152258", true},
      {"nomor_bpkb", "I - 01152258", "I-01152258", true},
      {"nomor_bpkb", "I-0115225", "I-0115225", false},
  });
}

TEST(NormaliseTest, EnumerationsSnapWhenClose) {
  ExpectAll({
      {"merek", "TOY0TA", "TOYOTA", true},
      {"merek", "HOND4", "HONDA", true},
      {"merek", "CLA", "CLA", false},  // too far from KIA to be sure
      {"merek", "YAMAHA", "YAMAHA", true},
      {"jenis", "SEPEDA M0TOR", "SEPEDA MOTOR", true},
      {"jenis", "MB PENUMPAMG", "MB PENUMPANG", true},
      {"model", "MINI8US", "MINIBUS", true},
      {"model", "SC00TER", "SCOOTER", true},
      {"bahan_bakar", "BENS1N", "BENSIN", true},
      {"bahan_bakar", "S0LAR", "SOLAR", true},
      {"bahan_bakar", "AIR", "AIR", false},
      {"pekerjaan", "WIRASWA5TA", "WIRASWASTA", true},
      {"pekerjaan", "KARYAWAN SWAST4", "KARYAWAN SWASTA", true},
      {"pekerjaan", "ASTRONOT", "ASTRONOT", false},
      {"warna", "RUTIH", "PUTIH", true},
      {"warna", "ABU-ABU METAL1K", "ABU-ABU METALIK", true},
      {"warna", "HITAM DOFF", "HITAM DOFF", true},
      {"warna_tnkb", "PUT1H", "PUTIH", true},
      {"kategori", "SEPEDA MOT0R", "SEPEDA MOTOR", true},
  });
  EXPECT_LT(NormaliseField("merek", "TOY0TA").confidence_factor, 1.0);
}

TEST(NormaliseTest, NamesFixDigitsInsideWords) {
  ExpectAll({
      {"nama_pemilik", "M RAMDHAN MUBARAK NASUTION", "M RAMDHAN MUBARAK NASUTION", true},
      {"nama_pemilik", "BUD1 5ANTOSO", "BUDI SANTOSO", true},
      {"nama_pemilik", "PT. MAJU JAYA ABAD1", "PT. MAJU JAYA ABADI", true},
      {"nama_pemilik", "R0S4LINA", "ROSALINA", true},
  });
}

TEST(NormaliseTest, NameAndTypeWordsSnapOnlyByConfusions) {
  // Needs the corpus's name and vehicle lists (ref/); they hold RAMDHAN,
  // NASUTION and "SPORTAGE 2.0 LX AT".
  ExpectAll({
      {"nama_pemilik", "M RAMDHAM MUBARAK NASUTI0N", "M RAMDHAN MUBARAK NASUTION", true},
      {"nama_pemilik", "WAHYU SIMANJ0NTAK", "WAHYU SIMANJUNTAK", true},
      {"nama_pemilik", "RINI SANTOSA", "RINI SANTOSA", true},  // unlisted names stay
      {"nama_pemilik", "0RS. AGUS", "DRS. AGUS", true},        // titles
      {"nama_pemilik", "P7. MAJU JAYA", "PT. MAJU JAYA", true},
      {"tipe", "SP0RTAGE 2.O LX AT", "SPORTAGE 2.0 LX AT", true},
      {"tipe", "SPORTAGE 2.0 EX AT", "SPORTAGE 2.0 EX AT", true},  // unlisted: kept
      {"tipe", "SWIFI GX A/T", "SWIFT GX A/T", true},
  });
}

TEST(NormaliseTest, TypeReadOnIntoTheJenisBelowIt) {
  // A listed type, then Jenis's value from the line below (a tune photocopy).
  ExpectAll({
      {"tipe", "HIACE COMMUTER 2.5 M/T MB BUG", "HIACE COMMUTER 2.5 M/T", true},
      {"tipe", "AVANZA 1.3 G M/T MB PENUMPANG", "AVANZA 1.3 G M/T", true},
      // A wrapped type's second line is its own ("SPORTAGE 2.0" + "LX AT").
      {"tipe", "SPORTAGE 2.0 LX AT", "SPORTAGE 2.0 LX AT", true},
      // An unlisted type is kept whole.
      {"tipe", "KARIMUN WAGON R GS MB BUS", "KARIMUN WAGON R GS MB BUS", true},
  });
}

TEST(NormaliseTest, TypeWithALetterLost) {
  // A listed type with one letter or digit lost in reading (tune photocopies).
  ExpectAll({
      {"tipe", "RETA 1.5 PRIME IVT", "CRETA 1.5 PRIME IVT", true},
      {"tipe", "HILUX 2.4 E DOUBLE ABIN 4X4", "HILUX 2.4 E DOUBLE CABIN 4X4", true},
      // Short reads, or a lost space or mark, are not completed.
      {"tipe", "HIACE", "HIACE", true},
      {"tipe", "HIACE COMMUTER 2.5 MT", "HIACE COMMUTER 2.5 MT", true},
  });
}

TEST(NormaliseTest, AddressNumbersAndPlaces) {
  ExpectAll({
      // RT/RW numbers are digits; a digit inside a word is a letter.
      {"alamat", "JL. SUD1RMAN NO. 12 RT. OO1 RW. 0O2", "JL. SUDIRMAN NO. 12 RT. 001 RW. 002",
       true},
      // Block numbers mixing letters and digits are kept.
      {"alamat", "PERUM GRIYA BLOK B1 NO. 5", "PERUM GRIYA BLOK B1 NO. 5", true},
      // Kelurahan, kecamatan and city snapped to idn-area-data.
      {"alamat", "JL. MERDEKA NO. 12 RT. 001 RW. 002 KEL. MENTENC KEC. MENTEMG JAKARTA PUSAI",
       "JL. MERDEKA NO. 12 RT. 001 RW. 002 KEL. MENTENG KEC. MENTENG JAKARTA PUSAT", true},
      {"alamat", "KEL. LEBAK SILIWANCI KEC. C0BLONG KOTA BANDUMG",
       "KEL. LEBAK SILIWANGI KEC. COBLONG KOTA BANDUNG", true},
      {"alamat", "JL. DIPONEGORO 5 KEL. CIKIN1 KEC. MENTENG JAKARTA PUSAT",
       "JL. DIPONEGORO 5 KEL. CIKINI KEC. MENTENG JAKARTA PUSAT", true},
      // Abbreviations read with a digit; a kampung named after a village of
      // the district.
      {"alamat", "JL. CEMPAKA G6. DAHLIA N0. 15 RT 01/02 KEL. DAGO KEC. COBLONG KOTA BANDUNG",
       "JL. CEMPAKA GG. DAHLIA NO. 15 RT 01/02 KEL. DAGO KEC. COBLONG KOTA BANDUNG", true},
      {"alamat", "KP. SEKEL0A RT. 013 RW. 007 DS. DAGO KEC. COBLONG BANDUNG",
       "KP. SEKELOA RT. 013 RW. 007 DS. DAGO KEC. COBLONG BANDUNG", true},
      {"alamat", "KP. SEKELO4 RT.013/RW.007 DS. DAGO KEC. COBLONG BANDUNG",
       "KP. SEKELOA RT.013/RW.007 DS. DAGO KEC. COBLONG BANDUNG", true},
      {"alamat", "JL. CEMPAK4 BLOK1 NO. 2", "JL. CEMPAKA BLOK1 NO. 2", true},
      // A short village name read with a digit for its first letter.
      {"alamat", "RT 008 RW 005 KEL. 1OP KEC. SYUJAK TAMBRAUW",
       "RT 008 RW 005 KEL. IOF KEC. SYUJAK TAMBRAUW", true},
      {"alamat",
       "JL. MAWAR NO.5 RT.001/RW.002 KEL. MENTENG KEC. MENTENG KOTA ADMINISTRASI "
       "JAKARTA PUSAI",
       "JL. MAWAR NO.5 RT.001/RW.002 KEL. MENTENG KEC. MENTENG KOTA ADMINISTRASI JAKARTA PUSAT",
       true},
      // Names already right stay as printed.
      {"alamat", "KEL. GAMBIR KEC. GAMBIR JAKARTA PUSAT", "KEL. GAMBIR KEC. GAMBIR JAKARTA PUSAT",
       true},
  });
}

TEST(NormaliseTest, IssuePlace) {
  ExpectAll({
      {"lokasi_dikeluarkan", "JAKARTA", "JAKARTA", true},
      {"lokasi_dikeluarkan", "JAKARIA", "JAKARTA", true},
      {"lokasi_dikeluarkan", "SURA8AYA", "SURABAYA", true},
      {"lokasi_dikeluarkan", "BANDUNG", "BANDUNG", true},
      {"lokasi_dikeluarkan", "KENDA1", "KENDAL", true},
      {"lokasi_dikeluarkan", "ADMINISTRASI JAKARTA PUSAT", "ADMINISTRASI JAKARTA PUSAT", true},
  });
}

TEST(NormaliseTest, PhoneAndEmail) {
  ExpectAll({
      {"no_telepon", "08I2345678O", "08123456780", true},
      {"no_telepon", "+62 812-3456-7890", "+62 812-3456-7890", true},
      {"no_telepon", "123", "123", false},
      {"alamat_email", "budi.santoso@gmail.com", "BUDI.SANTOSO@GMAIL.COM", true},
      {"alamat_email", "BUDI SANTOSO", "BUDISANTOSO", false},
  });
}

TEST(NormaliseTest, ConcurrentFirstUseOfAreaData) {
  // Villages load on first need; threads racing to it all see the same data.
  const std::string read = "KEL. CIKIN1 KEC. MENTENG JAKARTA PUSAT";
  std::vector<std::string> results(6);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&, i] { results[i] = NormaliseField("alamat", read).value; });
  }
  for (auto& t : threads) t.join();
  for (const auto& r : results) EXPECT_EQ(r, "KEL. CIKINI KEC. MENTENG JAKARTA PUSAT");
}

}  // namespace
}  // namespace bpkb::fields
