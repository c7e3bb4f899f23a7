#include "sim/sensitivity/sobol_design.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <vector>

#include "sim/sensitivity/design.hpp"

using policysim::sensitivity::DesignKind;
using policysim::sensitivity::make_design;
using policysim::sensitivity::sobol_design;

// Published first points of the unscrambled Sobol' sequence with Joe and Kuo's direction numbers,
// as in SciPy's scipy/stats/tests/test_qmc.py (TestSobol.unscramble_nd, "theoretical values from
// Joe Kuo2010"): (0,0), (0.5,0.5), (0.75,0.25), (0.25,0.75), (0.375,0.375), (0.875,0.875),
// (0.625,0.125), (0.125,0.625). The design leaves out the origin, so its row r is point r + 1.
TEST_CASE("the Sobol' design's first points are the published ones", "[sensitivity][sobol]") {
  const std::vector<std::vector<double>> published = {
      {0.5, 0.5},     {0.75, 0.25},   {0.25, 0.75},  {0.375, 0.375},
      {0.875, 0.875}, {0.625, 0.125}, {0.125, 0.625}};
  const auto design = make_design({.kind = DesignKind::sobol, .factors = 2, .points = 7});
  REQUIRE(design.rows() == 7);
  for (std::size_t row = 0; row < published.size(); ++row) {
    INFO("row " << row);
    CHECK(design.at(row, 0) == published[row][0]);
    CHECK(design.at(row, 1) == published[row][1]);
  }
}

// The third dimension, worked by hand from Joe and Kuo's table (new-joe-kuo-6.21201, line
// "3 2 1 1 3": polynomial x^2 + x + 1, m = 1, 3): m_3 = 2m_2 ^ 4m_1 ^ m_1 = 3 and
// m_4 = 2m_3 ^ 4m_2 ^ m_2 = 9, so the direction numbers are v = 1/2, 3/4, 3/8, 9/16. In Gray-code
// order point n is point n-1 XOR v_c, c the position of the lowest zero bit of n-1: 1/2, 1/4,
// 3/4, 5/8, 1/8, 7/8, 3/8, 15/16. The first dimension is van der Corput's sequence in the same
// order (SciPy's test_Unscrambled1DSobol: 0.5, 0.75, 0.25, 0.375, 0.875, 0.625, 0.125, 0.1875).
TEST_CASE("the third Sobol' dimension follows Joe and Kuo's direction numbers",
          "[sensitivity][sobol]") {
  const std::vector<double> first = {0.5, 0.75, 0.25, 0.375, 0.875, 0.625, 0.125, 0.1875};
  const std::vector<double> third = {0.5, 0.25, 0.75, 0.625, 0.125, 0.875, 0.375, 0.9375};
  const auto design = sobol_design(3, 8);
  for (std::size_t row = 0; row < third.size(); ++row) {
    INFO("row " << row);
    CHECK(design.at(row, 0) == first[row]);
    CHECK(design.at(row, 2) == third[row]);
  }
}

// SciPy's test_high_dim: the point after the origin is 0.5 in all of 1111 dimensions.
TEST_CASE("the first Sobol' point is the centre in every dimension", "[sensitivity][sobol]") {
  const auto design = sobol_design(1111, 1);
  for (std::size_t f = 0; f < 1111; ++f) REQUIRE(design.at(0, f) == 0.5);
}

// A (0, m, 1)-net property of the first dimension: any 2^m consecutive points from the start,
// together with the origin, put one point in each interval [i/2^m, (i+1)/2^m).
TEST_CASE("the Sobol' design's first 2^m - 1 points and the origin fill every stratum",
          "[sensitivity][sobol]") {
  const std::size_t strata = 64;
  const auto design = sobol_design(5, strata - 1);
  for (std::size_t f = 0; f < 5; ++f) {
    std::vector<int> count(strata, 0);
    count[0] = 1;  // the origin
    for (std::size_t row = 0; row < design.rows(); ++row) {
      ++count[static_cast<std::size_t>(design.at(row, f) * static_cast<double>(strata))];
    }
    INFO("factor " << f);
    CHECK(std::vector<int>(strata, 1) == count);
  }
}
