#include "scenario_text_check.hpp"

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "sim/core/temporary_folder.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_error.hpp"

namespace policysim::scenario::fuzzing {
namespace {

/// A fresh temporary folder linking scenarios/*.yaml and scenarios/data, so that an input may
/// extend a shipped scenario; removed at exit.
class ScenarioFolder {
 public:
  ScenarioFolder() : folder_("fuzz") {
    const std::filesystem::path shipped = std::filesystem::path(POLICYSIM_SOURCE_DIR) / "scenarios";
    for (const auto& entry : std::filesystem::directory_iterator(shipped)) {
      std::filesystem::create_symlink(entry.path(), folder_ / entry.path().filename().string());
    }
  }

  const std::filesystem::path& path() const { return folder_.path(); }

 private:
  core::TemporaryFolder folder_;
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
