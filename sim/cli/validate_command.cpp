// `policysim validate FILE...`: parse and check scenarios without running them.

#include <filesystem>
#include <iostream>
#include <memory>
#include <ostream>

#include "sim/cli/commands.hpp"
#include "sim/core/exit_codes.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_error.hpp"

namespace policysim::cli {
namespace {

/// A variant's changes from the file it extends, indented under its summary line.
void print_changes(const scenario::Scenario& variant, std::ostream& out) {
  out << "  changes from " << variant.source_files[1].string() << ":";
  if (variant.changes_from_base.empty()) out << " none";
  out << '\n';
  for (const auto& change : variant.changes_from_base) out << "    " << change << '\n';
}

}  // namespace

void add_validate_command(CLI::App& app, Action& action) {
  auto* command = app.add_subcommand(
      "validate",
      "Check scenario files: exit 0 with a one-line summary each (and, for a variant, what it "
      "changes from the file it extends), or 65 with every error");
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
          if (loaded.source_files.size() > 1) print_changes(loaded, std::cout);
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
