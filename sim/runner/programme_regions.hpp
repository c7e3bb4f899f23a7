#pragma once
// The regions where two arms' programmes differ: the fixed targets (named regions, districts, the
// whole country) of every intervention that one arm has and the other lacks or runs otherwise.
// "What changed where we intervened?" is then the paired effect over these regions, and
// "what changed elsewhere?" the effect over the others (docs/compare.md).

#include <cstdint>
#include <string>
#include <vector>

#include "sim/model/config.hpp"

namespace policysim::runner {

struct ProgrammeRegions {
  std::vector<std::uint32_t> regions;      ///< region indices, ascending
  std::vector<std::string> interventions;  ///< names of the differing interventions with fixed
                                           ///< targets, the arm's first
  std::vector<std::string> unfixed;  ///< differing interventions whose targets are drawn per run
                                     ///< (`most_exposed`, `random`): not in `regions`
};

/// The regions targeted by the interventions in which `arm` and `reference` differ (by name: one
/// lacks it, or its instrument, window, targets, intensity, visibility or donor differ).
ProgrammeRegions programme_regions(const model::Config& arm, const model::Config& reference,
                                   const model::Country& country);

}  // namespace policysim::runner
