#include "sim/sensitivity/saltelli_design.hpp"

#include <catch2/catch.hpp>

#include <cstddef>

#include "sim/sensitivity/design.hpp"
#include "sim/sensitivity/sobol_design.hpp"

using namespace policysim::sensitivity;

TEST_CASE("a Saltelli design has N(k+2) rows in blocks A, B, AB^(0..k-1)",
          "[sensitivity][saltelli]") {
  const std::size_t factors = 4;
  const std::size_t base_samples = 16;
  const auto design =
      make_design({.kind = DesignKind::saltelli, .factors = factors, .points = base_samples});
  REQUIRE(design.factors == factors);
  REQUIRE(design.rows() == base_samples * (factors + 2));
  REQUIRE(design_rows({.kind = DesignKind::saltelli, .factors = factors, .points = base_samples}) ==
          96);
  // A and B are the two halves of the 2k-dimensional Sobol' sequence.
  const auto sequence = sobol_design(2 * factors, base_samples);
  for (std::size_t j = 0; j < base_samples; ++j) {
    for (std::size_t f = 0; f < factors; ++f) {
      INFO("base sample " << j << ", factor " << f);
      const double a = design.at(saltelli_row_a(factors, j), f);
      const double b = design.at(saltelli_row_b(factors, j), f);
      CHECK(a == sequence.at(j, f));
      CHECK(b == sequence.at(j, factors + f));
      // AB^(i) is A with column i from B.
      for (std::size_t i = 0; i < factors; ++i) {
        CHECK(design.at(saltelli_row_ab(factors, j, i), f) == (f == i ? b : a));
      }
    }
  }
}

// With one factor, A and B are the first and second dimensions of the sequence, whose points
// after the origin are published (SciPy's test_qmc.py, TestSobol.unscramble_nd): (0.5, 0.5),
// (0.75, 0.25), (0.25, 0.75). Each block is then A_j, B_j, AB_j = B_j.
TEST_CASE("a one-factor Saltelli design is the published Sobol' pairs", "[sensitivity][saltelli]") {
  const auto design = make_design({.kind = DesignKind::saltelli, .factors = 1, .points = 3});
  const std::vector<double> expected = {0.5, 0.5, 0.5, 0.75, 0.25, 0.25, 0.25, 0.75, 0.75};
  CHECK(design.values == expected);
}
