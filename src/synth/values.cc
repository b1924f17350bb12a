#include "synth/values.h"

#include <cstdio>

namespace bpkb::synth {
namespace {

// Values that appear only in the held-out split and are NOT in ref/: the reader's
// dictionaries must not make held-out reading trivially perfect.
const std::vector<VehicleSpec>& HeldoutVehicles() {
  static const std::vector<VehicleSpec> v = {
      {"CHERY", "TIGGO 7 PRO LUXURY CVT", "MB PENUMPANG", "JEEP", 1498, "BENSIN", 4, 2, "LVV",
       "SQRE4T15C"},
      {"DFSK", "GLORY 580 1.5 CVT", "MB PENUMPANG", "MINIBUS", 1499, "BENSIN", 4, 2, "LVZ", "DK15"},
      {"BENELLI", "MOTOBI 152 EVO", "SEPEDA MOTOR", "SPORT", 152, "BENSIN", 2, 2, "LBB", "162FMJ"},
      {"DATSUN", "GO PANCA 1.2 T", "MB PENUMPANG", "MINIBUS", 1198, "BENSIN", 4, 2, "MHB", "HR12"},
      {"UD TRUCKS", "QUESTER CWE 280", "MB BARANG", "TRACTOR HEAD", 7698, "SOLAR", 10, 3, "MJN",
       "GH8E"},
  };
  return v;
}
const std::vector<std::string>& HeldoutColours() {
  static const std::vector<std::string> v = {"HIJAU TOSCA", "BIRU DONGKER", "MERAH MARUN METALIK",
                                             "KREM", "PUTIH SUSU"};
  return v;
}
const std::vector<std::string>& HeldoutOccupations() {
  static const std::vector<std::string> v = {"SENIMAN", "APOTEKER", "PILOT", "MEKANIK"};
  return v;
}
// (Not in ref/street_names.txt either, nor close to a name there.)
const std::vector<std::string>& HeldoutStreetNames() {
  static const std::vector<std::string> v = {"SRIWIJAYA",     "MAJAPAHIT", "CENDANA",
                                             "KELAPA GADING", "WARINGIN",  "TUANKU TAMBUSAI",
                                             "SILIWANGI"};
  return v;
}

const std::vector<std::string>& CompanyWords() {
  static const std::vector<std::string> v = {
      "MAJU",     "JAYA",   "ABADI",   "SENTOSA",  "MAKMUR",       "SEJAHTERA", "PRIMA",
      "MANDIRI",  "BERKAH", "UTAMA",   "KARYA",    "SUMBER",       "REZEKI",    "NUSANTARA",
      "INDO",     "MULTI",  "GLOBAL",  "PERKASA",  "ANUGRAH",      "SINAR",     "BINTANG",
      "CAHAYA",   "MITRA",  "SARANA",  "LOGISTIK", "TRANSPORTASI", "NIAGA",     "PERSADA",
      "GEMILANG", "BUANA",  "LESTARI", "TEKNIK"};
  return v;
}
const std::vector<std::string>& StreetNames() {
  static const std::vector<std::string> v = {"MAWAR",
                                             "MELATI",
                                             "SUDIRMAN",
                                             "GATOT SUBROTO",
                                             "RAYA BOGOR",
                                             "H. ABDUL GANI",
                                             "MERDEKA",
                                             "DIPONEGORO",
                                             "KH. HASYIM ASHARI",
                                             "PEMUDA",
                                             "PAHLAWAN",
                                             "AHMAD YANI",
                                             "SISINGAMANGARAJA",
                                             "GAJAH MADA",
                                             "HAYAM WURUK",
                                             "KENANGA",
                                             "ANGGREK",
                                             "DAHLIA",
                                             "CEMPAKA",
                                             "FLAMBOYAN",
                                             "RAYA SERANG",
                                             "BANGKA RAYA",
                                             "KEBON JERUK",
                                             "PANGLIMA POLIM",
                                             "IMAM BONJOL",
                                             "SULTAN AGUNG",
                                             "TERUSAN JAKARTA",
                                             "RAYA KALIMALANG",
                                             "SWADAYA",
                                             "MANGGA DUA",
                                             "PERINTIS KEMERDEKAAN"};
  return v;
}

std::string Pad(int v, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%0*d", width, v);
  return buf;
}

int DaysIn(int month, int year) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return 29;
  return d[month - 1];
}

std::string Thousands(int v) {
  const std::string digits = std::to_string(v);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return out;
}

std::string CountWord(int n) {
  static const char* w[] = {"NOL",  "SATU",  "DUA",     "TIGA",     "EMPAT",  "LIMA",
                            "ENAM", "TUJUH", "DELAPAN", "SEMBILAN", "SEPULUH"};
  return std::to_string(n) + " (" + (n >= 0 && n <= 10 ? w[n] : "") + ")";
}

// Packs address parts into at most `max_lines` lines of about `width` characters.
std::vector<std::string> Pack(const std::vector<std::string>& parts, size_t width,
                              size_t max_lines) {
  std::vector<std::string> lines;
  for (const auto& p : parts) {
    if (!lines.empty() && lines.back().size() + 1 + p.size() <= width)
      lines.back() += " " + p;
    else
      lines.push_back(p);
  }
  while (lines.size() > max_lines) {  // merge the two shortest neighbours
    size_t best = 0;
    for (size_t i = 0; i + 1 < lines.size(); ++i)
      if (lines[i].size() + lines[i + 1].size() < lines[best].size() + lines[best + 1].size())
        best = i;
    lines[best] += " " + lines[best + 1];
    lines.erase(lines.begin() + best + 1);
  }
  return lines;
}

FieldValue Single(const std::string& field, const std::string& printed) {
  return FieldValue{field, {printed}, Normalise(printed)};
}

std::string PersonName(const RefData& ref, Rng& rng) {
  std::string name;
  double r = rng.Unit();
  if (r < 0.08)
    name = "M ";
  else if (r < 0.12)
    name = "MUH. ";
  else if (r < 0.16)
    name = "H. ";
  else if (r < 0.18)
    name = "HJ. ";
  else if (r < 0.20)
    name = "IR. ";
  else if (r < 0.22)
    name = "DRS. ";
  int given = rng.Int(1, 3);
  for (int i = 0; i < given; ++i) name += rng.Pick(ref.given_names) + " ";
  if (rng.Chance(0.5)) name += rng.Pick(ref.family_names);
  name = Normalise(name);
  if (name.size() > 34) name = name.substr(0, name.rfind(' ', 34));
  return name;
}

std::string CompanyName(Rng& rng) {
  std::string name = rng.Chance(0.8) ? "PT. " : "CV. ";
  int words = rng.Int(2, 3);
  for (int i = 0; i < words; ++i) name += rng.Pick(CompanyWords()) + " ";
  if (rng.Chance(0.1)) name += "TBK";
  return Normalise(name);
}

struct Date {
  int d, m, y;
};
Date RandomDate(Rng& rng, int y0, int y1) {
  Date t;
  t.y = rng.Int(y0, y1);
  t.m = rng.Int(1, 12);
  t.d = rng.Int(1, DaysIn(t.m, t.y));
  return t;
}

}  // namespace

