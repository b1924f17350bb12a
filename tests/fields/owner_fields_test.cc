// Owner-page (IP) corrections found on the synthetic corpus: an address's lost
// full stops and misread abbreviations, a block code that is no keyword, "RT 04/01" read with a 7
// for the slash, RT and RW printed alike, a hamlet name one letter off its village; a date with a
// stamp read on after it; the one whitespace collapser behind `raw` and the canonical text.
#include <gtest/gtest.h>

#include "bpkb/field_correction.h"
#include "bpkb/fields/field_value.h"
#include "bpkb/fields/text_util.h"

namespace bpkb::fields {
namespace {

std::string Address(std::string_view read) { return NormaliseField("alamat", read).value; }

TEST(OwnerFieldsTest, AbbreviationsGetTheirFullStopBack) {
  EXPECT_EQ(Address("JL. KENANGA NO. 70 RT 003 RW 007 KEL KEBONSARI KEC YOSOWILANGUN KAB LUMAJANG"),
            "JL. KENANGA NO. 70 RT 003 RW 007 KEL. KEBONSARI KEC. YOSOWILANGUN KAB. LUMAJANG");
  // Not at the end, and not RT/RW (printed both ways).
  EXPECT_EQ(Address("KP. WERER RT 003 RW 009 DS. AYIR KEC. UNIR SIRAU KAB ASMAT"),
            "KP. WERER RT 003 RW 009 DS. AYIR KEC. UNIR SIRAU KAB. ASMAT");
}

TEST(OwnerFieldsTest, MisreadAbbreviationIsTheKeyword) {
  EXPECT_EQ(Address("PERUM MITRA NIAGA BLOK H20 NO. 20 RT 020 RW 012 KEL. LENGKONG LOR KEG. NGLUYU "
                    "KAB. NGANJUK"),
            "PERUM MITRA NIAGA BLOK H20 NO. 20 RT 020 RW 012 KEL. LENGKONG LOR KEC. NGLUYU KAB. "
            "NGANJUK");
}

TEST(OwnerFieldsTest, SlashBetweenRtAndRwNumbers) {
  EXPECT_EQ(Address("JL. SULTAN AGUNG NO.102 RT 04701 DS. BLETOK KEC. BUNGATAN KAB. SITUBONDO"),
            "JL. SULTAN AGUNG NO.102 RT 04/01 DS. BLETOK KEC. BUNGATAN KAB. SITUBONDO");
  // With an RW of its own the number is left alone.
  EXPECT_EQ(Address("RT 04701 RW 002 KEL. MENTENG KEC. MENTENG JAKARTA PUSAT"),
            "RT 04701 RW 002 KEL. MENTENG KEC. MENTENG JAKARTA PUSAT");
}

TEST(OwnerFieldsTest, BlockCodeIsNoKeyword) {
  // "G6" is one confusion off GG (a gang), but after BLOK it is the block's code.
  EXPECT_EQ(Address("PERUM REZEKI JAYA BLOK G6 NO. 13 RT. 017 RW. 013 DS. BLANG DALAM KEC. SUSOH "
                    "ACEH BARAT DAYA"),
            "PERUM REZEKI JAYA BLOK G6 NO. 13 RT. 017 RW. 013 DS. BLANG DALAM KEC. SUSOH ACEH "
            "BARAT DAYA");
  // Its number read with an I for a 1.
  EXPECT_EQ(Address("PERUM LOGISTIK KARYA BLOK FI2 NO. 17 RT. 003 RW. 011"),
            "PERUM LOGISTIK KARYA BLOK F12 NO. 17 RT. 003 RW. 011");
  // Elsewhere the misread gang marker is still the keyword.
  EXPECT_EQ(Address("JL. CEMPAKA G6. DAHLIA NO. 15 RT 01/02 KEL. DAGO KEC. COBLONG KOTA BANDUNG"),
            "JL. CEMPAKA GG. DAHLIA NO. 15 RT 01/02 KEL. DAGO KEC. COBLONG KOTA BANDUNG");
}

TEST(OwnerFieldsTest, RtAndRwArePrintedAlike) {
  // A full stop lost on RW (or RT) comes back when the other has it.
  EXPECT_EQ(Address("JL. GATOT SUBROTO NO.197 RT. 005 RW 013 KEL. KUNYIT KEC. SEBUKU KAB. NUNUKAN"),
            "JL. GATOT SUBROTO NO.197 RT. 005 RW. 013 KEL. KUNYIT KEC. SEBUKU KAB. NUNUKAN");
  EXPECT_EQ(Address("DUSUN PESAWAHAN RT 017 RW. 004 KEL. WUNUT KEC. PORONG KAB. SIDOARJO"),
            "DUSUN PESAWAHAN RT. 017 RW. 004 KEL. WUNUT KEC. PORONG KAB. SIDOARJO");
  // The joined form: a space read after one of the dots only.
  EXPECT_EQ(Address("JL. MANGGA DUA NO. 53 RT. 007/RW.007 DS. KAUNGCAANG KEC. CADASARI PANDEGLANG"),
            "JL. MANGGA DUA NO. 53 RT.007/RW.007 DS. KAUNGCAANG KEC. CADASARI PANDEGLANG");
  // One of the spaced pair read glued: it takes the other's form.
  EXPECT_EQ(Address("DUSUN TIMPIK RT 011 RW.015 KEL. SUSUKAN KEC. SUSUKAN KAB. SEMARANG"),
            "DUSUN TIMPIK RT 011 RW 015 KEL. SUSUKAN KEC. SUSUKAN KAB. SEMARANG");
  EXPECT_EQ(Address("DUSUN TIMPIK RT.011 RW. 015 KEL. SUSUKAN KEC. SUSUKAN KAB. SEMARANG"),
            "DUSUN TIMPIK RT. 011 RW. 015 KEL. SUSUKAN KEC. SUSUKAN KAB. SEMARANG");
  // Printed alike already: left as read.
  EXPECT_EQ(Address("KP. WERER RT 003 RW 009 DS. AYIR KEC. UNIR SIRAU KAB. ASMAT"),
            "KP. WERER RT 003 RW 009 DS. AYIR KEC. UNIR SIRAU KAB. ASMAT");
  EXPECT_EQ(Address("KP. WERER RT. 003 RW. 009 DS. AYIR KEC. UNIR SIRAU KAB. ASMAT"),
            "KP. WERER RT. 003 RW. 009 DS. AYIR KEC. UNIR SIRAU KAB. ASMAT");
}

TEST(OwnerFieldsTest, RtRwNumbersStartWithZero) {
  // A dotted or slashed zero read as 8 (or 3, 6, 9) first in a three-digit RT or RW.
  EXPECT_EQ(Address("DUSUN PASIR GADUNG RT. 013 RW. 803 KEL. BOJONG KEC. CIKUPA KAB. TANGERANG"),
            "DUSUN PASIR GADUNG RT. 013 RW. 003 KEL. BOJONG KEC. CIKUPA KAB. TANGERANG");
  EXPECT_EQ(Address("JL. MELATI NO.11 RT.916/RW.002 KEL. KELUBI KEC. MANGGAR KAB. BELITUNG TIMUR"),
            "JL. MELATI NO.11 RT.016/RW.002 KEL. KELUBI KEC. MANGGAR KAB. BELITUNG TIMUR");
  // A house number, a two-digit RT/RW and a zero already there are left alone.
  EXPECT_EQ(Address("JL. MERDEKA NO. 812 RT 04/12 KEL. MENTENG KEC. MENTENG JAKARTA PUSAT"),
            "JL. MERDEKA NO. 812 RT 04/12 KEL. MENTENG KEC. MENTENG JAKARTA PUSAT");
  EXPECT_EQ(Address("KP. WERER RT 003 RW 019 DS. AYIR KEC. UNIR SIRAU KAB. ASMAT"),
            "KP. WERER RT 003 RW 019 DS. AYIR KEC. UNIR SIRAU KAB. ASMAT");
}

TEST(OwnerFieldsTest, SlashOfTheShortRtRwReadAsASpace) {
  EXPECT_EQ(Address("DUSUN SUKAKERTA RT 05 13 KEL. CIKARANG KEC. CILAMAYA WETAN KAB. KARAWANG"),
            "DUSUN SUKAKERTA RT 05/13 KEL. CIKARANG KEC. CILAMAYA WETAN KAB. KARAWANG");
  // An RT and RW pair is left as read.
  EXPECT_EQ(Address("KP. WERER RT 03 RW 09 DS. AYIR KEC. UNIR SIRAU KAB. ASMAT"),
            "KP. WERER RT 03 RW 09 DS. AYIR KEC. UNIR SIRAU KAB. ASMAT");
}

TEST(OwnerFieldsTest, FullStopLostBetweenNoAndTheNumber) {
  EXPECT_EQ(Address("JL. SULTAN AGUNG NO201 RT 001 RW 004 DS. PAGEDANGAN KEC. AMBAL KEBUMEN"),
            "JL. SULTAN AGUNG NO.201 RT 001 RW 004 DS. PAGEDANGAN KEC. AMBAL KEBUMEN");
  EXPECT_EQ(Address("JL. MELATI NO11B RT.016/RW.002 KEL. KELUBI KEC. MANGGAR KAB. BELITUNG TIMUR"),
            "JL. MELATI NO.11B RT.016/RW.002 KEL. KELUBI KEC. MANGGAR KAB. BELITUNG TIMUR");
}

TEST(OwnerFieldsTest, KeywordsMisreadMidLine) {
  // KEC read as KEO, with no other kecamatan marker and a real district after it.
  EXPECT_EQ(Address("DUSUN BENER RT. 015 RW. 009 KEL. BERANANG KEO KUTAPANJANG KAB. GAYO LUES"),
            "DUSUN BENER RT. 015 RW. 009 KEL. BERANANG KEC. KUTAPANJANG KAB. GAYO LUES");
  // A speck glued to the marker: the district after it is found again.
  EXPECT_EQ(Address("PERUM GLOBAL BERKAH BLOK F5 NO. 35 RT.008/RW.013 DS. TANIWEL KEC.A TANIWEL "
                    "SERAM BAGIAN BARAT"),
            "PERUM GLOBAL BERKAH BLOK F5 NO. 35 RT.008/RW.013 DS. TANIWEL KEC. TANIWEL SERAM "
            "BAGIAN BARAT");
  // NO before a house number, one letter off, and the number's letters as digits.
  EXPECT_EQ(Address("JL. PANGLIMA POLIM WO.84 RT.012/RW.011 DS. KERTICALA KEC. TUKDANA INDRAMAYU"),
            "JL. PANGLIMA POLIM NO.84 RT.012/RW.011 DS. KERTICALA KEC. TUKDANA INDRAMAYU");
  EXPECT_EQ(Address("JL. SULTAN AGUNG GG. DIPONEGORO N0.224 RT. 012 RW. 015 DS. TELUK BAYUR KEC. "
                    "KUTE SIANTAN KAB. KEPULAUAN ANAMBAS"),
            "JL. SULTAN AGUNG GG. DIPONEGORO NO.224 RT. 012 RW. 015 DS. TELUK BAYUR KEC. KUTE "
            "SIANTAN KAB. KEPULAUAN ANAMBAS");
  EXPECT_EQ(
      Address("PERUM MITRA MAJU BLOK F10 NO. S RT 019 RW 013 KEL. BABAKANLOR KEC. CIKEDAL "
              "PANDEGLANG"),
      "PERUM MITRA MAJU BLOK F10 NO. 5 RT 019 RW 013 KEL. BABAKANLOR KEC. CIKEDAL PANDEGLANG");
  // Left as printed: a house number with its letter, a one-letter district
  // word after a spaced marker, a word like KEC with no district after it.
  EXPECT_EQ(Address("JL. AHMAD YANI NO. 12B RT.018/RW.009 KEL. LIMAU PURUIK KEC. V KOTO TIMUR KAB. "
                    "PADANG PARIAMAN"),
            "JL. AHMAD YANI NO. 12B RT.018/RW.009 KEL. LIMAU PURUIK KEC. V KOTO TIMUR KAB. "
            "PADANG PARIAMAN");
  EXPECT_EQ(Address("JL. KEO RAYA NO. 7 RT 001 RW 002"), "JL. KEO RAYA NO. 7 RT 001 RW 002");
  // A village named KOTA ... is no city marker.
  EXPECT_EQ(Address("PERUM ABADI LOGISTIK BLOK F8 NO. 30 RT. 012 RW. 013 KEL. KOTA KARANG KEC. "
                    "BUAY SANDANG AJI OGAN KOMERING ULU SELATAN"),
            "PERUM ABADI LOGISTIK BLOK F8 NO. 30 RT. 012 RW. 013 KEL. KOTA KARANG KEC. BUAY "
            "SANDANG AJI OGAN KOMERING ULU SELATAN");
}

TEST(OwnerFieldsTest, VillageAndCityMarkersMisreadByOneLetter) {
  // DS. read DB. after the RT/RW numbers, KAB. read KAH. after the district:
  // a real village (city) follows, so they are the markers, and the places
  // after them are snapped again.
  EXPECT_EQ(Address("KP. WERER RT 003 RW 009 DB. AYIR KEC. UNIR SIRAU KAB. ASMAT"),
            "KP. WERER RT 003 RW 009 DS. AYIR KEC. UNIR SIRAU KAB. ASMAT");
  EXPECT_EQ(Address("JL. KENANGA NO. 70 RT 003 RW 007 KEL. KEBONSARI KEC. YOSOWILANGUN KAH. "
                    "LUMAJANG"),
            "JL. KENANGA NO. 70 RT 003 RW 007 KEL. KEBONSARI KEC. YOSOWILANGUN KAB. LUMAJANG");
  // A letter lost: "KE." for KEC. after the village, "AB." for KAB. after the
  // district, "S." for DS. after the RT/RW numbers.
  EXPECT_EQ(Address("KP. WERER RT 003 RW 009 DS. AYIR KE. UNIR SIRAU AB. ASMAT"),
            "KP. WERER RT 003 RW 009 DS. AYIR KEC. UNIR SIRAU KAB. ASMAT");
  EXPECT_EQ(Address("KP. WERER RT 003 RW 009 S. AYIR KEC. UNIR SIRAU KAB. ASMAT"),
            "KP. WERER RT 003 RW 009 DS. AYIR KEC. UNIR SIRAU KAB. ASMAT");
  // The village's marker read as the district's, or the other way round.
  EXPECT_EQ(Address("JL. MELATI NO. 5 RT 003 RW 009 KEC. KEBONSARI KEC. YOSOWILANGUN KAB. "
                    "LUMAJANG"),
            "JL. MELATI NO. 5 RT 003 RW 009 KEL. KEBONSARI KEC. YOSOWILANGUN KAB. LUMAJANG");
  EXPECT_EQ(Address("JL. MELATI NO. 5 RT 003 RW 009 KEL. KEBONSARI KEL. YOSOWILANGUN KAB. "
                    "LUMAJANG"),
            "JL. MELATI NO. 5 RT 003 RW 009 KEL. KEBONSARI KEC. YOSOWILANGUN KAB. LUMAJANG");
  // Elsewhere, or with no place after them, such words stay.
  EXPECT_EQ(Address("JL. DR. SUTOMO NO. 7 RT 003 RW 009 DS. AYIR KEC. UNIR SIRAU KAB. ASMAT"),
            "JL. DR. SUTOMO NO. 7 RT 003 RW 009 DS. AYIR KEC. UNIR SIRAU KAB. ASMAT");
  EXPECT_EQ(Address("JL. MELATI RT 003 RW 009 DR. QWXZPT"), "JL. MELATI RT 003 RW 009 DR. QWXZPT");
}

TEST(OwnerFieldsTest, RtMarkerWithItsFirstLetterMisread) {
  // "RT 04/01" read "XT 04701": the marker comes back, then the slash.
  EXPECT_EQ(Address("JL. SULTAN AGUNG NO.102 XT 04701 DS. BLETOK KEC. BUNGATAN KAB. SITUBONDO"),
            "JL. SULTAN AGUNG NO.102 RT 04/01 DS. BLETOK KEC. BUNGATAN KAB. SITUBONDO");
  EXPECT_EQ(Address("KP. WERER JT. 003 RW. 009 DS. AYIR KEC. UNIR SIRAU KAB. ASMAT"),
            "KP. WERER RT. 003 RW. 009 DS. AYIR KEC. UNIR SIRAU KAB. ASMAT");
  // A letter lost or wrong, and either half of the joined form.
  EXPECT_EQ(Address("JL. MELATI NO.26 T. 010 RW. 012 DS. AYIR KEC. UNIR SIRAU KAB. ASMAT"),
            "JL. MELATI NO.26 RT. 010 RW. 012 DS. AYIR KEC. UNIR SIRAU KAB. ASMAT");
  EXPECT_EQ(Address("JL. MELATI NO. 26 RT 009 R 015 DS. AYIR KEC. UNIR SIRAU KAB. ASMAT"),
            "JL. MELATI NO. 26 RT 009 RW 015 DS. AYIR KEC. UNIR SIRAU KAB. ASMAT");
  EXPECT_EQ(Address("JL. MELATI NO.248 RT.008/W.005 DS. AYIR KEC. UNIR SIRAU KAB. ASMAT"),
            "JL. MELATI NO.248 RT.008/RW.005 DS. AYIR KEC. UNIR SIRAU KAB. ASMAT");
  // The number read with a letter for one of its digits.
  EXPECT_EQ(Address("JL. RAYA SERANG NO. 99 RI Q01 RW. 013 KEL. SURUHWADANG KEC. KADEMANGAN "
                    "BLITAR"),
            "JL. RAYA SERANG NO. 99 RT. 001 RW. 013 KEL. SURUHWADANG KEC. KADEMANGAN BLITAR");
  // With an RT of its own, or before no number, such a word stays.
  EXPECT_EQ(Address("JL. MELATI NO. 5 RT 003 RW 009 ST 12"),
            "JL. MELATI NO. 5 RT 003 RW 009 ST 12");
  EXPECT_EQ(Address("JL. MELATI NO. 5 XT MAWAR"), "JL. MELATI NO. 5 XT MAWAR");
}

TEST(OwnerFieldsTest, HouseNumberEndingInOIsADigit) {
  // A house number takes a letter of its own ("12B"), never O, Q or I: those
  // are the 0 and 1 of the number misread.
  EXPECT_EQ(Address("JL. MELATI NO. 8O RT 003 RW 009"), "JL. MELATI NO. 80 RT 003 RW 009");
  EXPECT_EQ(Address("JL. MELATI NO.2I RT 003 RW 009"), "JL. MELATI NO.21 RT 003 RW 009");
  EXPECT_EQ(Address("JL. MELATI NO. 2G RT 003 RW 009"), "JL. MELATI NO. 26 RT 003 RW 009");
  EXPECT_EQ(Address("JL. MELATI NO. 8B RT 003 RW 009"), "JL. MELATI NO. 8B RT 003 RW 009");
  EXPECT_EQ(Address("JL. MELATI NO.17D RT 003 RW 009"), "JL. MELATI NO.17D RT 003 RW 009");
}

TEST(OwnerFieldsTest, VillageOfAnotherDistrictIsTheDistrictsOwnOneLetterOff) {
  // JALI is a village, but not of Tarokan (Kediri), whose JATI is one letter off.
  EXPECT_EQ(Address("JL. KENANGA NO. 17 RT.004/RW.007 KEL. JALI KEC. TAROKAN KAB. KEDIRI"),
            "JL. KENANGA NO. 17 RT.004/RW.007 KEL. JATI KEC. TAROKAN KAB. KEDIRI");
  // A village of the district is kept as read.
  EXPECT_EQ(Address("JL. KENANGA NO. 17 RT.004/RW.007 KEL. KEREP KEC. TAROKAN KAB. KEDIRI"),
            "JL. KENANGA NO. 17 RT.004/RW.007 KEL. KEREP KEC. TAROKAN KAB. KEDIRI");
}

TEST(OwnerFieldsTest, FirstWordOneLetterOffAStartWord) {
  EXPECT_EQ(Address("L. MERDEKA NO.112 RT 17/07 KEL. SINDANG KEC. MREBET KAB. PURBALINGGA"),
            "JL. MERDEKA NO.112 RT 17/07 KEL. SINDANG KEC. MREBET KAB. PURBALINGGA");
  EXPECT_EQ(Address("CL. MERDEKA NO.112 RT 17/07 KEL. SINDANG KEC. MREBET KAB. PURBALINGGA"),
            "JL. MERDEKA NO.112 RT 17/07 KEL. SINDANG KEC. MREBET KAB. PURBALINGGA");
  EXPECT_EQ(Address("DUSUR KRAJAN RT 001 RW 002 DS. AYIR KEC. UNIR SIRAU KAB. ASMAT"),
            "DUSUN KRAJAN RT 001 RW 002 DS. AYIR KEC. UNIR SIRAU KAB. ASMAT");
  // One edit off two of them (DSN. and DUSUN): kept.
  EXPECT_EQ(Address("DUSN KRAJAN RT 001 RW 002"), "DUSN KRAJAN RT 001 RW 002");
  // JLN. (JALAN) and a word far from every start word are kept.
  EXPECT_EQ(Address("JLN. MERDEKA NO.112 RT 17/07"), "JLN. MERDEKA NO.112 RT 17/07");
  EXPECT_EQ(Address("GRIYA ASRI BLOK C2 NO. 5 RT 17/07"), "GRIYA ASRI BLOK C2 NO. 5 RT 17/07");
}

TEST(OwnerFieldsTest, DistrictNamedWithKotaIsNoCityMarker) {
  // Langsa Kota is a district of Kota Langsa: its KOTA is no city marker.
  EXPECT_EQ(Address("KP. JAWA RT 001 RW 002 KEL. PEUKAN LANGSA KEC. LANGSA KOTA KOTA "
                    "LANGSA"),
            "KP. JAWA RT 001 RW 002 KEL. PEUKAN LANGSA KEC. LANGSA KOTA KOTA LANGSA");
  EXPECT_EQ(Address("RT 001 RW 002 KEL. PEUKAN LANGSA KEC. LANGSA KOTA KOTA LANGSE"),
            "RT 001 RW 002 KEL. PEUKAN LANGSA KEC. LANGSA KOTA KOTA LANGSA");
}

TEST(OwnerFieldsTest, ColonReadBeforeTheAddress) {
  EXPECT_EQ(Address("I JL. KENANGA NO. 70 RT 003 RW 007 KEL. KEBONSARI KEC. YOSOWILANGUN KAB. "
                    "LUMAJANG"),
            "JL. KENANGA NO. 70 RT 003 RW 007 KEL. KEBONSARI KEC. YOSOWILANGUN KAB. LUMAJANG");
  EXPECT_EQ(Address("1KP. WERER RT 003 RW 009 DS. AYIR KEC. UNIR SIRAU KAB. ASMAT"),
            "KP. WERER RT 003 RW 009 DS. AYIR KEC. UNIR SIRAU KAB. ASMAT");
  EXPECT_EQ(Address("HDUSUN PESAWAHAN RT. 017 RW. 004 KEL. WUNUT KEC. PORONG KAB. SIDOARJO"),
            "DUSUN PESAWAHAN RT. 017 RW. 004 KEL. WUNUT KEC. PORONG KAB. SIDOARJO");
  // A first word of the address itself is kept.
  EXPECT_EQ(Address("JL. H. ABDUL GANI NO.152B RT 08/15"), "JL. H. ABDUL GANI NO.152B RT 08/15");
}

TEST(OwnerFieldsTest, HamletSnappedAmongTheDistrictsVillages) {
  EXPECT_EQ(Address("DUSUN SDASIO RT. 007 RW. 006 KEL. GAMTUFKANGE KEC. TIDORE TIDORE KEPULAUAN"),
            "DUSUN SOASIO RT. 007 RW. 006 KEL. GAMTUFKANGE KEC. TIDORE TIDORE KEPULAUAN");
  // A hamlet of its own name, far from every village there, stays as read.
  EXPECT_EQ(Address("DUSUN KRAJAN RT. 007 RW. 006 KEL. GAMTUFKANGE KEC. TIDORE TIDORE KEPULAUAN"),
            "DUSUN KRAJAN RT. 007 RW. 006 KEL. GAMTUFKANGE KEC. TIDORE TIDORE KEPULAUAN");
}

TEST(OwnerFieldsTest, KotaMarkerReadWithALetterWrong) {
  // A validation scan: KOTA read as HOTA before "ADMINISTRASI JAKARTA BARAT".
  EXPECT_EQ(Address("KP. DURI KEPA RT 018 RW 013 KEL. KEDOYA SELATAN KEC. KEDON JERUK HOTA "
                    "ADMINISTRASI JAKARTA BARAT"),
            "KP. DURI KEPA RT 018 RW 013 KEL. KEDOYA SELATAN KEC. KEBON JERUK KOTA ADMINISTRASI "
            "JAKARTA BARAT");
  EXPECT_EQ(Address("JL. MERDEKA NO. 5 RT 001 RW 002 KEL. KRAMAT KEC. SENEN KOTR JAKARTA PUSAT"),
            "JL. MERDEKA NO. 5 RT 001 RW 002 KEL. KRAMAT KEC. SENEN KOTA JAKARTA PUSAT");
  // A district whose name ends in KOTO keeps it, also when the rest of its
  // name was misread (a tune photocopy: XIII read XITI).
  EXPECT_EQ(Address("JL. MERDEKA NO. 5 RT 001 RW 002 KEC. IV KOTO AGAM"),
            "JL. MERDEKA NO. 5 RT 001 RW 002 KEC. IV KOTO AGAM");
  EXPECT_EQ(Address("JL. MERDEKA NO. 174 RT 08/06 DS. MUARA TAKUS KEC. XITI KOTO KAMPAR KAMPAR"),
            "JL. MERDEKA NO. 174 RT 08/06 DS. MUARA TAKUS KEC. XIII KOTO KAMPAR KAMPAR");
}

TEST(OwnerFieldsTest, VillageMarkerReadAsItsFirstLetterAlone) {
  // A validation photocopy (dotmatrix-tall): DS. read as "D".
  EXPECT_EQ(Address("KP. PAUH RT 005 RW 012 D MORO KEC. MORO KAB. KARIMUN"),
            "KP. PAUH RT 005 RW 012 DS. MORO KEC. MORO KAB. KARIMUN");
  // Not where no village follows.
  EXPECT_EQ(Address("KP. PAUH RT 005 RW 012 D QWXZPT KEC. MORO KAB. KARIMUN"),
            "KP. PAUH RT 005 RW 012 D QWXZPT KEC. MORO KAB. KARIMUN");
}

TEST(OwnerFieldsTest, StreetOneOrTwoLettersOffACommonOneIsThatStreet) {
  // Misreads of validation photocopies.
  EXPECT_EQ(Address("JL. PANGLINA POLIW NO.87 RT.003/RW.006"),
            "JL. PANGLIMA POLIM NO.87 RT.003/RW.006");
  EXPECT_EQ(Address("JL. PAUILAWAN NO. 216 RT. 014 RW. 014"),
            "JL. PAHLAWAN NO. 216 RT. 014 RW. 014");
  EXPECT_EQ(Address("JL. RAYA BOGOR GG. H. ANDUL GANT NO.140 RT 008 RW 012"),
            "JL. RAYA BOGOR GG. H. ABDUL GANI NO.140 RT 008 RW 012");
  // A full stop lost after an abbreviated title.
  EXPECT_EQ(Address("JL. GAJAH MADA GG. KH HASYIM ASHARI NO. 67 RT 20/07"),
            "JL. GAJAH MADA GG. KH. HASYIM ASHARI NO. 67 RT 20/07");
  // Streets the list does not have stay as read, also when short and close
  // to a listed one, or far from every one.
  EXPECT_EQ(Address("JL. MAKAR NO. 5 RT 01/02"), "JL. MAKAR NO. 5 RT 01/02");
  EXPECT_EQ(Address("JL. SRIWIJAYA NO. 5 RT 01/02"), "JL. SRIWIJAYA NO. 5 RT 01/02");
  EXPECT_EQ(Address("JL. KENANGA INDAH NO. 5 RT 01/02"), "JL. KENANGA INDAH NO. 5 RT 01/02");
}

TEST(OwnerFieldsTest, DateReadOnIntoTheStamp) {
  CorrectedValue a = CorrectField("tanggal_dikeluarkan", "29 - 12 - 20040AWN");
  EXPECT_EQ(a.value, "29-12-2004");
  EXPECT_TRUE(a.valid);
  CorrectedValue b = CorrectField("tanggal_dikeluarkan", "14-01-2025 - 2020");
  EXPECT_EQ(b.value, "14-01-2025");
  // Nothing date-shaped: not valid, nothing invented.
  EXPECT_FALSE(CorrectField("tanggal_dikeluarkan", "18 - 0 - 2012 MTN").valid);
}

TEST(OwnerFieldsTest, DateWithNoDateInItIsEmpty) {
  // Another line's text read in the date's place (a photocopy): not a value.
  CorrectedValue c = CorrectField("tanggal_dikeluarkan", "MHH66 K 6 688 X");
  EXPECT_EQ(c.value, "");
  EXPECT_FALSE(c.valid);
  EXPECT_LT(c.confidence_factor, 0.3);
  // A date-shaped but impossible one is not read either.
  EXPECT_EQ(CorrectField("tanggal_dikeluarkan", "31 - 4 - 2011").value, "");
}

TEST(OwnerFieldsTest, ColonReadIntoTheNamesFirstLetter) {
  EXPECT_EQ(NormaliseField("nama_pemilik", "KKURNIAWAN SETIAWAN").value, "KURNIAWAN SETIAWAN");
  EXPECT_EQ(NormaliseField("nama_pemilik", "1HENDRA").value, "HENDRA");
  EXPECT_EQ(NormaliseField("nama_pemilik", "1 HENDRA GUNAWAN").value, "HENDRA GUNAWAN");
  // A name of its own is left alone; so are Balinese names after "I".
  EXPECT_EQ(NormaliseField("nama_pemilik", "I WAYAN SUDIRTA").value, "I WAYAN SUDIRTA");
  EXPECT_EQ(NormaliseField("nama_pemilik", "AAN KURNIAWAN").value, "AAN KURNIAWAN");
}

TEST(OwnerFieldsTest, HouseNumberMarkerReadWithASpeckOrWithoutItsO) {
  EXPECT_EQ(Address("JL. PAHLAWAN GG. AHMAD YANI NO.O 49 RT 19/09 KEL. SIGUNTUR KEC. SITIUNG KAB. "
                    "DHARMASRAYA"),
            "JL. PAHLAWAN GG. AHMAD YANI NO. 49 RT 19/09 KEL. SIGUNTUR KEC. SITIUNG KAB. "
            "DHARMASRAYA");
  // Or the O lost before the full stop.
  EXPECT_EQ(Address("JL. PANGLIMA POLIM GG. CEMPAKA N.6 RT. 005 RW. 013 DS. SESAYAP SELOR KEC. "
                    "SESAYAP HILIR TANA TIDUNG"),
            "JL. PANGLIMA POLIM GG. CEMPAKA NO.6 RT. 005 RW. 013 DS. SESAYAP SELOR KEC. SESAYAP "
            "HILIR TANA TIDUNG");
}

TEST(OwnerFieldsTest, SerialAfterItsPrintedPrefix) {
  EXPECT_EQ(CorrectField("nomor_bpkb", "N0.3 F-03839991").value, "F-03839991");
}

TEST(OwnerFieldsTest, ColonReadBeforeTheIdNumber) {
  EXPECT_EQ(NormaliseField("no_id", "M7603170802572378").value, "7603170802572378");
  EXPECT_EQ(NormaliseField("no_id", "X.33.72.3.54.39528").value, "33.72.3.54.39528");
  EXPECT_EQ(NormaliseField("no_id", "1.33.72.3.54.39528").value, "33.72.3.54.39528");
  EXPECT_EQ(NormaliseField("no_id", "P29.08.4.59.19136").value, "29.08.4.59.19136");
  // An old KTP number of its own shape keeps its first group.
  EXPECT_EQ(NormaliseField("no_id", "09.5305.010170.0123").value, "09.5305.010170.0123");
}

TEST(OwnerFieldsTest, OneWhitespaceCollapser) {
  EXPECT_EQ(CollapseSpaces("  Jl.\tMerdeka \n No. 1 "), "Jl. Merdeka No. 1");
  EXPECT_EQ(bpkb::CollapseSpaces("  Jl.\tMerdeka \n No. 1 "), "Jl. Merdeka No. 1");
  EXPECT_EQ(CanonicalText("  Jl.\tMerdeka \n No. 1 "), "JL. MERDEKA NO. 1");
}

}  // namespace
}  // namespace bpkb::fields
