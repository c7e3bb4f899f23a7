#pragma once
// Stylised-fact targets: each reduces a metric to one number per run and asks that enough runs
// fall in a range (MODEL.md §9).

#include <iosfwd>
#include <vector>

#include "sim/core/quarter.hpp"
#include "sim/scenario/scenario.hpp"

namespace policysim::runner {

/// One target evaluated over the runs of an experiment.
struct TargetResult {
  scenario::Target target;
  std::vector<double> values;  ///< one per run; NaN where the statistic is undefined
  double share_in_range = 0;   ///< fraction of runs whose value lies in [low, high]
  bool met = false;            ///< share_in_range >= target.share
};

/// The decimal year of a quarter: 2003Q1 = 2003.0, 2003Q4 = 2003.75.
double decimal_year(core::Quarter quarter);

/// The target's statistic of one run's series (one value per tick, the first at `run_start`).
double target_statistic(const scenario::Target& target, const std::vector<double>& series,
                        core::Quarter run_start);

/// Share of values in [low, high]; NaN counts as outside.
double share_in_range(const std::vector<double>& values, double low, double high);

/// Completes a result from its values.
TargetResult judge(const scenario::Target& target, std::vector<double> values);

/// Prints one line per target: what, the range, the share required and simulated, and whether met.
void print_targets(std::ostream& out, const std::vector<TargetResult>& results);

}  // namespace policysim::runner
