#include "bpkb/page_kind.h"

namespace bpkb {

std::string_view PageKindName(PageKind kind) {
  switch (kind) {
    case PageKind::kIk: return "ik";
    case PageKind::kIp: return "ip";
    case PageKind::kUnknown: break;
  }
  return "unknown";
}

std::optional<PageKind> ParsePageKind(std::string_view name) {
  if (name == "ik") return PageKind::kIk;
  if (name == "ip") return PageKind::kIp;
  if (name == "unknown" || name == "auto") return PageKind::kUnknown;
  return std::nullopt;
}

const std::vector<std::string>& RequiredFields(PageKind kind) {
  static const std::vector<std::string> ik = {
      "nomor_polisi", "merek",          "tipe",     "jenis",        "model",
      "tahun_pembuatan", "isi_silinder", "warna",   "no_rangka",    "no_mesin",
      "bahan_bakar",  "jumlah_sumbu",   "jumlah_roda"};
  static const std::vector<std::string> ip = {
      "nama_pemilik",       "pekerjaan",           "alamat",    "no_id",
      "lokasi_dikeluarkan", "tanggal_dikeluarkan", "nomor_bpkb"};
  static const std::vector<std::string> none;
  if (kind == PageKind::kIk) return ik;
  if (kind == PageKind::kIp) return ip;
  return none;
}

const std::vector<std::string>& OptionalFields(PageKind kind) {
  static const std::vector<std::string> ik = {"warna_tnkb", "kategori"};
  static const std::vector<std::string> ip = {"alamat_email", "no_telepon"};
  static const std::vector<std::string> none;
  if (kind == PageKind::kIk) return ik;
  if (kind == PageKind::kIp) return ip;
  return none;
}

}  // namespace bpkb
