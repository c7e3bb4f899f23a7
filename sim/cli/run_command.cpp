// `policysim run SCENARIO`: replications in parallel, results to the database, a summary on stdout.

#include <iostream>
#include <memory>

#include "sim/cli/commands.hpp"
#include "sim/cli/experiment_options.hpp"
#include "sim/core/exit_codes.hpp"
#include "sim/runner/experiment.hpp"
#include "sim/runner/stop_signals.hpp"

namespace policysim::cli {

void add_run_command(CLI::App& app, Action& action) {
  auto* command = app.add_subcommand("run", "Run a scenario's replications and summarise them");
  auto options = std::make_shared<runner::ExperimentOptions>();
  add_experiment_options(*command, *options, "Scenario YAML file",
                         "Replications (default: the scenario's)",
                         "Print the resolved scenario, the number of runs and a time estimate");
  command->callback([&action, options] {
    action = [options]() -> int {
      const runner::StopOnSignals stop_on_signals;
      const auto result = runner::run_experiment(*options, std::cout, std::cerr);
      if (result.stop_signal != 0) return runner::stopped_exit_code(result.stop_signal);
      return result.runs_failed == 0 ? core::kOk : core::kInternal;
    };
  });
}

}  // namespace policysim::cli
