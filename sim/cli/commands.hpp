#pragma once
// Each subcommand registers its flags on the app and, when chosen, sets the action main() runs.
// The actions return an exit code (exit_codes.hpp) and throw for errors that main() maps to codes.

#include <CLI/CLI.hpp>

#include <functional>

namespace policysim::cli {

using Action = std::function<int()>;

void add_version_command(CLI::App& app, Action& action);
void add_validate_command(CLI::App& app, Action& action);
void add_run_command(CLI::App& app, Action& action);
void add_compare_command(CLI::App& app, Action& action);
void add_sweep_command(CLI::App& app, Action& action);
void add_calibrate_command(CLI::App& app, Action& action);
void add_merge_command(CLI::App& app, Action& action);
void add_export_command(CLI::App& app, Action& action);
void add_report_command(CLI::App& app, Action& action);
void add_bench_command(CLI::App& app, Action& action);
void add_reproduce_command(CLI::App& app, Action& action);
void add_list_command(CLI::App& app, Action& action);

}  // namespace policysim::cli
