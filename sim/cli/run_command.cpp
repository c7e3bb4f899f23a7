// `policysim run SCENARIO`: replications in parallel, results to the database, a summary on stdout.

#include <iostream>
#include <memory>

#include "sim/cli/commands.hpp"
#include "sim/cli/exit_codes.hpp"
#include "sim/runner/experiment.hpp"

namespace policysim::cli {

void add_run_command(CLI::App& app, Action& action) {
  auto* command = app.add_subcommand("run", "Run a scenario's replications and summarise them");
  auto options = std::make_shared<runner::ExperimentOptions>();
  command->add_option("scenario", options->scenario_file, "Scenario YAML file")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_option("--reps", options->replications, "Replications (default: the scenario's)")
      ->check(CLI::PositiveNumber);
  command->add_option("--seed", options->seed, "Base seed (default: the scenario's)");
  command->add_option("-j,--threads", options->threads, "Worker threads (default: all cores)")
      ->check(CLI::NonNegativeNumber);
  command->add_option("-o,--out", options->out_dir,
                      "Output directory (default: results/<scenario name>)");
  command->add_flag("--regions", options->region_series, "Also write the per-region series");
  command->add_flag("--dry-run", options->dry_run,
                    "Print the resolved scenario, the number of runs and a time estimate");
  command->add_flag("-q,--quiet", options->quiet, "No progress on stderr");
  command->callback([&action, options] {
    action = [options] {
      const auto result = runner::run_experiment(*options, std::cout, std::cerr);
      return result.runs_failed == 0 ? kOk : kInternal;
    };
  });
}

}  // namespace policysim::cli
