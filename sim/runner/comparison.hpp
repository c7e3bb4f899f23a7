#pragma once
// `policysim compare`: the arms of a scenario run on common random numbers, then, for each
// outcome and each arm against the reference arm, the paired effect with its intervals, written
// to the `comparisons` table and printed (docs/compare.md).

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "sim/runner/experiment.hpp"
#include "sim/runner/usage_error.hpp"
#include "sim/store/comparison_table.hpp"

namespace policysim::runner {

/// What the user asked for: the flags of `policysim run`, and the comparison's own.
struct CompareOptions : ExperimentOptions {
  std::vector<std::string> arms;  ///< arms to run (the reference is always added); empty: all
  /// The arm the others are compared with, when not the scenario's `reference:`.
  std::optional<std::string> reference;
  bool all_outcomes = false;        ///< print every outcome, not only the key ones
  std::optional<double> precision;  ///< adaptive: target half-width of `outcome`'s t interval
  std::string outcome;              ///< the outcome `precision` applies to
  int batch = 20;                   ///< replicates added per adaptive step
  int max_replications = 2000;      ///< adaptive cap
  int bootstrap_resamples = 2000;   ///< B of the percentile bootstrap
};

/// What happened.
struct CompareResult {
  std::filesystem::path database;
  std::vector<std::string> arms;  ///< arms compared, the reference first
  std::string reference;
  int replicates = 0;  ///< replicates per arm the table is computed from
  int runs_written = 0;
  int runs_reused = 0;
  int runs_failed = 0;
  bool precision_reached = false;  ///< adaptive only: every arm's half-width <= precision
  int stop_signal = 0;             ///< the signal that stopped it before every run was stored, or 0
  std::vector<store::ComparisonRow> rows;
};

/// The outcomes printed by default.
const std::vector<std::string>& key_outcomes();

/// Runs (or, with dry_run, describes) the comparison. The table goes to `out`, progress and notes
/// to `log`. Throws ScenarioError for a bad scenario, UsageError for unknown arms or outcomes and
/// StoreError for results that cannot be written or belong to another seed.
CompareResult run_comparison(const CompareOptions& options, std::ostream& out, std::ostream& log);

/// The seed of the bootstrap of one comparison: a pure function of the experiment seed and the
/// names, so a table is the same on resume, at any thread count and in any order of arms.
std::uint64_t comparison_seed(std::uint64_t base_seed, const std::string& arm,
                              const std::string& reference, const std::string& outcome);

}  // namespace policysim::runner
