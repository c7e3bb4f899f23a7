#include "sim/sensitivity/latin_hypercube_design.hpp"

#include <cmath>
#include <vector>

#include "sim/sensitivity/design_draws.hpp"

namespace policysim::sensitivity {

UnitDesign latin_hypercube_design(std::size_t factors, std::size_t points, std::uint64_t seed) {
  const core::RandomStream stream = design_stream(seed);
  UnitDesign design;
  design.factors = factors;
  design.values.resize(points * factors);
  const auto n = static_cast<std::uint32_t>(points);
  for (std::size_t f = 0; f < factors; ++f) {
    const auto factor = static_cast<std::uint32_t>(f);
    auto strata_draws = stream.sequence(0, factor, word(DesignPurpose::latin_hypercube_strata));
    const std::vector<std::uint32_t> stratum = random_permutation(n, strata_draws);
    for (std::uint32_t row = 0; row < n; ++row) {
      const double offset =
          stream.uniform(row, factor, word(DesignPurpose::latin_hypercube_offset));
      // Rounding s + offset may reach s + 1: the value stays below its stratum's upper edge.
      const double upper = (stratum[row] + 1.0) / static_cast<double>(n);
      const double value = (stratum[row] + offset) / static_cast<double>(n);
      design.values[row * factors + f] = value < upper ? value : std::nextafter(upper, 0.0);
    }
  }
  return design;
}

}  // namespace policysim::sensitivity
