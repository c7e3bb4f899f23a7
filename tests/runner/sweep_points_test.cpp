// A sweep's unit design mapped onto its factors: ranges with exact ends, value lists by level or
// by share of the unit interval, quarters rounded; points named in order.

#include <catch2/catch.hpp>

#include "sim/runner/sweep_points.hpp"

using policysim::runner::factor_value;
using policysim::runner::point_name;
using policysim::runner::point_of_name;
using policysim::scenario::FactorKind;
using policysim::scenario::SweepFactor;

TEST_CASE("a range maps the unit interval onto itself, both ends exact", "[runner][sweep]") {
  SweepFactor factor;
  factor.low = 0.1;
  factor.high = 0.3;
  // 0.1 + 1 * (0.3 - 0.1) is 0.30000000000000004 in doubles; the end must be 0.3 itself.
  CHECK(factor_value(factor, 0.0, true) == 0.1);
  CHECK(factor_value(factor, 1.0, true) == 0.3);
  CHECK(factor_value(factor, 0.5, false) == Approx(0.2).epsilon(1e-15));
}

TEST_CASE("a value list takes a grid's levels in order, elsewhere equal shares",
          "[runner][sweep]") {
  SweepFactor factor;
  factor.values = {1.5, 3.0, 4.5};
  // A grid's level i of 3 sits at i/2.
  CHECK(factor_value(factor, 0.0, true) == 1.5);
  CHECK(factor_value(factor, 0.5, true) == 3.0);
  CHECK(factor_value(factor, 1.0, true) == 4.5);
  // Elsewhere each value owns a third: [0, 1/3), [1/3, 2/3), [2/3, 1].
  CHECK(factor_value(factor, 0.33, false) == 1.5);
  CHECK(factor_value(factor, 0.34, false) == 3.0);
  CHECK(factor_value(factor, 0.99, false) == 4.5);
  CHECK(factor_value(factor, 1.0, false) == 4.5);
}

TEST_CASE("a start or an end is a whole quarter", "[runner][sweep]") {
  SweepFactor factor;
  factor.kind = FactorKind::intervention_start;
  factor.low = 2003.0;    // 2003Q1
  factor.high = 2005.75;  // 2005Q4: 11 quarters on
  // 0.5 of 11 quarters is 5.5, rounded to the nearest quarter: 2004Q2 or 2004Q3, never between.
  const double middle = factor_value(factor, 0.5, false);
  CHECK((middle == 2004.25 || middle == 2004.5));
  CHECK(factor_value(factor, 0.1, false) == 2003.25);  // 1.1 quarters on: 2003Q2
  CHECK(factor_value(factor, 1.0, false) == 2005.75);
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
