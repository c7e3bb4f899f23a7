#include "sim/sensitivity/design.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>

using namespace policysim::sensitivity;
using Catch::Contains;

TEST_CASE("design_rows counts make_design's rows for every kind", "[sensitivity][design]") {
  const std::vector<DesignRequest> requests = {
      {.kind = DesignKind::grid, .factors = 2, .grid_levels = {3, 4}},
      {.kind = DesignKind::random, .factors = 3, .points = 17},
      {.kind = DesignKind::latin_hypercube, .factors = 3, .points = 17},
      {.kind = DesignKind::sobol, .factors = 3, .points = 17},
      {.kind = DesignKind::saltelli, .factors = 3, .points = 8},
      {.kind = DesignKind::morris, .factors = 3, .points = 10},
  };
  const std::vector<std::size_t> expected = {12, 17, 17, 17, 40, 40};  // 8 x 5, 10 x 4
  for (std::size_t i = 0; i < requests.size(); ++i) {
    INFO(design_kind_name(requests[i].kind));
    CHECK(design_rows(requests[i]) == expected[i]);
    const auto design = make_design(requests[i]);
    CHECK(design.factors == requests[i].factors);
    CHECK(design.rows() == expected[i]);
    CHECK(design.values.size() == expected[i] * requests[i].factors);
  }
}

TEST_CASE("design kinds are named as a sweep file writes them", "[sensitivity][design]") {
  for (const auto kind : {DesignKind::grid, DesignKind::random, DesignKind::latin_hypercube,
                          DesignKind::sobol, DesignKind::saltelli, DesignKind::morris}) {
    CHECK(design_kind_from_name(design_kind_name(kind)) == kind);
  }
  CHECK(design_kind_name(DesignKind::latin_hypercube) == "latin_hypercube");
  CHECK_FALSE(design_kind_from_name("lhs"));
}

TEST_CASE("bad design requests are refused with what is wrong and how to fix it",
          "[sensitivity][design]") {
  const auto refused = [](const DesignRequest& request, const char* message) {
    INFO(message);
    CHECK_THROWS_WITH(design_rows(request), Contains(message));
    CHECK_THROWS_AS(make_design(request), std::invalid_argument);
  };
  refused({.kind = DesignKind::random, .factors = 0, .points = 5},
          "random design: no factors to vary; list at least one factor");
  refused({.kind = DesignKind::random, .factors = 2, .points = 0},
          "random design: needs at least 1 point (got 0)");
  refused({.kind = DesignKind::latin_hypercube, .factors = 2, .points = 0},
          "latin_hypercube design: needs at least 1 point (got 0)");
  refused({.kind = DesignKind::grid, .factors = 3, .grid_levels = {2, 2}},
          "grid design: grid_levels gives 2 level counts for 3 factors; give one level count per "
          "factor");
  refused({.kind = DesignKind::grid, .factors = 2, .grid_levels = {2, 0}},
          "grid design: factor 1 has 0 levels; give it at least 1");
  refused({.kind = DesignKind::grid, .factors = 3, .grid_levels = {65536, 65536, 2}},
          "grid design: more than 4294967295 rows; ask for fewer points or levels");
  refused({.kind = DesignKind::saltelli, .factors = 3, .points = 1},
          "saltelli design: needs at least 2 base samples N (rows N*(k+2)) (got 1)");
  refused({.kind = DesignKind::saltelli, .factors = 1834, .points = 4},
          "saltelli design: needs 3668 dimensions of the Sobol' sequence, more than the 3667 "
          "available");
  refused({.kind = DesignKind::sobol, .factors = 3668, .points = 4},
          "sobol design: needs 3668 dimensions");
  refused({.kind = DesignKind::morris, .factors = 3, .points = 1},
          "morris design: needs at least 2 trajectories r (rows r*(k+1)) (got 1)");
  refused({.kind = DesignKind::morris, .factors = 3, .points = 10, .morris_levels = 5},
          "morris design: the number of levels p must be even and at least 2 (got 5); 4 is usual");
  refused({.kind = DesignKind::morris, .factors = 3, .points = 10, .morris_levels = 0},
          "must be even and at least 2 (got 0)");
  refused({.kind = DesignKind::random, .factors = 2, .points = 0x100000000ULL},
          "random design: more than 4294967295 rows");
  refused({.kind = DesignKind::morris, .factors = 1, .points = 0x80000000ULL},
          "morris design: more than 4294967295 rows");
  refused({.kind = static_cast<DesignKind>(42), .factors = 1, .points = 1},
          "design: unknown kind 42");
}
