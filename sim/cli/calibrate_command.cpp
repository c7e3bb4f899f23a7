// `policysim calibrate FILE`: the parameters a scenario's `calibration:` declares, fitted to its
// targets by ABC-SMC, every run stored as it finishes.

#include <iostream>
#include <memory>

#include "sim/cli/commands.hpp"
#include "sim/cli/experiment_options.hpp"
#include "sim/cli/mpi_launch.hpp"
#include "sim/core/exit_codes.hpp"
#include "sim/runner/calibration_experiment.hpp"
#include "sim/runner/stop_signals.hpp"
#include "sim/runner/usage_error.hpp"

namespace policysim::cli {

void add_calibrate_command(CLI::App& app, Action& action) {
  auto* command = app.add_subcommand(
      "calibrate",
      "Fit the parameters a scenario's `calibration:` declares to its targets (ABC-SMC)");
  auto options = std::make_shared<runner::ExperimentOptions>();
  add_experiment_options(*command, *options, "Scenario or calibration file with `calibration:`",
                         "Replicates of each proposal (default: the calibration's "
                         "`replications`)",
                         "Print the parameters, their priors, the targets fitted and the runs of "
                         "the first generation, with a time estimate");
  command->callback([&action, options] {
    action = [options]() -> int {
      const runner::StopOnSignals stop_on_signals;
      // Each proposal waits for the last generation's distances: the ranks of an MPI job would
      // each run the whole calibration into the same folder, and all but one find it locked.
      if (const auto processes = mpi_launcher_processes()) {
        throw runner::UsageError(
            "`policysim calibrate` runs on one machine's cores, but an MPI launcher started " +
            *processes +
            " processes; run one process (with -j for the cores), or spread a sweep of the "
            "posterior's points over ranks with `policysim sweep`");
      }
      const runner::CalibrationResult result =
          runner::run_calibration(*options, std::cout, std::cerr);
      if (result.stop_signal != 0) return runner::stopped_exit_code(result.stop_signal);
      return result.runs_failed == 0 ? core::kOk : core::kInternal;
    };
  });
}

}  // namespace policysim::cli
