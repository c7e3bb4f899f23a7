// A sweep's unit design mapped onto its factors: ranges with exact ends, value lists by level or
// by share of the unit interval, quarters rounded, distributions by their quantiles; points named
// in order.

#include <catch2/catch.hpp>

#include "sim/runner/sweep_points.hpp"

using policysim::runner::factor_probability;
using policysim::runner::factor_value;
using policysim::runner::point_name;
using policysim::runner::point_of_name;
using policysim::runner::probability_per_unit;
using policysim::scenario::DistributionKind;
using policysim::scenario::FactorKind;
using policysim::scenario::Sweep;
using policysim::scenario::SweepDesign;
using policysim::scenario::SweepFactor;

namespace {

Sweep sweep_of(SweepDesign design, std::size_t levels = 0) {
  Sweep sweep;
  sweep.design = design;
  sweep.levels = levels;
  return sweep;
}

const Sweep kGrid = sweep_of(SweepDesign::grid, 3);
const Sweep kSampled = sweep_of(SweepDesign::latin_hypercube);

/// psi0 (valid range [-50, 50]) as a normal of mean -5 and sd 0.5, open or cut to [low, high].
SweepFactor normal_factor(bool open, double low = -50, double high = 50) {
  SweepFactor factor;
  factor.target = "psi0";
  factor.low = low;
  factor.high = high;
  factor.distribution.kind = DistributionKind::normal;
  factor.distribution.mean = -5;
  factor.distribution.sd = 0.5;
  factor.distribution.open = open;
  return factor;
}

}  // namespace

TEST_CASE("a range maps the unit interval onto itself, both ends exact", "[runner][sweep]") {
  SweepFactor factor;
  factor.low = 0.1;
  factor.high = 0.3;
  // 0.1 + 1 * (0.3 - 0.1) is 0.30000000000000004 in doubles; the end must be 0.3 itself.
  CHECK(factor_value(factor, 0.0, kGrid) == 0.1);
  CHECK(factor_value(factor, 1.0, kGrid) == 0.3);
  CHECK(factor_value(factor, 0.5, kSampled) == Approx(0.2).epsilon(1e-15));
}

TEST_CASE("a value list takes a grid's levels in order, elsewhere equal shares",
          "[runner][sweep]") {
  SweepFactor factor;
  factor.values = {1.5, 3.0, 4.5};
  // A grid's level i of 3 sits at i/2.
  CHECK(factor_value(factor, 0.0, kGrid) == 1.5);
  CHECK(factor_value(factor, 0.5, kGrid) == 3.0);
  CHECK(factor_value(factor, 1.0, kGrid) == 4.5);
  // Elsewhere each value owns a third: [0, 1/3), [1/3, 2/3), [2/3, 1].
  CHECK(factor_value(factor, 0.33, kSampled) == 1.5);
  CHECK(factor_value(factor, 0.34, kSampled) == 3.0);
  CHECK(factor_value(factor, 0.99, kSampled) == 4.5);
  CHECK(factor_value(factor, 1.0, kSampled) == 4.5);
}

TEST_CASE("a start or an end is a whole quarter", "[runner][sweep]") {
  SweepFactor factor;
  factor.kind = FactorKind::intervention_start;
  factor.low = 2003.0;    // 2003Q1
  factor.high = 2005.75;  // 2005Q4: 11 quarters on
  // 0.5 of 11 quarters is 5.5, rounded to the nearest quarter: 2004Q2 or 2004Q3, never between.
  const double middle = factor_value(factor, 0.5, kSampled);
  CHECK((middle == 2004.25 || middle == 2004.5));
  CHECK(factor_value(factor, 0.1, kSampled) == 2003.25);  // 1.1 quarters on: 2003Q2
  CHECK(factor_value(factor, 1.0, kSampled) == 2005.75);
}

