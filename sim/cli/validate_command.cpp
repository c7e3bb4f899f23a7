// `policysim validate FILE...`: parse and check scenarios without running them.

#include <filesystem>
#include <iostream>
#include <memory>

#include "sim/cli/commands.hpp"
#include "sim/core/exit_codes.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_error.hpp"

namespace policysim::cli {

void add_validate_command(CLI::App& app, Action& action) {
  auto* command = app.add_subcommand(
      "validate",
      "Check scenario files: exit 0 with a one-line summary each, or 65 with every error");
  auto files = std::make_shared<std::vector<std::filesystem::path>>();
  command->add_option("scenario", *files, "Scenario YAML files")->required();
  command->callback([&action, files] {
    action = [files] {
      // Every file is checked; the exit code is that of the first file that failed.
      int code = core::kOk;
      for (const auto& file : *files) {
        try {
          const auto loaded = scenario::load_scenario(file);
          for (const auto& warning : loaded.warnings) std::cerr << warning.str() << '\n';
          std::cout << file.string() << ": ok: " << scenario::describe(loaded) << '\n';
        } catch (const scenario::MissingInputError& e) {
          std::cerr << e.what() << '\n';
          code = code == core::kOk ? core::kMissingInput : code;
        } catch (const scenario::ScenarioError& e) {
          std::cerr << e.what() << '\n';
          code = code == core::kOk ? core::kBadScenario : code;
        }
      }
      return code;
    };
  });
}

}  // namespace policysim::cli
