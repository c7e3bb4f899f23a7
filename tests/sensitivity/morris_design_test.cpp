#include "sim/sensitivity/morris_design.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <set>
#include <vector>

#include "sim/sensitivity/design.hpp"

using namespace policysim::sensitivity;

namespace {

// Checks one trajectory: values on the p-level grid, and each step moving exactly one factor by
// ±Δ, every factor once.
void check_trajectory(const UnitDesign& design, std::size_t first_row, std::size_t levels) {
  const std::size_t k = design.factors;
  const double step = static_cast<double>(levels) / (2.0 * static_cast<double>(levels - 1));
  for (std::size_t row = first_row; row <= first_row + k; ++row) {
    for (std::size_t f = 0; f < k; ++f) {
      const double value = design.at(row, f);
      const double level = value * static_cast<double>(levels - 1);
      INFO("row " << row << ", factor " << f << ": " << value);
      REQUIRE(value >= 0.0);
      REQUIRE(value <= 1.0);
      REQUIRE(std::abs(level - std::round(level)) < 1e-12);
    }
  }
  std::set<std::size_t> moved;
  for (std::size_t row = first_row + 1; row <= first_row + k; ++row) {
    std::vector<std::size_t> changed;
    for (std::size_t f = 0; f < k; ++f) {
      if (design.at(row, f) != design.at(row - 1, f)) changed.push_back(f);
    }
    INFO("row " << row);
    REQUIRE(changed.size() == 1);
    const double change = design.at(row, changed[0]) - design.at(row - 1, changed[0]);
    CHECK(std::abs(change) == Approx(step).margin(1e-15));
    moved.insert(changed[0]);
  }
  CHECK(moved.size() == k);
}

}  // namespace

TEST_CASE("a Morris trajectory moves one factor at a time by ±Δ, every factor once",
          "[sensitivity][morris]") {
  for (const std::size_t levels : {2, 4, 6, 8}) {
    const std::size_t factors = 5;
    const std::size_t trajectories = 30;
    const auto design = make_design({.kind = DesignKind::morris,
                                     .factors = factors,
                                     .points = trajectories,
                                     .morris_levels = levels,
                                     .seed = 5});
    REQUIRE(design.rows() == trajectories * (factors + 1));
    for (std::size_t t = 0; t < trajectories; ++t) {
      INFO(levels << " levels, trajectory " << t);
      check_trajectory(design, t * (factors + 1), levels);
    }
  }
}

TEST_CASE("Morris's step is p/(2(p-1))", "[sensitivity][morris]") {
  CHECK(morris_step(4) == Approx(2.0 / 3.0));
  CHECK(morris_step(2) == 1.0);
  CHECK(morris_step(6) == Approx(0.6));
}

// With p = 4 a factor starts at level 0 or 1 and moves up, or at 2 or 3 and moves down, each of
// the four with probability 1/4, and the first factor moved is any of k with probability 1/k.
// Over 400 trajectories each count is Binomial(400, 1/4) (mean 100, sd 8.7) or Binomial(400, 1/3)
// (mean 133, sd 9.4); more than 40 from the mean is over 4 sd, probability under 1e-4 per count.
TEST_CASE("Morris starts, directions and orders are drawn evenly", "[sensitivity][morris]") {
  const std::size_t factors = 3;
  const std::size_t trajectories = 400;
  const auto design = morris_design(factors, trajectories, 4, 99);
  std::vector<int> start_level(4, 0);
  std::vector<int> first_moved(factors, 0);
  for (std::size_t t = 0; t < trajectories; ++t) {
    const std::size_t row = t * (factors + 1);
    ++start_level[static_cast<std::size_t>(std::lround(design.at(row, 0) * 3))];
    for (std::size_t f = 0; f < factors; ++f) {
      if (design.at(row + 1, f) != design.at(row, f)) ++first_moved[f];
    }
  }
  for (const int count : start_level) CHECK(std::abs(count - 100) < 40);
  for (const int count : first_moved) CHECK(std::abs(count - 133) < 40);
  CHECK(morris_design(factors, trajectories, 4, 99).values == design.values);
  CHECK(morris_design(factors, trajectories, 4, 100).values != design.values);
}