TEST_CASE("a distribution takes its quantile at the design's coordinate", "[runner][sweep]") {
  // A sampled design's coordinate is the probability: the 97.5% point is mean + 1.959964 sd.
  const SweepFactor open = normal_factor(true);
  CHECK(factor_value(open, 0.975, kSampled) == Approx(-5 + 1.9599639845 * 0.5).epsilon(1e-9));
  CHECK(factor_value(open, 0.5, kSampled) == Approx(-5).epsilon(1e-12));
  // Cut to [-5, -4], 0 to 2 sd: its median is z((Phi(0) + Phi(2)) / 2) = 0.6391119109 sd above
  // the mean (statistics.NormalDist).
  const SweepFactor cut = normal_factor(false, -5, -4);
  CHECK(factor_value(cut, 0.5, kSampled) == Approx(-5 + 0.6391119109 * 0.5).epsilon(1e-9));
  // A grid takes a cut distribution's quantiles at its levels, the range's ends included.
  CHECK(factor_value(cut, 0.0, kGrid) == -5);
  CHECK(factor_value(cut, 1.0, kGrid) == -4);
  CHECK(probability_per_unit(cut, kGrid) == 1.0);

  SweepFactor triangular;
  triangular.low = 1;
  triangular.high = 4;
  triangular.distribution.kind = DistributionKind::triangular;
  triangular.distribution.mode = 2;
  // F(mode) = 1/3; above it x = 4 - sqrt((1 - p)(4 - 1)(4 - 2)): at the grid's middle level,
  // 4 - sqrt(3).
  CHECK(factor_value(triangular, 0.5, kGrid) == Approx(2.2679491924).epsilon(1e-9));
}

TEST_CASE("an open distribution's Morris levels are the middles of equally probable cells",
          "[runner][sweep]") {
  const Sweep morris = sweep_of(SweepDesign::morris, 4);
  const SweepFactor open = normal_factor(true);
  // Level i of 4 is the probability (i + 1/2)/4: 1/8, 3/8, 5/8, 7/8, never the valid bounds.
  CHECK(factor_probability(open, 0.0, morris) == 0.125);
  CHECK(factor_probability(open, 1.0 / 3.0, morris) == Approx(0.375).epsilon(1e-15));
  CHECK(factor_probability(open, 1.0, morris) == 0.875);
  CHECK(probability_per_unit(open, morris) == 0.75);
  // z(1/8) = -1.1503493804 and z(3/8) = -0.3186393640 (statistics.NormalDist).
  CHECK(factor_value(open, 0.0, morris) == Approx(-5 - 1.1503493804 * 0.5).epsilon(1e-9));
  CHECK(factor_value(open, 1.0 / 3.0, morris) == Approx(-5 - 0.3186393640 * 0.5).epsilon(1e-9));
  CHECK(factor_value(open, 1.0, morris) == Approx(-5 + 1.1503493804 * 0.5).epsilon(1e-9));
  // A cut one takes its levels as a range does, its ends included; a sampled design's
  // coordinates are probabilities as they are.
  const SweepFactor cut = normal_factor(false, -5, -4);
  CHECK(factor_probability(cut, 0.0, morris) == 0.0);
  CHECK(factor_value(cut, 1.0, morris) == -4);
  CHECK(factor_probability(open, 0.3, kSampled) == 0.3);
}

TEST_CASE("points are named in order, padded to the last point's digits", "[runner][sweep]") {
  CHECK(point_name(0, 1) == "p0");
  CHECK(point_name(7, 120) == "p007");
  CHECK(point_name(119, 120) == "p119");
  CHECK(point_name(9, 10) == "p9");
  CHECK(point_name(10, 11) == "p10");
}

TEST_CASE("a point is found from its name, and only from its own name", "[runner][sweep]") {
  CHECK(point_of_name("p007", 120) == 7u);
  CHECK(point_of_name("p119", 120) == 119u);
  CHECK(point_of_name("p0", 1) == 0u);
  CHECK_FALSE(point_of_name("p7", 120));    // not padded as the sweep's names are
  CHECK_FALSE(point_of_name("p120", 120));  // past the last point
  CHECK_FALSE(point_of_name("baseline", 120));
  CHECK_FALSE(point_of_name("p", 120));
  CHECK_FALSE(point_of_name("p-01", 120));
}