const FieldValue* Record::Find(const std::string& field) const {
  for (const auto& f : fields)
    if (f.field == field) return &f;
  return nullptr;
}

std::string Normalise(const std::string& printed) {
  std::string out;
  bool space = false;
  for (unsigned char c : printed) {
    if (c == ' ' || c == '\t' || c == '\n') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>((c >= 'a' && c <= 'z') ? c - 32 : c);
  }
  return out;
}

const char* SplitName(Split split) {
  return split == Split::kHeldout ? "heldout" : split == Split::kValidation ? "validation" : "tune";
}

bool ParseSplit(const std::string& name, Split* split) {
  for (Split s : {Split::kTune, Split::kValidation, Split::kHeldout}) {
    if (name == SplitName(s)) {
      *split = s;
      return true;
    }
  }
  return false;
}

char VinYearCode(int year) {
  // 1980..2000 = A..Y and 2001..2009 = 1..9, 2010.. = A.. again (no I O Q U Z 0).
  static const char* codes = "ABCDEFGHJKLMNPRSTVWXY123456789";
  int i = (year - 1980) % 30;
  if (i < 0) i += 30;
  return codes[i];
}

const std::vector<std::string>& LineFields() {
  static const std::vector<std::string> f = {"nomor_polisi",
                                             "merek",
                                             "tipe",
                                             "jenis",
                                             "model",
                                             "tahun_pembuatan",
                                             "isi_silinder",
                                             "warna",
                                             "no_rangka",
                                             "no_mesin",
                                             "bahan_bakar",
                                             "jumlah_sumbu",
                                             "jumlah_roda",
                                             "nama_pemilik",
                                             "pekerjaan",
                                             "alamat",
                                             "no_id",
                                             "lokasi_dikeluarkan",
                                             "tanggal_dikeluarkan",
                                             "nomor_bpkb",
                                             "warna_tnkb",
                                             "no_telepon"};
  return f;
}

