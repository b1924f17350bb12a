// The closed and open vocabularies of the BPKB fields: brands, jenis, models,
// colours, fuels, occupations, categories, plate colours and plate region codes.
// A built-in core (what real books print) is merged with the reference lists in
// <root>/ref/ (root = bpkb::ResolveRoot()) when they exist. Loaded once on first
// use, thread-safe; read-only afterwards.
#pragma once

#include <string>
#include <vector>

namespace bpkb::fields {

// Who makes vehicles under a World Manufacturer Identifier (ref/vehicles.tsv,
// ref/vin_wmis.tsv): the brand printed as merek, and whether the identifier is
// one of the maker's motorcycle or car plants (-1: not known, both).
struct WmiMaker {
  std::string wmi;
  std::string brand;
  int motorcycle = -1;
};

struct Lexicons {
  std::vector<std::string> brands;
  std::vector<std::string> types;  // vehicle types seen in the reference lists
  std::vector<std::string> jenis;
  std::vector<std::string> models;
  std::vector<std::string> motorcycle_models;  // models only a SEPEDA MOTOR has
  std::vector<std::string> colours;            // whole printed colour values
  std::vector<std::string> colour_words;       // words a colour value is made of
  std::vector<std::string> fuels;
  std::vector<std::string> occupations;
  std::vector<std::string> categories;  // kategori
  std::vector<std::string> plate_colours;
  std::vector<std::string> plate_regions;  // region letters of a plate: B, D, AB, ...
  std::vector<std::string> name_words;     // common given and family names (open)
  std::vector<std::string> street_names;   // common street names (open)
  std::vector<std::string> vin_wmis;       // world manufacturer identifiers: MH1, MHF, KNA
  std::vector<WmiMaker> wmi_makers;        // the brands behind them (where listed)
};

const Lexicons& GetLexicons();

// One of the common given and family names (name_words).
bool IsListedName(const std::string& word);

// "SATU", "DUA", ... for 1..99 (Indonesian number words as printed after the
// number of axles/wheels); "" outside that range.
std::string NumberWord(int n);

}  // namespace bpkb::fields
