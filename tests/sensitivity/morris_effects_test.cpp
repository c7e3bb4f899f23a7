#include "sim/sensitivity/morris_effects.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "sim/sensitivity/design.hpp"

using namespace policysim::sensitivity;
using Catch::Contains;

// One factor, two trajectories worked by hand on the 4-level grid (Δ = 2/3):
//   0 -> 2/3 with outputs 0 -> -2: effect -2 / (2/3) = -3;
//   1 -> 1/3 with outputs 5 -> 4:  effect -1 / (-2/3) = 1.5.
// mu = -0.75, mu* = 2.25, sigma = sqrt(((-3+0.75)^2 + (1.5+0.75)^2) / 1) = 2.25 sqrt(2).
TEST_CASE("Morris effects are the mean, mean absolute and spread of elementary effects",
          "[sensitivity][morris_effects]") {
  const UnitDesign design{.factors = 1, .values = {0.0, 2.0 / 3.0, 1.0, 1.0 / 3.0}};
  const std::vector<double> outputs = {0.0, -2.0, 5.0, 4.0};
  const auto effects = morris_effects(design, outputs);
  REQUIRE(effects.size() == 1);
  CHECK(effects[0].mu == Approx(-0.75));
  CHECK(effects[0].mu_star == Approx(2.25));
  CHECK(effects[0].sigma == Approx(2.25 * std::sqrt(2.0)));
}

// A linear response y = sum c_i x_i with factor i spanning [lo_i, hi_i]: every elementary effect
// of factor i is exactly c_i (hi_i - lo_i), so mu = c_i (hi_i - lo_i), mu* = |c_i| (hi_i - lo_i),
// sigma = 0, and the inert factor (c = 0) has no effect at all, whatever the design's draws.
TEST_CASE("Morris effects of a linear response are its coefficients times the ranges",
          "[sensitivity][morris_effects]") {
  const std::vector<double> coefficient = {3.0, -2.0, 0.0, 0.5};
  const std::vector<double> low = {0.0, 10.0, -1.0, 100.0};
  const std::vector<double> high = {1.0, 14.0, 1.0, 300.0};
  const auto design = make_design(
      {.kind = DesignKind::morris, .factors = 4, .points = 20, .morris_levels = 6, .seed = 3});
  std::vector<double> outputs;
  for (std::size_t row = 0; row < design.rows(); ++row) {
    double y = 0;
    for (std::size_t f = 0; f < 4; ++f) {
      y += coefficient[f] * (low[f] + (high[f] - low[f]) * design.at(row, f));
    }
    outputs.push_back(y);
  }
  const auto effects = morris_effects(design, outputs);
  REQUIRE(effects.size() == 4);
  for (std::size_t f = 0; f < 4; ++f) {
    const double range = high[f] - low[f];
    INFO("factor " << f);
    CHECK(effects[f].mu == Approx(coefficient[f] * range).margin(1e-9));
    CHECK(effects[f].mu_star == Approx(std::abs(coefficient[f]) * range).margin(1e-9));
    CHECK(effects[f].sigma == Approx(0.0).margin(1e-9));
  }
}

namespace {

// Sobol's G-function: prod_i (|4x_i - 2| + a_i) / (1 + a_i); a large a_i makes factor i inert.
double g_function(const UnitDesign& design, std::size_t row, const std::vector<double>& a) {
  double product = 1;
  for (std::size_t f = 0; f < a.size(); ++f) {
    product *= (std::abs(4 * design.at(row, f) - 2) + a[f]) / (1 + a[f]);
  }
  return product;
}

}  // namespace

// G-function with a = 0, 1, 9, 99, 99 on 4 levels (Δ = 2/3). On that grid |4x-2| is 2 or 2/3
// and each step changes it by exactly 4/3, so a step of factor i has the effect 2/(1+a_i) times
// the other factors' terms, each between (2/3+a_j)/(1+a_j) and (2+a_j)/(1+a_j). Bounds that hold
// for every design, so the test cannot fail by chance (false-failure rate 0):
//   mu*_0 >= 2 (5/6)(29/30)(299/300)^2 = 1.6004;   mu*_2 >= 0.2 (2/3)(5/6)(299/300)^2 = 0.1104;
//   mu*_3, mu*_4 <= 0.02 (2)(3/2)(11/10)(101/100) = 0.0667: the inert factors rank last.
TEST_CASE("Morris screening puts the G-function's inert factors last",
          "[sensitivity][morris_effects]") {
  const std::vector<double> a = {0, 1, 9, 99, 99};
  const auto design = make_design(
      {.kind = DesignKind::morris, .factors = 5, .points = 40, .morris_levels = 4, .seed = 17});
  std::vector<double> outputs;
  for (std::size_t row = 0; row < design.rows(); ++row)
    outputs.push_back(g_function(design, row, a));
  const auto effects = morris_effects(design, outputs);
  CHECK(effects[0].mu_star >= 1.6);
  CHECK(effects[2].mu_star >= 0.11);
  CHECK(effects[3].mu_star <= 0.067);
  CHECK(effects[4].mu_star <= 0.067);
}

TEST_CASE("Morris effects refuse designs and outputs that do not fit",
          "[sensitivity][morris_effects]") {
  const UnitDesign one_factor{.factors = 1, .values = {0.0, 2.0 / 3.0, 1.0, 1.0 / 3.0}};
  const std::vector<double> outputs = {0.0, -2.0, 5.0, 4.0};
  CHECK_THROWS_WITH(morris_effects(one_factor, std::span(outputs).first(3)),
                    Contains("3 outputs for a design of 4 rows; give one output per row"));
  const UnitDesign one_trajectory{.factors = 1, .values = {0.0, 2.0 / 3.0}};
  CHECK_THROWS_WITH(morris_effects(one_trajectory, std::span(outputs).first(2)),
                    Contains("2 rows for 1 factors is not a Morris design of at least 2 "
                             "trajectories (2 rows each)"));
  // Two factors: row 1 moves both.
  const UnitDesign both{.factors = 2, .values = {0, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1, 1}};
  const std::vector<double> six(6, 1.0);
  CHECK_THROWS_WITH(morris_effects(both, six),
                    Contains("row 1 moves factors 0 and 1 at once; give the rows of a Morris "
                             "design, one factor per step"));
  // Row 2 moves nothing.
  const UnitDesign still{.factors = 2, .values = {0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 1, 1}};
  CHECK_THROWS_WITH(morris_effects(still, six), Contains("row 2 moves no factor"));
  // Trajectory 1 moves factor 0 twice.
  const UnitDesign twice{.factors = 2, .values = {0, 0, 1, 0, 1, 1, 0, 0, 1, 0, 0, 0}};
  CHECK_THROWS_WITH(morris_effects(twice, six),
                    Contains("trajectory 1 (rows 3 to 5) moves factor 0 twice"));
  std::vector<double> missing = outputs;
  missing[2] = std::numeric_limits<double>::infinity();
  CHECK_THROWS_WITH(morris_effects(one_factor, missing), Contains("the output of row 2 is inf"));
}
