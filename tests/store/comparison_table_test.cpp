#include "sim/store/comparison_table.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "store_test_support.hpp"

using namespace policysim::store;

TEST_CASE("comparisons round-trip, NaN as NULL and infinity as it is", "[store][compare]") {
  testing::TempDir dir;
  const auto database = dir.path() / "results.sqlite";
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  ComparisonRow a{"us_style", "base", "final_resistance",
                  40,         40,     0.49,
                  0.44,       0.05,   0.004,
                  0.049,      0.051,  0.0491,
                  0.0509,     1.13,   14.0,
                  0.9,        4.6};
  ComparisonRow b{"same", "base", "z2_year", 40,  0,   nan, nan, nan, nan,
                  nan,    nan,    nan,       nan, nan, nan, nan, inf};
  write_comparisons(database, {b, a});
  auto rows = read_comparisons(database);
  REQUIRE(rows.size() == 2);
  CHECK(rows[1] == a);  // ordered by arm: same, us_style
  CHECK(rows[0].outcome == "z2_year");
  CHECK(rows[0].pairs == 0);
  CHECK(std::isnan(rows[0].mean_diff));
  CHECK(std::isnan(rows[0].boot_high));
  CHECK(rows[0].vrf == inf);

  // A second write replaces the table.
  write_comparisons(database, {a});
  CHECK(read_comparisons(database).size() == 1);
}

TEST_CASE("a database without comparisons reads as none", "[store][compare]") {
  testing::TempDir dir;
  write_comparisons(dir.path() / "results.sqlite", {});
  CHECK(read_comparisons(dir.path() / "results.sqlite").empty());
}
