#pragma once
// Points of the unscrambled Sobol' sequence (layout in design.hpp).

#include <cstddef>

#include "sim/sensitivity/design.hpp"

namespace policysim::sensitivity {

/// The first `points` points after the origin of the `dimensions`-dimensional Sobol' sequence
/// (dimensions at most kMaxSobolDimensions).
UnitDesign sobol_design(std::size_t dimensions, std::size_t points);

}  // namespace policysim::sensitivity
