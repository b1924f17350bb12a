// RefData: the dictionaries the value generators draw from. Closed vocabularies
// live as plain files under ref/ (shared with the reader's field grammars); the
// regions (provinces, regencies, districts, villages with codes) come from the
// pinned npm package idn-area-data. Loaded once per process, read-only after.
#pragma once

#include <string>
#include <vector>

namespace bpkb::synth {

struct VehicleSpec {
  std::string brand, tipe, jenis, model;
  int cc = 0;
  std::string fuel;
  int wheels = 4, axles = 2;
  std::string wmi, engine_prefix;
  bool motorcycle() const { return jenis == "SEPEDA MOTOR"; }
};

struct Regency {
  std::string code;   // "31.75"
  std::string name;   // uppercase, without KOTA/KABUPATEN
  bool city = false;  // a kota (else a kabupaten)
};

struct District {
  std::string code;                   // "31.75.04"
  std::string name;                   // uppercase
  int regency = 0;                    // index into RefData::regencies
  std::vector<std::string> villages;  // uppercase names
};

struct RefData {
  std::vector<VehicleSpec> vehicles;
  std::vector<std::string> colours, occupations, given_names, family_names;
  std::vector<std::string> plate_regions;
  std::vector<Regency> regencies;
  std::vector<District> districts;

  // Loads from `root` (the source tree: ref/ and node_modules/idn-area-data).
  // Returns "" on success, else what is missing.
  std::string Load(const std::string& root);
  // The process-wide instance, loaded on first use (thread-safe); aborts with a
  // message when the files are missing, since nothing can be generated without them.
  static const RefData& Get(const std::string& root);
};

}  // namespace bpkb::synth
