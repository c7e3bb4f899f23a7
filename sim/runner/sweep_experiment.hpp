#pragma once
// `policysim sweep`: a scenario run at every point of its sweep's design (docs/sweeps.md), each
// point on the same replicate seeds (common random numbers), every run stored with its factors'
// values in the results database as it finishes.

#include <cstddef>
#include <filesystem>
#include <iosfwd>

#include "sim/runner/experiment.hpp"
#include "sim/runner/sweep_dispatch.hpp"

namespace policysim::runner {

/// A fixed share of a sweep's points: point p belongs to shard p mod count (0-based `index`),
/// so that every shard gets points from all over the design.
struct Shard {
  std::size_t index = 0;
  std::size_t count = 1;
  bool holds(std::size_t point) const { return point % count == index; }
};

/// The flags of `policysim run`, and the sweep's own. --reps sets the replicates of each point.
struct SweepOptions : ExperimentOptions {
  bool series = false;  ///< also store each run's national series (outcomes and events always)
  Shard shard;          ///< the share of the points to run (`--shard i/N`); all by default
};

/// What happened.
struct SweepResult {
  std::filesystem::path database;
  std::size_t points = 0;  ///< design points (of the whole design, whatever the shard)
  int replicates = 0;      ///< of each point
  int runs_written = 0;
  int runs_reused = 0;  ///< already in the database from an earlier, interrupted invocation
  int runs_failed = 0;
  int stop_signal = 0;  ///< the signal that stopped it before every run was stored, or 0
};

/// The default results folder of a sweep of the scenario named `name`: results/<name>_sweep,
/// beside (not in) the folder of its plain runs.
std::filesystem::path default_sweep_folder(const std::string& name);

/// Runs (or, with dry_run, describes) the sweep of the scenario in options.scenario_file. The
/// summary goes to `out`, progress and notes to `log`. Throws ScenarioError for a bad scenario,
/// UsageError for one without a sweep, and StoreError for results that cannot be written or were
/// made from other inputs.
SweepResult run_sweep(const SweepOptions& options, std::ostream& out, std::ostream& log);

/// The same, its jobs run by `dispatch`: on an MPI rank other than 0, it runs the jobs handed to
/// it and returns without a summary (SweepDispatch::writes_sweep).
SweepResult run_sweep(const SweepOptions& options, std::ostream& out, std::ostream& log,
                      SweepDispatch& dispatch);

}  // namespace policysim::runner
