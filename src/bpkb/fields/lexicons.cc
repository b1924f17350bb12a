#include "bpkb/fields/lexicons.h"

#include <algorithm>
#include <fstream>
#include <set>

#include "bpkb/fields/grammar.h"
#include "bpkb/fields/text_util.h"

namespace bpkb::fields {
namespace {

// What real books print; the reference lists under ref/ extend these.
const char* const kBrands[] = {"TOYOTA",
                               "HONDA",
                               "DAIHATSU",
                               "SUZUKI",
                               "MITSUBISHI",
                               "NISSAN",
                               "MAZDA",
                               "ISUZU",
                               "HINO",
                               "KIA",
                               "HYUNDAI",
                               "CHEVROLET",
                               "FORD",
                               "BMW",
                               "MERCEDES-BENZ",
                               "MERCEDES BENZ",
                               "AUDI",
                               "VOLKSWAGEN",
                               "VOLVO",
                               "PEUGEOT",
                               "RENAULT",
                               "LEXUS",
                               "SUBARU",
                               "WULING",
                               "DFSK",
                               "CHERY",
                               "DATSUN",
                               "PROTON",
                               "TATA",
                               "FIAT",
                               "JEEP",
                               "LAND ROVER",
                               "MINI",
                               "PORSCHE",
                               "FERRARI",
                               "LAMBORGHINI",
                               "UD TRUCKS",
                               "NISSAN DIESEL",
                               "SCANIA",
                               "MAN",
                               "MITSUBISHI FUSO",
                               "FUSO",
                               "YAMAHA",
                               "KAWASAKI",
                               "VESPA",
                               "PIAGGIO",
                               "TVS",
                               "BAJAJ",
                               "KTM",
                               "HARLEY DAVIDSON",
                               "HARLEY-DAVIDSON",
                               "DUCATI",
                               "TRIUMPH",
                               "BENELLI",
                               "VIAR",
                               "KYMCO",
                               "SYM",
                               "GESITS",
                               "SELIS",
                               "ROYAL ENFIELD",
                               "MG",
                               "GEELY",
                               "BYD",
                               "HAVAL",
                               "GWM",
                               "NETA",
                               "POLYTRON",
                               "ALVA",
                               "UNITED",
                               "KAISAR",
                               "JIALING",
                               "MINERVA",
                               "LIFAN",
                               "TIMOR",
                               "FOTON",
                               "JAC",
                               "FAW",
                               "SINOTRUK",
                               "HOWO",
                               "KING LONG",
                               "GOLDEN DRAGON",
                               "DAEWOO",
                               "OPEL",
                               "CITROEN",
                               "SMART",
                               "JAGUAR",
                               "BENTLEY",
                               "ROLLS ROYCE",
                               "MASERATI",
                               "TESLA",
                               "CHANGAN",
                               "DONGFENG",
                               "SOKON",
                               "ESEMKA",
                               "APRILIA",
                               "MOTO GUZZI",
                               "MV AGUSTA",
                               "HUSQVARNA",
                               "CFMOTO",
                               "ZONGSHEN",
                               "SANEX",
                               "KTM",
                               "INDOMOBIL",
                               "HYOSUNG"};
const char* const kJenis[] = {"MB PENUMPANG",
                              "MB. PENUMPANG",
                              "MB BARANG",
                              "MB. BARANG",
                              "MB BUS",
                              "MB. BUS",
                              "MOBIL PENUMPANG",
                              "MOBIL BARANG",
                              "MOBIL BUS",
                              "SEPEDA MOTOR",
                              "KENDARAAN KHUSUS",
                              "KEND. KHUSUS",
                              "KENDARAAN BERMOTOR KHUSUS"};
const char* const kMotorcycleModels[] = {
    "SOLO",         "SCOOTER",       "SKUTER", "SPORT", "CUB",        "BEBEK",    "TRAIL",
    "DUAL PURPOSE", "SPORT TOURING", "NAKED",  "MOPED", "SOLO/SPORT", "RODA TIGA"};
const char* const kCarModels[] = {"JEEP",
                                  "MINIBUS",
                                  "MINI BUS",
                                  "SEDAN",
                                  "PICK UP",
                                  "PICKUP",
                                  "TRUCK",
                                  "TRUK",
                                  "LIGHT TRUCK",
                                  "DUMP TRUCK",
                                  "BOX",
                                  "DOUBLE CABIN",
                                  "SINGLE CABIN",
                                  "MICROBUS",
                                  "MICRO BUS",
                                  "BUS",
                                  "STATION WAGON",
                                  "HATCHBACK",
                                  "MPV",
                                  "SUV",
                                  "TRAILER",
                                  "TANGKI",
                                  "TANKI",
                                  "TRACTOR HEAD",
                                  "TRAKTOR HEAD",
                                  "DELIVERY VAN",
                                  "BLIND VAN",
                                  "VAN",
                                  "AMBULANCE",
                                  "JEEP S.C.HDTP",
                                  "SEDAN S.C.HDTP",
                                  "MINIBUS S.C.HDTP",
                                  "CAB CHASSIS",
                                  "CHASSIS",
                                  "COUPE",
                                  "CONVERTIBLE",
                                  "WAGON",
                                  "MOBIL TANGKI",
                                  "DUMP",
                                  "TRONTON",
                                  "BAK TERBUKA",
                                  "KABIN GANDA"};
const char* const kColourWords[] = {
    "PUTIH",    "HITAM",     "MERAH",      "BIRU",      "HIJAU",   "KUNING",   "ABU-ABU",
    "ABU ABU",  "ABU",       "COKLAT",     "COKELAT",   "ORANYE",  "ORANGE",   "JINGGA",
    "UNGU",     "PINK",      "MERAH MUDA", "SILVER",    "EMAS",    "GOLD",     "PERAK",
    "KREM",     "CREAM",     "MAROON",     "MARUN",     "METALIK", "METALLIC", "MET",
    "MUDA",     "TUA",       "MUTIARA",    "KOMBINASI", "KOMB",    "GELAP",    "TERANG",
    "DONGKER",  "BEIGE",     "MAGENTA",    "TOSCA",     "TOSKA",   "BRONZE",   "PEARL",
    "DOFF",     "SOLID",     "NAVY",       "KHAKI",     "VIOLET",  "GRAFIT",   "GRAPHITE",
    "TITANIUM", "CHAMPAGNE", "HIJAU TUA",  "BIRU TUA",  "DAN"};
const char* const kColours[] = {
    "PUTIH",           "HITAM",         "MERAH",          "BIRU",
    "HIJAU",           "KUNING",        "ABU-ABU",        "ABU-ABU METALIK",
    "COKLAT",          "ORANYE",        "UNGU",           "SILVER",
    "SILVER METALIK",  "EMAS",          "KREM",           "MERAH MAROON",
    "PUTIH MUTIARA",   "HITAM METALIK", "BIRU METALIK",   "MERAH METALIK",
    "ABU-ABU TUA",     "BIRU TUA",      "HIJAU TUA",      "HITAM KOMBINASI",
    "PUTIH KOMBINASI", "MERAH MUDA",    "COKLAT METALIK", "ABU-ABU MUDA",
    "BIRU MUDA",       "HITAM MERAH",   "PUTIH BIRU",     "MERAH HITAM"};
const char* const kFuels[] = {"BENSIN", "SOLAR",  "LISTRIK",        "GAS",        "BBG",
                              "DIESEL", "HYBRID", "BENSIN/LISTRIK", "BENSIN/GAS", "HIDROGEN"};
const char* const kOccupations[] = {"BELUM/TIDAK BEKERJA",
                                    "MENGURUS RUMAH TANGGA",
                                    "PELAJAR/MAHASISWA",
                                    "PENSIUNAN",
                                    "PEGAWAI NEGERI SIPIL",
                                    "TENTARA NASIONAL INDONESIA",
                                    "KEPOLISIAN RI",
                                    "PERDAGANGAN",
                                    "PETANI/PEKEBUN",
                                    "PETERNAK",
                                    "NELAYAN/PERIKANAN",
                                    "INDUSTRI",
                                    "KONSTRUKSI",
                                    "TRANSPORTASI",
                                    "KARYAWAN SWASTA",
                                    "KARYAWAN BUMN",
                                    "KARYAWAN BUMD",
                                    "KARYAWAN HONORER",
                                    "BURUH HARIAN LEPAS",
                                    "BURUH TANI/PERKEBUNAN",
                                    "BURUH NELAYAN/PERIKANAN",
                                    "BURUH PETERNAKAN",
                                    "PEMBANTU RUMAH TANGGA",
                                    "TUKANG CUKUR",
                                    "TUKANG LISTRIK",
                                    "TUKANG BATU",
                                    "TUKANG KAYU",
                                    "TUKANG SOL SEPATU",
                                    "TUKANG LAS/PANDAI BESI",
                                    "TUKANG JAHIT",
                                    "TUKANG GIGI",
                                    "PENATA RIAS",
                                    "PENATA BUSANA",
                                    "PENATA RAMBUT",
                                    "MEKANIK",
                                    "SENIMAN",
                                    "TABIB",
                                    "PARAJI",
                                    "PERANCANG BUSANA",
                                    "PENTERJEMAH",
                                    "IMAM MASJID",
                                    "PENDETA",
                                    "PASTOR",
                                    "WARTAWAN",
                                    "USTADZ/MUBALIGH",
                                    "JURU MASAK",
                                    "PROMOTOR ACARA",
                                    "ANGGOTA DPR-RI",
                                    "ANGGOTA DPD",
                                    "ANGGOTA BPK",
                                    "PRESIDEN",
                                    "WAKIL PRESIDEN",
                                    "ANGGOTA MAHKAMAH KONSTITUSI",
                                    "ANGGOTA KABINET/KEMENTERIAN",
                                    "DUTA BESAR",
                                    "GUBERNUR",
                                    "WAKIL GUBERNUR",
                                    "BUPATI",
                                    "WAKIL BUPATI",
                                    "WALIKOTA",
                                    "WAKIL WALIKOTA",
                                    "ANGGOTA DPRD PROVINSI",
                                    "ANGGOTA DPRD KABUPATEN/KOTA",
                                    "DOSEN",
                                    "GURU",
                                    "PILOT",
                                    "PENGACARA",
                                    "NOTARIS",
                                    "ARSITEK",
                                    "AKUNTAN",
                                    "KONSULTAN",
                                    "DOKTER",
                                    "BIDAN",
                                    "PERAWAT",
                                    "APOTEKER",
                                    "PSIKIATER/PSIKOLOG",
                                    "PENYIAR TELEVISI",
                                    "PENYIAR RADIO",
                                    "PELAUT",
                                    "PENELITI",
                                    "SOPIR",
                                    "PIALANG",
                                    "PARANORMAL",
                                    "PEDAGANG",
                                    "PERANGKAT DESA",
                                    "KEPALA DESA",
                                    "BIARAWATI",
                                    "WIRASWASTA",
                                    "LAINNYA",
                                    "SWASTA",
                                    "PEGAWAI SWASTA",
                                    "PNS",
                                    "TNI",
                                    "POLRI",
                                    "TNI/POLRI",
                                    "MAHASISWA",
                                    "PELAJAR",
                                    "IBU RUMAH TANGGA",
                                    "PETANI",
                                    "NELAYAN",
                                    "BURUH",
                                    "KARYAWAN",
                                    "KARYAWATI",
                                    "PEGAWAI BUMN",
                                    "ABRI",
                                    "TIDAK BEKERJA"};
const char* const kCategories[] = {"MOBIL PENUMPANG",
                                   "MOBIL PENUMPANG - SEDAN",
                                   "MOBIL PENUMPANG - BUKAN SEDAN",
                                   "MOBIL BUS",
                                   "MOBIL BARANG",
                                   "SEPEDA MOTOR",
                                   "KENDARAAN KHUSUS"};
// Manufacturers' VIN prefixes common on Indonesian books.
const char* const kVinWmis[] = {"MH1", "MH3", "MH4", "MH8", "MHF", "MHK", "MHR", "MHY", "MK2",
                                "MHM", "MHB", "MHC", "MJE", "KNA", "KMH", "MF3", "LZW", "JMZ",
                                "MHL", "MHJ", "MD6", "MLV", "MR0", "JTF", "MJN", "LVV", "LVZ"};
const char* const kPlateColours[] = {"PUTIH", "HITAM", "KUNING", "MERAH", "HIJAU", "BIRU"};
// Region codes of Indonesian plates (Korlantas), old and new.
const char* const kPlateRegions[] = {
    "A",  "B",  "D",  "E",  "F",  "G",  "H",  "K",  "L",  "M",  "N",  "P",  "R",  "S",  "T",  "W",
    "Z",  "AA", "AB", "AD", "AE", "AG", "BA", "BB", "BD", "BE", "BG", "BH", "BK", "BL", "BM", "BN",
    "BP", "DA", "DB", "DC", "DD", "DE", "DG", "DH", "DK", "DL", "DM", "DN", "DR", "DT", "DS", "DW",
    "EA", "EB", "ED", "KB", "KH", "KT", "KU", "PA", "PB", "PG", "PS", "PT", "PY", "RI", "CD", "CC"};

template <size_t N>
std::vector<std::string> List(const char* const (&items)[N]) {
  return std::vector<std::string>(items, items + N);
}

// One entry per line; '#' starts a comment; when a line has several columns
// (tab, '|', ';' or ',' separated) only column `column` is taken.
void AppendRefList(const std::string& path, size_t column, std::vector<std::string>* out) {
  std::ifstream in(path);
  if (!in) return;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const char seps[] = {'\t', '|', ';', ','};
    std::string cell = line;
    for (char sep : seps) {
      if (line.find(sep) == std::string::npos) continue;
      size_t start = 0;
      for (size_t i = 0; i < column && start != std::string::npos; ++i) {
        start = line.find(sep, start);
        if (start != std::string::npos) ++start;
      }
      if (start == std::string::npos) {
        cell.clear();
      } else {
        size_t end = line.find(sep, start);
        cell = line.substr(start, end == std::string::npos ? std::string::npos : end - start);
      }
      break;
    }
    cell = CanonicalText(cell);
    if (!cell.empty()) out->push_back(cell);
  }
}

// vehicles.tsv: brand, tipe, jenis, model, cc, fuel, wheels, axles, ... (tab
// separated, '#' comments).
void AppendVehicles(const std::string& path, Lexicons* lx) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string> cells = TableCells(line);
    if (cells.size() < 6) continue;
    lx->brands.push_back(cells[0]);
    lx->types.push_back(cells[1]);
    lx->jenis.push_back(cells[2]);
    lx->models.push_back(cells[3]);
    if (cells[2] == "SEPEDA MOTOR") lx->motorcycle_models.push_back(cells[3]);
    lx->fuels.push_back(cells[5]);
    if (cells.size() > 8 && cells[8].size() == 3) {
      lx->vin_wmis.push_back(cells[8]);
      lx->wmi_makers.push_back({cells[8], cells[0], cells[2] == "SEPEDA MOTOR" ? 1 : 0});
    }
  }
}

