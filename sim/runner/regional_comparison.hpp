#pragma once
// Paired effects over a set of regions: each run's final regional values averaged over the set
// (and over the other regions), then compared arm against reference run by run, like any outcome
// (docs/compare.md, "Where the programmes differ"). The regional values come from
// `region_series`, so only a comparison run with --regions has them.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/model/metrics.hpp"
#include "sim/store/comparison_table.hpp"
#include "sim/store/region_snapshot.hpp"

namespace policysim::runner {

/// A regional metric compared, and the outcome its mean over all regions is.
struct RegionalOutcome {
  model::RegionMetric metric;  ///< column of region_series, e.g. a_law
  model::Outcome outcome;      ///< the national outcome it is the regional mean of, final_mean_law
};
const std::vector<RegionalOutcome>& regional_outcomes();

/// The unit of a "targeted_*" or "elsewhere_*" row: that of the outcome it restricts.
std::string_view regional_outcome_unit(std::string_view row_outcome);

/// Rows named "targeted_<outcome>" (the mean over `regions`) and, when some regions are left,
/// "elsewhere_<outcome>" (the mean over the others), for `arm` against `reference`, replicates
/// [0, replicates). `snapshots` hold regional_outcomes()'s metrics in that order.
std::vector<store::ComparisonRow> compare_over_regions(
    const std::vector<store::RegionSnapshot>& snapshots, const std::string& arm,
    const std::string& reference, const std::vector<std::uint32_t>& regions,
    std::size_t region_count, int replicates, std::uint64_t seed, int bootstrap_resamples);

}  // namespace policysim::runner
