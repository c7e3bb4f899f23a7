#pragma once
// Paired effects over a set of regions: each run's final regional values averaged over the set
// (and over the other regions), then compared arm against reference run by run, like any outcome
// (docs/compare.md, "Where the programmes differ"). The regional values come from
// `region_series`, so only a comparison run with --regions has them.

#include <cstdint>
#include <string>
#include <vector>

#include "sim/store/comparison_table.hpp"
#include "sim/store/region_snapshot.hpp"

namespace policysim::runner {

/// The regional metrics compared, and the outcome each one's regional mean corresponds to.
struct RegionalOutcome {
  const char* metric;   ///< column of region_series, e.g. "a_law"
  const char* outcome;  ///< the national outcome it is the regional mean of, e.g. "final_mean_law"
};
const std::vector<RegionalOutcome>& regional_outcomes();

/// Rows named "targeted_<outcome>" (the mean over `regions`) and, when some regions are left,
/// "elsewhere_<outcome>" (the mean over the others), for `arm` against `reference`, replicates
/// [0, replicates). `snapshots` hold regional_outcomes()'s metrics in that order.
std::vector<store::ComparisonRow> compare_over_regions(
    const std::vector<store::RegionSnapshot>& snapshots, const std::string& arm,
    const std::string& reference, const std::vector<std::uint32_t>& regions,
    std::size_t region_count, int replicates, std::uint64_t seed, int bootstrap_resamples);

}  // namespace policysim::runner
