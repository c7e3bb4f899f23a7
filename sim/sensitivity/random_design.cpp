#include "sim/sensitivity/random_design.hpp"

#include "sim/sensitivity/design_draws.hpp"

namespace policysim::sensitivity {

UnitDesign random_design(std::size_t factors, std::size_t points, std::uint64_t seed) {
  const core::RandomStream stream = design_stream(seed);
  UnitDesign design;
  design.factors = factors;
  design.values.reserve(points * factors);
  for (std::size_t row = 0; row < points; ++row) {
    for (std::size_t f = 0; f < factors; ++f) {
      design.values.push_back(stream.uniform(static_cast<std::uint32_t>(row),
                                             static_cast<std::uint32_t>(f),
                                             word(DesignPurpose::random_point)));
    }
  }
  return design;
}

}  // namespace policysim::sensitivity
