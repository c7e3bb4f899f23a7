// Replays files through the fuzz target's entry point with the ordinary build: the fuzzer's
// findings (tests/fuzz/regressions) and the shipped scenarios must each end normally or in a
// ScenarioError. Usage: scenario_replay FILE_OR_FOLDER...

#include <algorithm>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "scenario_text_check.hpp"

namespace {

std::vector<std::filesystem::path> files_in(const std::filesystem::path& path) {
  if (!std::filesystem::is_directory(path)) return {path};
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(path)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: scenario_replay FILE_OR_FOLDER...\n";
    return 64;
  }
  int replayed = 0, failed = 0;
  for (int i = 1; i < argc; ++i) {
    for (const auto& file : files_in(argv[i])) {
      std::ifstream in(file, std::ios::binary);
      if (!in) {
        std::cerr << "FAIL " << file.string() << ": cannot read it\n";
        ++failed;
        continue;
      }
      const std::string text((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
      try {
        policysim::scenario::fuzzing::check_scenario_text(text);
      } catch (const std::exception& e) {
        std::cerr << "FAIL " << file.string() << ": " << e.what() << '\n';
        ++failed;
      }
      ++replayed;
    }
  }
  std::cout << replayed << " inputs replayed, " << failed << " failed\n";
  return failed == 0 && replayed > 0 ? 0 : 1;
}
