#include "sim/sensitivity/grid_design.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <vector>

#include "sim/sensitivity/design.hpp"

using namespace policysim::sensitivity;

TEST_CASE("a grid has every combination of levels, the last factor fastest",
          "[sensitivity][grid]") {
  // Levels i/(L-1): 2 levels at 0, 1; 3 levels at 0, 0.5, 1; a single level at 0.5.
  const auto design =
      make_design({.kind = DesignKind::grid, .factors = 3, .grid_levels = {2, 3, 1}});
  const std::vector<double> expected = {
      0, 0,   0.5,  //
      0, 0.5, 0.5,  //
      0, 1,   0.5,  //
      1, 0,   0.5,  //
      1, 0.5, 0.5,  //
      1, 1,   0.5,
  };
  CHECK(design.factors == 3);
  CHECK(design.values == expected);
}

TEST_CASE("a larger grid has each combination exactly once", "[sensitivity][grid]") {
  const std::vector<std::size_t> levels = {4, 5, 3, 2};
  const auto design = grid_design(levels);
  REQUIRE(design.rows() == std::size_t{4} * 5 * 3 * 2);
  std::set<std::vector<double>> rows;
  for (std::size_t row = 0; row < design.rows(); ++row) {
    rows.insert({design.at(row, 0), design.at(row, 1), design.at(row, 2), design.at(row, 3)});
  }
  CHECK(rows.size() == design.rows());
  for (std::size_t row = 0; row < design.rows(); ++row) {
    const std::size_t level = row / 30;  // of the first factor: 5 * 3 * 2 rows a level
    CHECK(design.at(row, 0) * 3 == Approx(static_cast<double>(level)));
  }
  CHECK(grid_level_value(1, 4) == Approx(1.0 / 3.0));
  CHECK(grid_level_value(3, 4) == 1.0);
}
