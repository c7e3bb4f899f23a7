#pragma once
// A sweep's stylised-fact targets: each run judged as it finishes, as `policysim run` judges it
// (its statistic in the target's range or not), its values stored with it; and, read back from
// the database, the share of all runs and of each point's replicates meeting each target, whose
// sensitivity to the factors the sweep measures like an outcome's (docs/sweeps.md).

#include <cstddef>
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"
#include "sim/store/results_database.hpp"
#include "sim/store/target_table.hpp"

namespace policysim::runner {

/// The name, in the `sensitivity` table and the printed table, of the share of a point's runs
/// meeting `target`: "target: " and the target's name.
std::string target_share_outcome(const scenario::StylisedFact& target);

/// A run's value of each of the scenario's targets, to be stored with it: an outcome target's
/// from its outcomes (in the order of `schema.outcomes`), another's from its national series in
/// memory (tick-major, a column per `schema.series_metrics`); then each paired target's, the
/// run's own statistic (minus that of `minus`), whichever arm the run is of.
std::vector<store::TargetValue> run_target_values(const scenario::Scenario& scenario,
                                                  const store::Schema& schema,
                                                  const store::RunRecord& run);

/// The scenario's targets over a sweep's stored runs with results of replicates [0, reps).
struct SweepTargets {
  /// One per target: the share of every run in its range (NaN, and not met, where some run's
  /// value is not known), for the `targets` table.
  std::vector<store::TargetRow> verdicts;
  /// shares[target][point]: the share of point p's runs whose value lies in the target's range,
  /// a NaN value counting as outside (as share_in_range); NaN where the point has no run, or a
  /// run whose value is not known.
  std::vector<std::vector<double>> shares;
  /// Per target: runs whose value is not known (stored by a command that did not judge them).
  std::vector<std::size_t> unknown;
};

/// Reads the targets' counts from `database`, a point at a time, for a sweep of `points` points.
SweepTargets sweep_targets(const scenario::Scenario& scenario,
                           const store::ResultsDatabase& database, std::size_t points, int reps);

}  // namespace policysim::runner
