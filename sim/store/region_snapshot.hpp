#pragma once
// Regional values of a few metrics at one quarter, run by run, read from `region_series` (present
// when the runs were made with --regions): what `compare` needs to compare arms over a set of
// regions, such as the regions a programme targets.

#include <filesystem>
#include <string>
#include <vector>

namespace policysim::store {

/// One run's values at the tick: region-major, `values[region * metrics + m]`, NaN where NULL.
struct RegionSnapshot {
  std::string arm;
  int replicate = 0;
  std::vector<double> values;
};

/// The snapshot at `tick` of every run with status "ok" and a replicate below `replicates`,
/// ordered by (arm, replicate); empty when the database has no `region_series`. `regions` is the
/// number of regions; a row naming a region outside [0, regions) is an error (StoreError).
std::vector<RegionSnapshot> read_region_snapshots(const std::filesystem::path& database, int tick,
                                                  const std::vector<std::string>& metrics,
                                                  std::size_t regions, int replicates);

}  // namespace policysim::store
