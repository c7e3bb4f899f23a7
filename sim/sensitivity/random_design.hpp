#pragma once
// Independent uniform points (layout in design.hpp).

#include <cstddef>
#include <cstdint>

#include "sim/sensitivity/design.hpp"

namespace policysim::sensitivity {

/// `points` rows of `factors` uniforms in (0,1), value (row, factor) a pure function of the seed.
UnitDesign random_design(std::size_t factors, std::size_t points, std::uint64_t seed);

}  // namespace policysim::sensitivity
