#include "sim/model/agent_counts.hpp"

#include <algorithm>
#include <cmath>

namespace policysim::model {

std::size_t default_ngo_count(const Params& params, double exposure) {
  const long count =
      std::lround(params.ngo_count_base) + std::lround(params.ngo_count_per_exposure * exposure);
  return static_cast<std::size_t>(std::max(0L, count));
}

std::size_t most_targeted_regions(const TargetedRegions& targets, std::size_t regions,
                                  std::size_t district_regions) {
  switch (targets.kind) {
    case TargetedRegions::Kind::regions:
      return std::min(regions, targets.regions.size());
    case TargetedRegions::Kind::district:
      return std::min(regions, district_regions);
    case TargetedRegions::Kind::all:
      return regions;
    case TargetedRegions::Kind::most_exposed:
    case TargetedRegions::Kind::random:
      return std::min<std::size_t>(regions, targets.count);
  }
  return regions;
}

std::size_t tie_links_per_target(const Params& params, std::size_t targeted) {
  if (targeted < 2) return 0;
  const auto links =
      static_cast<std::size_t>(std::max(0L, std::lround(params.ngo_links_per_target)));
  return std::min(links, targeted - 1);
}

}  // namespace policysim::model
