#include "sim/sensitivity/bootstrap_interval.hpp"

#include <array>
#include <limits>
#include <vector>

#include "sim/core/reduce.hpp"

namespace policysim::sensitivity {

Interval percentile_interval(double estimate, std::span<const double> replicates) {
  if (replicates.empty()) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    return {estimate, nan, nan};
  }
  constexpr std::array<double, 2> kBounds = {0.025, 0.975};
  const std::vector<double> bounds = core::quantiles(replicates, kBounds);
  return {estimate, bounds[0], bounds[1]};
}

}  // namespace policysim::sensitivity
