#pragma once
// Latin hypercube sampling (McKay, Beckman and Conover 1979; layout in design.hpp).

#include <cstddef>
#include <cstdint>

#include "sim/sensitivity/design.hpp"

namespace policysim::sensitivity {

/// `points` rows in which each column has one value in each of the `points` equal strata of [0,1).
UnitDesign latin_hypercube_design(std::size_t factors, std::size_t points, std::uint64_t seed);

}  // namespace policysim::sensitivity
