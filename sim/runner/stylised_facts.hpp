#pragma once
// Stylised-fact targets: each reduces a metric to one number per run and asks that enough runs
// fall in a range (MODEL.md §9).

#include <cstddef>
#include <iosfwd>
#include <limits>
#include <string>
#include <vector>

#include "sim/core/quarter.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/store/results_database.hpp"
#include "sim/store/target_table.hpp"

namespace policysim::runner {

/// One target evaluated over the runs of an experiment.
struct StylisedFactResult {
  scenario::StylisedFact target;
  std::vector<double> values;  ///< one per run; NaN where the statistic is undefined
  /// Fraction of the runs judged (those meeting target.given, else all) whose value lies in
  /// [low, high]; NaN when no run meets the condition.
  double share_in_range = 0;
  std::size_t runs_judged = 0;  ///< the runs the share is over
  /// With a condition, the values of the runs that meet it (what the share is over); empty
  /// without one, where every value is judged.
  std::vector<double> judged_values = {};
  bool met = false;  ///< share_in_range >= target.share
};

/// What a target's statistic is, as printed: "last mean_law over 2010Q4", or an outcome's name.
std::string statistic_text(const scenario::StylisedFact& target);

/// The decimal year of a quarter: 2003Q1 = 2003.0, 2003Q4 = 2003.75.
double decimal_year(core::Quarter quarter);

/// The target's statistic of one run's series (one value per tick, the first at `run_start`).
double target_statistic(const scenario::StylisedFact& target, const std::vector<double>& series,
                        core::Quarter run_start);

/// A run's statistic for each target, in the scenario's order: NaN for an outcome target (those
/// are read from the runs table), else the statistic of `series_of(metric)`, its series.
template <class SeriesOf>
std::vector<double> target_statistics(const scenario::Scenario& scenario,
                                      const SeriesOf& series_of) {
  std::vector<double> statistics;
  for (const auto& target : scenario.targets) {
    statistics.push_back(
        target.stat == scenario::StylisedFactStat::outcome
            ? std::numeric_limits<double>::quiet_NaN()
            : target_statistic(target, series_of(target.metric), scenario.config.start));
  }
  return statistics;
}

/// The series of `metric` of a run in memory, whose series are tick-major, a column per schema
/// metric.
std::vector<double> series_of_run(const store::Schema& schema, const store::RunRecord& run,
                                  const std::string& metric);

/// The statistics of a run in memory, whose series are tick-major, a column per schema metric.
std::vector<double> run_target_statistics(const scenario::Scenario& scenario,
                                          const store::Schema& schema, const store::RunRecord& run);

/// Share of values in [low, high]; NaN counts as outside.
double share_in_range(const std::vector<double>& values, double low, double high);

/// Completes a result from its values and, for a target with a condition (`given`), the
/// condition's outcome in the same runs.
StylisedFactResult judge(const scenario::StylisedFact& target, std::vector<double> values,
                         const std::vector<double>& given_values = {});

/// The outcome `name` of each run, from the runs' outcome columns named `outcome_columns`.
/// The index of outcome `name` among `outcome_columns` (their size when it is not there, so that
/// .at() on a run's outcomes throws).
std::size_t outcome_column(const std::vector<std::string>& outcome_columns,
                           const std::string& name);

std::vector<double> outcome_values(const std::vector<std::string>& outcome_columns,
                                   const std::vector<store::StoredRun>& runs,
                                   const std::string& name);

/// The values of the outcome a target's condition names, one per run; empty without a condition.
std::vector<double> given_values(const scenario::StylisedFact& target,
                                 const std::vector<std::string>& outcome_columns,
                                 const std::vector<store::StoredRun>& runs);

/// The rows of the `targets` and `target_values` tables: results[t].values[i] is the value of
/// `runs[i]`.
std::vector<store::TargetRow> target_rows(const std::vector<StylisedFactResult>& results,
                                          const std::vector<store::StoredRun>& runs);

/// Prints two lines per target: what, the range, the share required and simulated, and whether
/// met; then how many of the counted targets are met (checks are listed but not counted).
void print_targets(std::ostream& out, const std::vector<StylisedFactResult>& results);

}  // namespace policysim::runner
