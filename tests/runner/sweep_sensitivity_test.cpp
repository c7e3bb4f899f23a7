// The measures of a sweep from its points' values: Morris elementary effects per unit of a
// factor's range, or of its probability for a distribution, whatever part of the probability
// scale a Morris design's levels span.

#include <catch2/catch.hpp>

#include <vector>

#include "sim/runner/sweep_points.hpp"
#include "sim/runner/sweep_sensitivity.hpp"

using policysim::runner::factor_probability;
using policysim::runner::sweep_sensitivity;
using policysim::scenario::DistributionKind;
using policysim::scenario::Sweep;
using policysim::scenario::SweepDesign;
using policysim::scenario::SweepFactor;

TEST_CASE("Morris effects are per unit of a range, and of a distribution's probability",
          "[runner][sweep]") {
  Sweep sweep;
  sweep.design = SweepDesign::morris;
  sweep.points = 6;
  sweep.levels = 4;
  sweep.seed = 3;
  SweepFactor open;  // a normal cut only at its valid range: levels at probabilities 1/8 .. 7/8
  open.column = "psi0";
  open.low = -50;
  open.high = 50;
  open.distribution.kind = DistributionKind::normal;
  open.distribution.mean = -5;
  open.distribution.sd = 0.5;
  open.distribution.open = true;
  SweepFactor range;
  range.column = "gamma";
  range.low = 0.1;
  range.high = 0.3;
  sweep.factors = {open, range};
  const auto design = policysim::sensitivity::make_design(design_request(sweep));

  // An outcome of 2 per unit of the first factor's probability and 3 over the second's range:
  // every effect is exactly that, so mu = mu* = 2 and 3, and sigma = 0.
  std::vector<double> outputs;
  for (std::size_t row = 0; row < design.rows(); ++row) {
    outputs.push_back(2 * factor_probability(open, design.at(row, 0), sweep) +
                      3 * design.at(row, 1));
  }
  const auto measures =
      sweep_sensitivity(sweep, design, {"y"}, [&](std::size_t) { return outputs; });
  REQUIRE(measures.rows.size() == 2);
  CHECK(measures.rows[0].factor == "psi0");
  CHECK(measures.rows[0].mu_star == Approx(2).epsilon(1e-12));
  CHECK(measures.rows[0].mu == Approx(2).epsilon(1e-12));
  CHECK(measures.rows[0].sigma == Approx(0).margin(1e-12));
  CHECK(measures.rows[1].mu_star == Approx(3).epsilon(1e-12));
  CHECK(measures.rows[1].sigma == Approx(0).margin(1e-12));
}
