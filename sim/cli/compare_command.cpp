// `policysim compare SCENARIO`: the scenario's arms on common random numbers, paired effects with
// intervals to the results database (`comparisons`) and a table on stdout.

#include <climits>
#include <iostream>
#include <memory>

#include "sim/cli/commands.hpp"
#include "sim/cli/experiment_options.hpp"
#include "sim/cli/number_checks.hpp"
#include "sim/core/exit_codes.hpp"
#include "sim/runner/comparison.hpp"
#include "sim/runner/stop_signals.hpp"

namespace policysim::cli {

void add_compare_command(CLI::App& app, Action& action) {
  auto* command = app.add_subcommand(
      "compare", "Run a scenario's arms on common random numbers and compare them in pairs");
  auto options = std::make_shared<runner::CompareOptions>();
  add_experiment_options(
      *command, *options, "Scenario YAML file with `arms:`",
      "Replicates per arm (default: the scenario's; with --precision, the first batch)",
      "Print the arms, the number of runs and a time estimate");
  command->add_option("--arms", options->arms, "Arms to run, e.g. base,us_style (default: all)")
      ->delimiter(',');
  command->add_option("--reference", options->reference,
                      "The arm the others are compared with, e.g. us_style (default: the "
                      "scenario's `reference:`, else base)");
  command
      ->add_option("--precision", options->precision,
                   "Add replicates until the 95% t half-width of --outcome is at most this, "
                   "for every arm")
      ->check(number_above_zero());
  command->add_option("--outcome", options->outcome, "The outcome --precision applies to");
  command->add_option("--batch", options->batch, "Replicates added per adaptive step (20)")
      ->check(whole_number(1, INT_MAX));
  command
      ->add_option("--max-reps", options->max_replications,
                   "Cap on replicates per arm with --precision (2000)")
      ->check(whole_number(2, 1000000));
  command
      ->add_option("--bootstrap", options->bootstrap_resamples,
                   "Bootstrap resamples per comparison (2000)")
      ->check(whole_number(0, INT_MAX));
  command->add_flag("-v,--all-outcomes", options->all_outcomes,
                    "Print every outcome (the database always holds all)");
  command->callback([&action, options] {
    action = [options]() -> int {
      try {
        const runner::StopOnSignals stop_on_signals;
        const auto result = runner::run_comparison(*options, std::cout, std::cerr);
        if (result.stop_signal != 0) return runner::stopped_exit_code(result.stop_signal);
        return result.runs_failed == 0 ? core::kOk : core::kInternal;
      } catch (const runner::UsageError& e) {
        std::cerr << "policysim compare: " << e.what() << '\n';
        return core::kUsage;
      }
    };
  });
}

}  // namespace policysim::cli
