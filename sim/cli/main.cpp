// policysim: the command line. main() wires the subcommands and turns errors into exit codes;
// each subcommand lives in its own file and does its work through runner/ and store/.

#include <CLI/CLI.hpp>

#include <iostream>
#include <string>

#include "sim/cli/commands.hpp"
#include "sim/cli/error_report.hpp"
#include "sim/cli/suggestions.hpp"
#include "sim/core/exit_codes.hpp"

// Outside the try blocks below only the command line is built, from fixed definitions: an exception
// there is a bug, which std::terminate shows.
// NOLINTNEXTLINE(bugprone-exception-escape)
int main(int argc, char** argv) {
  using namespace policysim::cli;
  CLI::App app{
      "policysim: agent-based simulation of reform diffusion and nationalist resistance.\n"
      "Data go to files; logs, progress and errors go to stderr."};
  app.require_subcommand(1);
  Action action;
  add_run_command(app, action);
  add_compare_command(app, action);
  add_sweep_command(app, action);
  add_calibrate_command(app, action);
  add_merge_command(app, action);
  add_reproduce_command(app, action);
  add_validate_command(app, action);
  add_export_command(app, action);
  add_report_command(app, action);
  add_list_command(app, action);
  add_bench_command(app, action);
  add_version_command(app, action);

  // Before CLI11 parses: given `plot --help` (no such command), it would print the main help and
  // succeed.
  if (const std::string unknown = unknown_subcommand_message(app, argc, argv); !unknown.empty()) {
    std::cerr << "policysim: " << unknown << '\n';
    return policysim::core::kUsage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ExtrasError& e) {
    const std::string unknown = unknown_option_message(app);
    if (unknown.empty()) return app.exit(e) == 0 ? policysim::core::kOk : policysim::core::kUsage;
    std::cerr << unknown << '\n';
    return policysim::core::kUsage;
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // prints help or the usage error
    return code == 0 ? policysim::core::kOk : policysim::core::kUsage;
  }

  try {
    return action();
  } catch (...) {
    return report_current_exception();
  }
}
