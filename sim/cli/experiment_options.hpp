#pragma once
// The flags that `policysim run` and `policysim compare` share, registered in one place so that
// they mean the same in both.

#include <CLI/CLI.hpp>

#include <string>

#include "sim/runner/experiment.hpp"

namespace policysim::cli {

/// Adds SCENARIO, --reps, --seed, -j/--threads, -o/--out, --regions, --dry-run, --overwrite and
/// -q/--quiet, with the help texts of --reps and --dry-run given by the command.
void add_experiment_options(CLI::App& command, runner::ExperimentOptions& options,
                            const std::string& scenario_help, const std::string& reps_help,
                            const std::string& dry_run_help);

}  // namespace policysim::cli
