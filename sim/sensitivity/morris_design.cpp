#include "sim/sensitivity/morris_design.hpp"

#include <vector>

#include "sim/sensitivity/design_draws.hpp"

namespace policysim::sensitivity {

double morris_step(std::size_t levels) {
  return static_cast<double>(levels) / (2.0 * static_cast<double>(levels - 1));
}

UnitDesign morris_design(std::size_t factors, std::size_t trajectories, std::size_t levels,
                         std::uint64_t seed) {
  const core::RandomStream stream = design_stream(seed);
  // Positions are counted in whole grid intervals, so every value is level/(p-1) correctly
  // rounded, 0 and 1 exactly.
  const std::size_t step_intervals = levels / 2;
  const auto last_level = static_cast<double>(levels - 1);
  UnitDesign design;
  design.factors = factors;
  design.values.reserve(trajectories * (factors + 1) * factors);
  std::vector<std::size_t> position(factors);
  std::vector<bool> moves_up(factors);
  for (std::size_t t = 0; t < trajectories; ++t) {
    const auto trajectory = static_cast<std::uint32_t>(t);
    for (std::size_t f = 0; f < factors; ++f) {
      const auto factor = static_cast<std::uint32_t>(f);
      // The base point x* lies on the grid levels 0 .. p/2-1, so that x* + Δ is still on it;
      // a factor that moves down starts at x* + Δ.
      const std::size_t base = uniform_index(
          stream.uniform(trajectory, factor, word(DesignPurpose::morris_start)), step_intervals);
      moves_up[f] = stream.uniform(trajectory, factor, word(DesignPurpose::morris_direction)) < 0.5;
      position[f] = moves_up[f] ? base : base + step_intervals;
    }
    auto order_draws = stream.sequence(trajectory, 0, word(DesignPurpose::morris_order));
    const std::vector<std::uint32_t> order =
        random_permutation(static_cast<std::uint32_t>(factors), order_draws);
    const auto append_row = [&] {
      for (std::size_t f = 0; f < factors; ++f) {
        design.values.push_back(static_cast<double>(position[f]) / last_level);
      }
    };
    append_row();
    for (const std::uint32_t f : order) {
      position[f] = moves_up[f] ? position[f] + step_intervals : position[f] - step_intervals;
      append_row();
    }
  }
  return design;
}

}  // namespace policysim::sensitivity
