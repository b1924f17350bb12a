// Value generators: one realistic, self-consistent record per page (BPKB.md).
// Each field keeps both what the printer put on the page (one or more lines, e.g.
// a date as "1 - 7 - 2011", an address over three lines) and the value the API
// must return (normalised: uppercase, collapsed spaces, dates DD-MM-YYYY).
#pragma once

#include <string>
#include <vector>

#include "synth/ref_data.h"
#include "synth/rng.h"

namespace bpkb::synth {

// Tune pages: train faces, milder distortions. Validation pages: validation faces
// and the held-out distortions, with the tune values: to choose between models
// on data like the held-out pages without looking at them. Held-out pages: held-out
// faces and distortions, and some values that are not in ref/.
enum class Split { kTune, kValidation, kHeldout };
const char* SplitName(Split split);  // "tune", "validation", "heldout"
// The split SplitName calls `name`; false (and *split untouched) for another name.
bool ParseSplit(const std::string& name, Split* split);

struct FieldValue {
  std::string field;                 // API field name
  std::vector<std::string> printed;  // printed lines, top to bottom; empty = blank
  std::string truth;                 // the normalised expected value
};

struct Record {
  std::vector<FieldValue> fields;  // in page order
  const FieldValue* Find(const std::string& field) const;
};

// The owner page (IP): nama_pemilik, pekerjaan, alamat, no_id, lokasi_dikeluarkan,
// tanggal_dikeluarkan, nomor_bpkb (+ optional alamat_email, no_telepon).
Record MakeOwnerRecord(const RefData& ref, Split split, Rng& rng, bool new_edition);
// The vehicle page (IK): the 13 numbered fields (+ optional warna_tnkb, kategori).
Record MakeVehicleRecord(const RefData& ref, Split split, Rng& rng, bool new_edition);

// Helpers shared with tests and the reader-facing checks.
char VinYearCode(int year);                         // the VIN's 10th character for a model year
std::string Normalise(const std::string& printed);  // uppercase, collapse spaces, trim
// All value field names that line mode can draw.
const std::vector<std::string>& LineFields();

}  // namespace bpkb::synth
