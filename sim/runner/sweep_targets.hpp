#pragma once
// A sweep's stylised-fact targets: each run judged as `policysim run` judges it (its statistic in
// the target's range or not), and each point's share of replicates meeting each target, whose
// sensitivity to the factors the sweep measures like an outcome's (docs/sweeps.md).

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sim/runner/stylised_facts.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/store/results_database.hpp"

namespace policysim::runner {

/// The name, in the `sensitivity` table and the printed table, of the share of a point's runs
/// meeting `target`: "target: " and the target's name.
std::string target_share_outcome(const scenario::StylisedFact& target);

/// The scenario's targets over a sweep's finished runs.
struct SweepTargets {
  /// One per target, values in the order of the runs; a value not known is NaN, and its run is
  /// counted in `unknown`. share_in_range is over every run, NaN where a value is not known.
  std::vector<StylisedFactResult> results;
  std::vector<std::vector<bool>> known;  ///< known[target][run]
  std::vector<std::size_t> unknown;      ///< per target: runs whose statistic is not known
};

/// Each run's value of each target: an outcome target's from the run's outcomes (column
/// `outcome_columns` order of the schema); another's from `computed[run_index(run)]` where this
/// command ran the run (non-empty), else from `stored` (read_target_values: what an earlier
/// command of the sweep stored), else not known.
SweepTargets sweep_targets(const scenario::Scenario& scenario,
                           const std::vector<std::string>& outcome_columns,
                           const std::vector<store::StoredRun>& runs,
                           const std::vector<std::vector<double>>& computed_by_run,
                           const std::map<std::string, std::map<std::int64_t, double>>& stored);

/// shares[target][point]: the share of point p's runs (arm `point_names[p]`) whose value of the
/// target lies in its range, a NaN value counting as outside (as share_in_range); NaN where the
/// point has no run, or a run whose value is not known.
std::vector<std::vector<double>> point_target_shares(const SweepTargets& targets,
                                                     const std::vector<store::StoredRun>& runs,
                                                     const std::vector<std::string>& point_names);

}  // namespace policysim::runner