// vin_wmis.tsv: WMI, maker ("HONDA MOTORCYCLE (ASTRA HONDA MOTOR)"): the brand
// is the maker's name before the plant in parentheses, less a closing
// MOTORCYCLE or CAR, which says which of the brand's vehicles it makes.
void AppendWmiMakers(const std::string& path, Lexicons* lx) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    const std::string wmi = CanonicalText(line.substr(0, tab));
    std::vector<std::string> words = SplitWords(CanonicalText(line.substr(tab + 1)));
    std::vector<std::string> brand;
    int motorcycle = -1;
    for (const std::string& w : words) {
      if (w.front() == '(') break;
      if (w == "MOTORCYCLE" || w == "CAR") {
        motorcycle = w == "MOTORCYCLE" ? 1 : 0;
        break;
      }
      brand.push_back(w);
    }
    if (wmi.size() != 3 || brand.empty()) continue;
    lx->wmi_makers.push_back({wmi, JoinWords(brand, 0, brand.size()), motorcycle});
  }
}

void Dedupe(std::vector<std::string>* list) {
  std::set<std::string> seen;
  std::vector<std::string> out;
  for (auto& s : *list) {
    if (!s.empty() && seen.insert(s).second) out.push_back(std::move(s));
  }
  *list = std::move(out);
}

