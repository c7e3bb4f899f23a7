#pragma once
// The sensitivity of each outcome to a sweep's factors: Sobol' first-order and total indices with
// bootstrap intervals for a Saltelli design, Morris's mu*, mu and sigma for a Morris design, each
// computed on the points' means over their replicates; and the ranked table printed at the end.

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "sim/scenario/sweep.hpp"
#include "sim/sensitivity/design.hpp"
#include "sim/store/results_database.hpp"
#include "sim/store/sensitivity_table.hpp"

namespace policysim::runner {

/// Bootstrap resamples of each Sobol' interval.
inline constexpr std::size_t kSobolResamples = 1000;

/// Whether the design gives sensitivity measures: Saltelli (Sobol' indices) and Morris.
bool has_sensitivity(scenario::SweepDesign design);

/// Each of `points` points' mean of outcome `outcome` over its runs of replicates
/// [0, `replicates`) in `database` that have results (arm point_name(p, points)), in replicate
/// order; NaN where none of its runs has a value. The runs are read one at a time: only one
/// outcome's means are held.
std::vector<double> point_means(const store::ResultsDatabase& database, int replicates,
                                std::size_t points, const std::string& outcome);

/// The values of an outcome at each point: `means_of(o)` gives those of `outcome_names[o]`.
using PointMeans = std::function<std::vector<double>(std::size_t)>;

/// What the measures of a sweep are, and which outcomes have none.
struct SweepSensitivity {
  std::vector<store::SensitivityRow> rows;  ///< outcome-major, factors in the sweep's order
  std::vector<std::string> undefined;       ///< "outcome (why)": no measure could be computed
};

/// The measures of every outcome named in `outcome_names`, from its values at each point (as
/// point_means gives them), asked of `means_of` one outcome at a time, over the unit design
/// `design` of `sweep`. An outcome missing at some point, or the same at every point, has none
/// and is listed in `undefined`. The bootstrap of each outcome draws from a seed of the design's
/// seed and the outcome's name.
SweepSensitivity sweep_sensitivity(const scenario::Sweep& sweep,
                                   const sensitivity::UnitDesign& design,
                                   const std::vector<std::string>& outcome_names,
                                   const PointMeans& means_of);

/// Prints, for each of `outcomes` that has measures, its factors ranked by total index (Sobol')
/// or mu* (Morris), with their intervals or sigma and mu.
void print_sensitivity(std::ostream& out, const SweepSensitivity& measures,
                       const std::vector<std::string>& outcomes, int replicates);

}  // namespace policysim::runner
