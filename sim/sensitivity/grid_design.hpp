#pragma once
// The full factorial grid (layout in design.hpp).

#include <cstddef>
#include <span>

#include "sim/sensitivity/design.hpp"

namespace policysim::sensitivity {

/// Every combination of levels[f] levels per factor f (each at least 1), factor 0 slowest.
UnitDesign grid_design(std::span<const std::size_t> levels);

/// The unit value of level `level` of `count` levels: level/(count-1), or 0.5 for a single level.
double grid_level_value(std::size_t level, std::size_t count);

}  // namespace policysim::sensitivity
