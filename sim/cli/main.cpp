// policysim: the command line. main() wires the subcommands and turns errors into exit codes;
// each subcommand lives in its own file and does its work through runner/ and store/.

#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>

#include "sim/cli/commands.hpp"
#include "sim/cli/exit_codes.hpp"
#include "sim/runner/usage_error.hpp"
#include "sim/scenario/scenario_error.hpp"
#include "sim/store/store_error.hpp"

int main(int argc, char** argv) {
  using namespace policysim::cli;
  CLI::App app{
      "policysim: agent-based simulation of reform diffusion and nationalist resistance.\n"
      "Data go to files; logs, progress and errors go to stderr."};
  app.require_subcommand(1);
  Action action;
  add_run_command(app, action);
  add_compare_command(app, action);
  add_validate_command(app, action);
  add_export_command(app, action);
  add_report_command(app, action);
  add_bench_command(app, action);
  add_version_command(app, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // prints help or the usage error
    return code == 0 ? kOk : kUsage;
  }

  try {
    return action();
  } catch (const policysim::scenario::ScenarioError& e) {
    std::cerr << e.what() << '\n';
    return kBadScenario;
  } catch (const policysim::runner::UsageError& e) {
    std::cerr << "policysim: " << e.what() << '\n';
    return kUsage;
  } catch (const policysim::store::StoreError& e) {
    std::cerr << "policysim: " << e.what() << '\n';
    return e.exit_code();
  } catch (const std::filesystem::filesystem_error& e) {
    std::cerr << "policysim: " << e.what() << '\n';
    return kIoError;
  } catch (const std::exception& e) {
    std::cerr << "policysim: internal error: " << e.what()
              << "\nThis is a bug in policysim; please report it with the command you ran.\n";
    return kInternal;
  }
}
