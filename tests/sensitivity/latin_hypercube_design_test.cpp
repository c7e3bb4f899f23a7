#include "sim/sensitivity/latin_hypercube_design.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <vector>

#include "sim/sensitivity/design.hpp"

using namespace policysim::sensitivity;

TEST_CASE("a Latin hypercube has one point in each stratum of each column",
          "[sensitivity][latin_hypercube]") {
  for (const std::size_t points : {1, 2, 7, 100}) {
    const auto design = make_design(
        {.kind = DesignKind::latin_hypercube, .factors = 5, .points = points, .seed = 11});
    REQUIRE(design.rows() == points);
    for (std::size_t f = 0; f < 5; ++f) {
      std::vector<int> count(points, 0);
      for (std::size_t row = 0; row < points; ++row) {
        const double value = design.at(row, f);
        REQUIRE(value >= 0.0);
        REQUIRE(value < 1.0);
        ++count[static_cast<std::size_t>(value * static_cast<double>(points))];
      }
      INFO(points << " points, factor " << f);
      CHECK(count == std::vector<int>(points, 1));
    }
  }
}

TEST_CASE("a Latin hypercube's columns are shuffled independently by the seed",
          "[sensitivity][latin_hypercube]") {
  const auto design = latin_hypercube_design(2, 200, 3);
  // Unshuffled strata would put both columns in the same stratum on every row.
  std::size_t same_stratum = 0;
  for (std::size_t row = 0; row < 200; ++row) {
    same_stratum +=
        static_cast<int>(design.at(row, 0) * 200) == static_cast<int>(design.at(row, 1) * 200);
  }
  // Independent permutations agree on a row with probability 1/200: the count of such rows is
  // about Poisson(1), 10 or more with probability about 1e-7.
  CHECK(same_stratum < 10);
  CHECK(latin_hypercube_design(2, 200, 3).values == design.values);
  CHECK(latin_hypercube_design(2, 200, 4).values != design.values);
}
