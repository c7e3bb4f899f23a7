#pragma once
// `policysim calibrate FILE`: approximate Bayesian computation by sequential Monte Carlo
// (sim/calibration/abc_smc.hpp) of the parameters a scenario's `calibration:` declares, against
// its targets (docs/calibration.md). Each proposal is an arm of the results database, named by
// its generation and index, whose replicates run on the experiment's common seeds and are stored
// as they finish, like a sweep's points. The calibration's draws are keyed by (seed, generation,
// index), so a stopped calibration, run again, replays the stored runs to the same state and
// goes on from there. The ranks of an MPI job share each batch's runs
// (calibration_dispatch.hpp).

#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <string>

#include "sim/runner/calibration_dispatch.hpp"
#include "sim/runner/experiment.hpp"

namespace policysim::runner {

/// What happened.
struct CalibrationResult {
  std::filesystem::path database;
  std::size_t generations = 0;
  int runs_written = 0;
  int runs_reused = 0;  ///< already in the database from an earlier, interrupted invocation
  int runs_failed = 0;
  int stop_signal = 0;  ///< the signal that stopped it before it finished, or 0
};

/// The default results folder of a calibration of the scenario named `name`:
/// results/<name>_calibration.
std::filesystem::path default_calibration_folder(const std::string& name);

/// Runs (or, with dry_run, describes) the calibration of the scenario in options.scenario_file;
/// --reps sets the replicates of each proposal. The summary goes to `out`, progress and notes to
/// `log`. Throws ScenarioError for a bad scenario, UsageError for one without a calibration, and
/// StoreError for results that cannot be written or were made from other inputs.
CalibrationResult run_calibration(const ExperimentOptions& options, std::ostream& out,
                                  std::ostream& log);

/// The same, its runs run by `dispatch`: on an MPI rank other than 0, it runs the jobs handed to
/// it until rank 0's calibration is over, and returns without a summary
/// (CalibrationDispatch::owns_calibration).
CalibrationResult run_calibration(const ExperimentOptions& options, std::ostream& out,
                                  std::ostream& log, CalibrationDispatch& dispatch);

}  // namespace policysim::runner
