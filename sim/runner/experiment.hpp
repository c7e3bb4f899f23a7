#pragma once
// `policysim run`: replications of one scenario, run in parallel and streamed to the results
// database as they finish, then summarised.

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>

namespace policysim::runner {

/// What the user asked for on the command line; unset values come from the scenario. The flags
/// of `policysim compare` extend these.
struct ExperimentOptions {
  std::filesystem::path scenario_file;
  std::optional<int> replications;
  std::optional<std::uint64_t> seed;
  int threads = 0;                               ///< 0: all cores
  std::optional<std::filesystem::path> out_dir;  ///< default results/<scenario name>
  bool region_series = false;
  bool dry_run = false;
  bool quiet = false;
  /// Remove the output folder's results database first (store/results_overwrite.hpp), so that
  /// runs of other inputs (an edited scenario) do not block the command.
  bool overwrite = false;
};

/// What happened.
struct ExperimentResult {
  std::filesystem::path database;
  int runs_written = 0;
  int runs_reused = 0;  ///< already in the database from an earlier, interrupted invocation
  int runs_failed = 0;
  int stop_signal = 0;  ///< the signal that stopped it before every run was stored, or 0
};

/// Runs (or, with dry_run, describes) the experiment. The summary and target tables go to `out`,
/// progress and notes to `log`. Once a signal asks to stop (stop_signals.hpp), it stores the
/// runs in flight, marks the database interrupted and returns without summary or targets. Throws
/// ScenarioError for a bad scenario and StoreError for results that cannot be written.
ExperimentResult run_experiment(const ExperimentOptions& options, std::ostream& out,
                                std::ostream& log);

}  // namespace policysim::runner
