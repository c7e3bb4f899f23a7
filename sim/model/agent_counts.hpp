#pragma once
// How many NGOs, targeted regions and NGO-tie links the model makes from a configuration
// (MODEL.md §4, rule 9): the counts the world is built with, and what the memory estimate
// counts before any country exists.

#include <cstddef>

#include "sim/model/config.hpp"
#include "sim/model/params.hpp"

namespace policysim::model {

/// The NGOs a region of exposure `exposure` starts with when the scenario keeps the default
/// NGOs: max(0, round(base) + round(per_exposure x)).
std::size_t default_ngo_count(const Params& params, double exposure);

/// The most regions `targets` can name in a country of `regions` regions, `district_regions`
/// being the regions of the district it names (used for Kind::district only).
std::size_t most_targeted_regions(const TargetedRegions& targets, std::size_t regions,
                                  std::size_t district_regions);

/// The NGO-tie links each of `targeted` targets of a tie-building intervention draws: the
/// rounded ngo_links_per_target, at most the other targets.
std::size_t tie_links_per_target(const Params& params, std::size_t targeted);

}  // namespace policysim::model
