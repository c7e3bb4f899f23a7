// `policysim calibrate FILE`: the parameters a scenario's `calibration:` declares, fitted to its
// targets by ABC-SMC, every run stored as it finishes; under an MPI launcher, each batch's runs
// shared among the ranks.

#include <iostream>
#include <memory>

#include "sim/cli/commands.hpp"
#include "sim/cli/experiment_options.hpp"
#include "sim/cli/mpi_launch.hpp"
#include "sim/core/exit_codes.hpp"
#include "sim/runner/calibration_experiment.hpp"
#include "sim/runner/stop_signals.hpp"

#if POLICYSIM_MPI
#include "sim/cli/mpi_job.hpp"
#include "sim/mpi/mpi_calibration_dispatch.hpp"
#include "sim/mpi/mpi_session.hpp"
#endif

namespace policysim::cli {
namespace {

int exit_code(const runner::CalibrationResult& result) {
  if (result.stop_signal != 0) return runner::stopped_exit_code(result.stop_signal);
  return result.runs_failed == 0 ? core::kOk : core::kInternal;
}

#if POLICYSIM_MPI
/// The calibration's runs shared by the ranks of the MPI job that started this process
/// (mpi_calibration_dispatch.hpp).
int calibrate_on_ranks(const runner::ExperimentOptions& options) {
  const mpi::MpiSession session;
  if (session.ranks() == 1) {
    return exit_code(runner::run_calibration(options, std::cout, std::cerr));
  }
  return run_on_rank(session, "calibration", [&]() -> int {
    if (options.dry_run && session.rank() != 0) return core::kOk;  // rank 0 describes it
    mpi::MpiCalibrationDispatch dispatch(session.rank(), session.ranks());
    return exit_code(runner::run_calibration(options, std::cout, std::cerr, dispatch));
  });
}
#endif

}  // namespace

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
#if POLICYSIM_MPI
      if (mpi::launched_by_mpi()) return calibrate_on_ranks(*options);
#else
      refuse_mpi_launch("calibration", "docs/calibration.md", " (with -j for the cores)");
#endif
      return exit_code(runner::run_calibration(*options, std::cout, std::cerr));
    };
  });
}

}  // namespace policysim::cli
