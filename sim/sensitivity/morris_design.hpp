#pragma once
// Morris's (1991) elementary-effects trajectories (layout in design.hpp).

#include <cstddef>
#include <cstdint>

#include "sim/sensitivity/design.hpp"

namespace policysim::sensitivity {

/// The step Δ = p/(2(p-1)) of a Morris design on p levels: p/2 grid intervals.
double morris_step(std::size_t levels);

/// `trajectories` trajectories of k+1 rows on the `levels`-level grid (levels even, at least 2).
UnitDesign morris_design(std::size_t factors, std::size_t trajectories, std::size_t levels,
                         std::uint64_t seed);

}  // namespace policysim::sensitivity