Record MakeOwnerRecord(const RefData& ref, Split split, Rng& rng, bool new_edition) {
  Record rec;
  const bool company = rng.Chance(0.15);
  rec.fields.push_back(Single("nama_pemilik", company ? CompanyName(rng) : PersonName(ref, rng)));

  // Occupation: blank for companies and on some books.
  FieldValue job{"pekerjaan", {}, ""};
  if (!company && rng.Chance(0.85)) {
    const auto& jobs =
        (split == Split::kHeldout && rng.Chance(0.15)) ? HeldoutOccupations() : ref.occupations;
    job = Single("pekerjaan", rng.Pick(jobs));
  }
  rec.fields.push_back(job);

  // Address from one real district and one of its villages.
  const District& dist = rng.Pick(ref.districts);
  const Regency& reg = ref.regencies[dist.regency];
  const std::string& village = rng.Pick(dist.villages);
  std::vector<std::string> parts;
  double s = rng.Unit();
  if (s < 0.55) {
    auto street_name = [&] {
      return (split == Split::kHeldout && rng.Chance(0.15)) ? rng.Pick(HeldoutStreetNames())
                                                            : rng.Pick(StreetNames());
    };
    std::string street = "JL. " + street_name();
    if (rng.Chance(0.25)) street += " GG. " + street_name();
    street += rng.Chance(0.5) ? " NO. " : " NO.";
    street += std::to_string(rng.Int(1, 250));
    if (rng.Chance(0.1)) street += rng.PickChar("ABCD");
    parts.push_back(street);
  } else if (s < 0.75) {
    parts.push_back("KP. " + rng.Pick(dist.villages));
  } else if (s < 0.9) {
    parts.push_back("PERUM " + rng.Pick(CompanyWords()) + " " + rng.Pick(CompanyWords()) +
                    " BLOK " + rng.PickChar("ABCDEFGH") + std::to_string(rng.Int(1, 20)) + " NO. " +
                    std::to_string(rng.Int(1, 40)));
  } else {
    parts.push_back("DUSUN " + rng.Pick(dist.villages));
  }
  int rt = rng.Int(1, 20), rw = rng.Int(1, 15);
  switch (rng.Int(0, 3)) {
    case 0:
      parts.push_back("RT. " + Pad(rt, 3) + " RW. " + Pad(rw, 3));
      break;
    case 1:
      parts.push_back("RT " + Pad(rt, 3) + " RW " + Pad(rw, 3));
      break;
    case 2:
      parts.push_back("RT." + Pad(rt, 3) + "/RW." + Pad(rw, 3));
      break;
    default:
      parts.push_back("RT " + Pad(rt, 2) + "/" + Pad(rw, 2));
      break;
  }
  parts.push_back((reg.city || rng.Chance(0.5) ? "KEL. " : "DS. ") + village);
  parts.push_back("KEC. " + dist.name);
  parts.push_back(reg.city ? (rng.Chance(0.5) ? "KOTA " + reg.name : reg.name)
                           : (rng.Chance(0.6) ? "KAB. " + reg.name : reg.name));
  FieldValue addr{"alamat", Pack(parts, static_cast<size_t>(rng.Int(30, 40)), rng.Int(2, 3)), ""};
  std::string joined;
  for (const auto& l : addr.printed) joined += l + " ";
  addr.truth = Normalise(joined);
  rec.fields.push_back(addr);

  // Identity number: a NIK from the owner's district (most), else an old KTP or TDP.
  std::string id;
  const District& nik_dist = rng.Chance(0.7) ? dist : rng.Pick(ref.districts);
  if (company) {
    id = Pad(rng.Int(1, 34), 2) + "." + Pad(rng.Int(1, 99), 2) + "." +
         std::to_string(rng.Int(1, 5)) + "." + Pad(rng.Int(1, 99), 2) + "." + rng.Digits(5);
  } else if (rng.Chance(0.88)) {
    std::string code;
    for (char c : nik_dist.code)
      if (c != '.') code += c;
    Date b = RandomDate(rng, 1950, 2004);
    int day = b.d + (rng.Chance(0.4) ? 40 : 0);
    id = code + Pad(day, 2) + Pad(b.m, 2) + Pad(b.y % 100, 2) + Pad(rng.Int(1, 2999), 4);
  } else {
    id = Pad(rng.Int(1, 34), 2) + "." + rng.Digits(4) + "." + rng.Digits(6) + "." + rng.Digits(4);
  }
  rec.fields.push_back(Single("no_id", id));

  // Issue place and date.
  const Regency& issue = rng.Chance(0.6) ? reg : ref.regencies[rng.Pick(ref.districts).regency];
  rec.fields.push_back(Single("lokasi_dikeluarkan", issue.name));
  Date t = RandomDate(rng, 2003, 2025);
  std::string printed;
  double f = rng.Unit();
  if (f < 0.7)
    printed = std::to_string(t.d) + " - " + std::to_string(t.m) + " - " + std::to_string(t.y);
  else if (f < 0.85)
    printed = Pad(t.d, 2) + " - " + Pad(t.m, 2) + " - " + std::to_string(t.y);
  else
    printed = Pad(t.d, 2) + "-" + Pad(t.m, 2) + "-" + std::to_string(t.y);
  rec.fields.push_back(FieldValue{"tanggal_dikeluarkan",
                                  {printed},
                                  Pad(t.d, 2) + "-" + Pad(t.m, 2) + "-" + std::to_string(t.y)});

  std::string serial = std::string(1, rng.PickChar("FGHIJKLMNP")) + "-" + rng.Digits(8);
  rec.fields.push_back(Single("nomor_bpkb", serial));
  if (new_edition && !company && rng.Chance(0.6))
    rec.fields.push_back(
        Single("no_telepon", "08" + std::to_string(rng.Int(11, 99)) + rng.Digits(rng.Int(6, 8))));
  return rec;
}

