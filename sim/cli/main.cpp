// policysim: the command line. main() wires the subcommands and turns errors into exit codes;
// each subcommand lives in its own file and does its work through runner/ and store/.

#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <new>
#include <string>

#include "sim/cli/commands.hpp"
#include "sim/cli/suggestions.hpp"
#include "sim/core/exit_codes.hpp"
#include "sim/runner/usage_error.hpp"
#include "sim/scenario/scenario_error.hpp"
#include "sim/store/store_error.hpp"

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
  } catch (const policysim::scenario::MissingInputError& e) {
    std::cerr << e.what() << '\n';
    return policysim::core::kMissingInput;
  } catch (const policysim::scenario::ScenarioError& e) {
    std::cerr << e.what() << '\n';
    return policysim::core::kBadScenario;
  } catch (const policysim::runner::UsageError& e) {
    std::cerr << "policysim: " << e.what() << '\n';
    return policysim::core::kUsage;
  } catch (const policysim::store::StoreError& e) {
    std::cerr << "policysim: " << e.what() << '\n';
    return e.exit_code();
  } catch (const std::filesystem::filesystem_error& e) {
    std::cerr << "policysim: " << e.what() << '\n';
    return policysim::core::kIoError;
  } catch (const std::bad_alloc&) {
    std::cerr << "policysim: out of memory: the machine, its control group or a limit such as "
                 "`ulimit -v` allows less than this work needs. The runs stored so far are kept; "
                 "to use less, run with fewer threads (-j), fewer replications (--reps) or arms, "
                 "fewer regions, or without --regions.\n";
    return policysim::core::kOutOfMemory;
  } catch (const std::exception& e) {
    std::cerr << "policysim: internal error: " << e.what()
              << "\nThis is a bug in policysim; please report it with the command you ran.\n";
    return policysim::core::kInternal;
  }
}
