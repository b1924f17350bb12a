#include "synth/labels.h"

namespace bpkb::synth {

const std::vector<FieldLabel>& OwnerLabels() {
  static const std::vector<FieldLabel> l = {
      {"nama_pemilik", "Nama Pemilik", "", {}},
      {"pekerjaan", "Pekerjaan", "", {}},
      {"alamat", "Alamat", "", {}},
      {"no_id", "No. KTP/TDP", "", {"No. KTP", "Nomor KTP/KITAS/TDP"}},
      {"lokasi_dikeluarkan", "Dikeluarkan di", "", {}},
      {"tanggal_dikeluarkan", "Pada Tanggal", "", {}},
      {"alamat_email", "Alamat Email", "", {}},
      {"no_telepon", "No. Telepon", "", {}},
  };
  return l;
}

const std::vector<FieldLabel>& VehicleLabels() {
  static const std::vector<FieldLabel> l = {
      {"nomor_polisi", "Nomor Registrasi", "Vehicle Registration Number", {}},
      {"merek", "Merek", "Brand", {"Merk"}},
      {"tipe", "Type", "Type", {}},
      {"jenis", "Jenis", "Category", {}},
      {"model", "Model", "Model", {}},
      {"tahun_pembuatan", "Tahun Pembuatan", "Manufacture Year", {}},
      {"isi_silinder", "Isi Silinder", "Cylinder Capacity", {}},
      {"warna", "Warna", "Color", {}},
      {"no_rangka", "Nomor Rangka/NIK/VIN", "Vehicle Identity Number", {}},
      {"no_mesin", "Nomor Mesin", "Engine Number", {}},
      {"bahan_bakar", "Bahan Bakar", "Type Fuel", {}},
      {"jumlah_sumbu", "Jumlah Sumbu", "Number of Axis", {}},
      {"jumlah_roda", "Jumlah Roda", "Number of Wheels", {}},
      {"warna_tnkb", "Warna TNKB", "Plate Color", {}},
  };
  return l;
}

const FieldLabel* LabelFor(const std::string& field) {
  for (const auto* list : {&OwnerLabels(), &VehicleLabels()})
    for (const auto& l : *list)
      if (l.field == field) return &l;
  return nullptr;
}

bool IsVehicleField(const std::string& field) {
  for (const auto& l : VehicleLabels())
    if (l.field == field) return true;
  return false;
}

}  // namespace bpkb::synth