Record MakeVehicleRecord(const RefData& ref, Split split, Rng& rng, bool new_edition) {
  Record rec;
  const VehicleSpec& v = (split == Split::kHeldout && rng.Chance(0.12))
                             ? rng.Pick(HeldoutVehicles())
                             : rng.Pick(ref.vehicles);

  // Plate: Jakarta's B is most common; Jakarta suffixes are mostly three letters.
  std::string region = rng.Chance(0.35) ? "B" : rng.Pick(ref.plate_regions);
  int ndig = static_cast<int>(rng.Weighted({0.05, 0.1, 0.3, 0.55})) + 1;
  std::string digits = std::to_string(rng.Int(1, 9)) + rng.Digits(ndig - 1);
  int nsuf = region == "B" ? static_cast<int>(rng.Weighted({0.02, 0.08, 0.3, 0.6}))
                           : static_cast<int>(rng.Weighted({0.05, 0.25, 0.6, 0.1}));
  std::string suffix;
  for (int i = 0; i < nsuf; ++i) suffix += rng.PickChar("ABCDEFGHJKLMNPQRSTUVWXYZ");
  std::string plate = region + " " + digits + (suffix.empty() ? "" : " " + suffix);
  rec.fields.push_back(Single("nomor_polisi", plate));
  rec.fields.push_back(Single("merek", v.brand));

  // Type: wraps to the next line when long, on some printers.
  FieldValue tipe{"tipe", {v.tipe}, v.tipe};
  if (v.tipe.size() > 14 && rng.Chance(0.35)) {
    size_t cut = v.tipe.rfind(' ', v.tipe.size() / 2 + 4);
    if (cut != std::string::npos && cut > 3)
      tipe.printed = {v.tipe.substr(0, cut), v.tipe.substr(cut + 1)};
  }
  rec.fields.push_back(tipe);
  rec.fields.push_back(Single("jenis", v.jenis));
  rec.fields.push_back(Single("model", v.model));
  int year = v.motorcycle() ? rng.Int(2005, 2025) : rng.Int(1998, 2025);
  rec.fields.push_back(Single("tahun_pembuatan", std::to_string(year)));
  rec.fields.push_back(Single("isi_silinder", Thousands(v.cc) + " CC"));
  const auto& colours =
      (split == Split::kHeldout && rng.Chance(0.12)) ? HeldoutColours() : ref.colours;
  rec.fields.push_back(Single("warna", rng.Pick(colours)));

  // VIN: WMI, 5 descriptor characters, a check character, the year code, plant, serial.
  const std::string vin_chars = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
  std::string vin = v.wmi;
  for (int i = 0; i < 5; ++i) vin += rng.PickChar(vin_chars);
  vin += rng.PickChar("0123456789X");
  vin += VinYearCode(year);
  vin += rng.PickChar(vin_chars);
  vin += rng.Digits(6);
  rec.fields.push_back(Single("no_rangka", vin));

  std::string engine = v.engine_prefix;
  if (rng.Chance(0.4)) engine += rng.PickChar("ABCDEFGHJKLMNPRSTUVWXYZ");
  if (rng.Chance(0.3)) engine += rng.PickChar("ABCDEFGHJKLMNPRSTUVWXYZ");
  engine += rng.Digits(rng.Int(5, 7));
  if (engine.size() > 16) engine.resize(16);
  rec.fields.push_back(Single("no_mesin", engine));
  rec.fields.push_back(Single("bahan_bakar", v.fuel));
  rec.fields.push_back(Single("jumlah_sumbu", CountWord(v.axles)));
  rec.fields.push_back(Single("jumlah_roda", CountWord(v.wheels)));
  if (new_edition && rng.Chance(0.7)) {
    rec.fields.push_back(Single("warna_tnkb", year >= 2022      ? "PUTIH"
                                              : rng.Chance(0.9) ? "HITAM"
                                                                : "KUNING"));
  }
  return rec;
}

}  // namespace bpkb::synth
