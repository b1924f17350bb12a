// Helpers for the synth tests: run the built bpkb-ocr-synth into a fresh temporary
// folder and read its outputs.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace bpkb::synth::testing {

inline std::string FreshDir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("bpkb-synth-test-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

inline int RunSynth(const std::string& args) {
  std::string cmd = std::string(BPKB_BINARY_DIR) + "/bpkb-ocr-synth " + args + " 2>&1";
  return std::system(cmd.c_str());
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

}  // namespace bpkb::synth::testing
