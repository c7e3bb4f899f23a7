#pragma once
// Morris's elementary effects from the outputs of a Morris design (design.hpp).
//
// Each step of a trajectory moves one factor i by ±Δ in the unit hypercube; its elementary effect
// is (f(after) - f(before)) / (signed change of x_i). Over the r trajectories:
//   mu      = mean of the effects (signed: effects of opposite sign cancel),
//   mu_star = mean of their absolute values (Campolongo et al. 2007: the ranking measure),
//   sigma   = their standard deviation, divisor r-1 (interaction or non-linearity).
// Effects are per unit of the unit interval: for a factor spanning [lo, hi], a linear response
// y = c x gives mu_star = |c| (hi - lo).

#include <cstddef>
#include <span>
#include <vector>

#include "sim/sensitivity/design.hpp"

namespace policysim::sensitivity {

struct MorrisEffect {
  double mu, mu_star, sigma;
};

/// One effect summary per factor. `design` has the Morris layout (trajectories of k+1 rows, each
/// row moving one factor, every factor once per trajectory; at least 2 trajectories) and `outputs`
/// one value per row. Throws std::invalid_argument otherwise, or for a non-finite output,
/// naming the row.
std::vector<MorrisEffect> morris_effects(const UnitDesign& design, std::span<const double> outputs);

}  // namespace policysim::sensitivity
