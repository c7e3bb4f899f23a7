// `policysim validate FILE...`: parse and check scenarios without running them.

#include <filesystem>
#include <iostream>
#include <memory>

#include "sim/cli/commands.hpp"
#include "sim/cli/exit_codes.hpp"
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
      int code = kOk;
      for (const auto& file : *files) {
        if (!std::filesystem::is_regular_file(file)) {
          std::cerr << file.string()
                    << (std::filesystem::exists(file) ? ": not a regular file" : ": no such file")
                    << " (give the path of a scenario YAML file)\n";
          code = code == kOk ? kMissingInput : code;
          continue;
        }
        try {
          const auto loaded = scenario::load_scenario(file);
          std::cout << file.string() << ": ok: " << scenario::describe(loaded) << '\n';
        } catch (const scenario::ScenarioError& e) {
          std::cerr << e.what() << '\n';
          code = kBadScenario;
        }
      }
      return code;
    };
  });
}

}  // namespace policysim::cli
