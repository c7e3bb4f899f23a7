#pragma once
// Scenario text written to a fresh temporary file, for tests of reading and errors.

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "sim/core/temporary_folder.hpp"

namespace policysim::scenario::testing {

/// The repository's region data.
inline std::filesystem::path data_dir() {
  return std::filesystem::path(POLICYSIM_SOURCE_DIR) / "scenarios" / "data";
}

/// Writes `text` (byte for byte) to a new file in a per-process temporary folder, removed at exit.
inline std::filesystem::path write_temp(std::string_view text, std::string_view name = "s.yaml") {
  static const core::TemporaryFolder folder("scenario-test");
  static std::atomic<int> counter{0};
  const auto dir = folder / std::to_string(counter++);
  std::filesystem::create_directories(dir);
  auto path = dir / name;
  std::ofstream(path, std::ios::binary)
      .write(text.data(), static_cast<std::streamsize>(text.size()));
  return path;
}

/// A scenario file: `body` followed by a data_dir line pointing at the repository's data, so the
/// line numbers of `body` are those of the file.
inline std::filesystem::path write_scenario(std::string_view body) {
  std::string text(body);
  if (!text.empty() && text.back() != '\n') text += '\n';
  text += "data_dir: \"" + data_dir().string() + "\"\n";
  return write_temp(text);
}

/// A scenario `base` (as write_scenario writes it) and, beside it, a variant: `body` after the
/// line `extends: s.yaml`, so the body's first line is line 2. Returns the variant's path.
inline std::filesystem::path write_variant(std::string_view base, std::string_view body) {
  auto variant = write_scenario(base).parent_path() / "variant.yaml";
  std::ofstream(variant) << "extends: s.yaml\n" << body;
  return variant;
}

}  // namespace policysim::scenario::testing