Lexicons Load() {
  Lexicons lx;
  lx.brands = List(kBrands);
  lx.jenis = List(kJenis);
  lx.motorcycle_models = List(kMotorcycleModels);
  lx.models = List(kCarModels);
  lx.models.insert(lx.models.end(), lx.motorcycle_models.begin(), lx.motorcycle_models.end());
  lx.colours = List(kColours);
  lx.colour_words = List(kColourWords);
  lx.fuels = List(kFuels);
  lx.occupations = List(kOccupations);
  lx.categories = List(kCategories);
  lx.plate_colours = List(kPlateColours);
  lx.plate_regions = List(kPlateRegions);
  lx.vin_wmis = List(kVinWmis);

  // The corpus engineer's reference lists (ref/), when present.
  const std::string ref = DataRoot() + "/ref/";
  AppendRefList(ref + "brands.txt", 0, &lx.brands);
  AppendRefList(ref + "colours.txt", 0, &lx.colours);
  AppendRefList(ref + "fuels.txt", 0, &lx.fuels);
  AppendRefList(ref + "jenis.txt", 0, &lx.jenis);
  AppendRefList(ref + "models.txt", 0, &lx.models);
  AppendRefList(ref + "occupations.txt", 0, &lx.occupations);
  AppendRefList(ref + "plate_regions.tsv", 0, &lx.plate_regions);
  AppendVehicles(ref + "vehicles.tsv", &lx);
  AppendRefList(ref + "vin_wmis.tsv", 0, &lx.vin_wmis);
  AppendWmiMakers(ref + "vin_wmis.tsv", &lx);
  AppendRefList(ref + "given_names.txt", 0, &lx.name_words);
  AppendRefList(ref + "family_names.txt", 0, &lx.name_words);
  AppendRefList(ref + "street_names.txt", 0, &lx.street_names);
  // Words of the listed colours extend the colour vocabulary.
  for (const std::string& colour : lx.colours) {
    for (std::string& w : SplitWords(colour)) lx.colour_words.push_back(std::move(w));
  }

  for (auto* list : {&lx.brands, &lx.types, &lx.jenis, &lx.models, &lx.motorcycle_models,
                     &lx.colours, &lx.colour_words, &lx.fuels, &lx.occupations, &lx.categories,
                     &lx.plate_colours, &lx.plate_regions, &lx.vin_wmis, &lx.street_names}) {
    Dedupe(list);
  }
  std::sort(lx.name_words.begin(), lx.name_words.end());  // looked up by binary search
  return lx;
}

}  // namespace

const Lexicons& GetLexicons() {
  static const Lexicons lexicons = Load();
  return lexicons;
}

std::string NumberWord(int n) {
  static const char* const kUnits[] = {"",     "SATU", "DUA",   "TIGA",    "EMPAT",
                                       "LIMA", "ENAM", "TUJUH", "DELAPAN", "SEMBILAN"};
  if (n <= 0 || n >= 100) return "";
  if (n < 10) return kUnits[n];
  if (n == 10) return "SEPULUH";
  if (n == 11) return "SEBELAS";
  if (n < 20) return std::string(kUnits[n - 10]) + " BELAS";
  std::string tens = std::string(kUnits[n / 10]) + " PULUH";
  if (n % 10 == 0) return tens;
  return tens + " " + kUnits[n % 10];
}

bool IsListedName(const std::string& word) {
  const auto& names = GetLexicons().name_words;
  return std::binary_search(names.begin(), names.end(), word);
}

}  // namespace bpkb::fields
