#include "scenario_text_check.hpp"

#include <stdlib.h>

#include <cerrno>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <system_error>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_error.hpp"

namespace policysim::scenario::fuzzing {
namespace {

/// A fresh temporary folder linking scenarios/*.yaml and scenarios/data; removed at exit.
class ScenarioFolder {
 public:
  ScenarioFolder() {
    std::string name = (std::filesystem::temp_directory_path() / "policysim_fuzz_XXXXXX").string();
    if (::mkdtemp(name.data()) == nullptr) {
      throw std::system_error(errno, std::generic_category(), "mkdtemp " + name);
    }
    path_ = name;
    const std::filesystem::path shipped = std::filesystem::path(POLICYSIM_SOURCE_DIR) / "scenarios";
    for (const auto& entry : std::filesystem::directory_iterator(shipped)) {
      std::filesystem::create_symlink(entry.path(), path_ / entry.path().filename());
    }
  }
  ~ScenarioFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScenarioFolder(const ScenarioFolder&) = delete;
  ScenarioFolder& operator=(const ScenarioFolder&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace

void check_scenario_text(std::string_view text) {
  static const ScenarioFolder folder;
  const auto file = folder.path() / "input.yaml";
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out) throw std::runtime_error("cannot write " + file.string());
  }
  try {
    const Scenario scenario = load_scenario(file);
    (void)describe(scenario);  // what `validate` prints for a valid file
  } catch (const ScenarioError&) {
    // The expected answer to bad text.
  }
}

}  // namespace policysim::scenario::fuzzing
