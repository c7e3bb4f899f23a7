#include "sim/bench/timings.hpp"

#include <catch2/catch.hpp>

using namespace policysim::bench;

TEST_CASE("benchmark timings give the median and the range of their samples", "[bench]") {
  Timings timings{{3.0, 1.0, 2.0, 10.0}};
  CHECK(timings.median() == 2.5);
  CHECK(timings.min() == 1.0);
  CHECK(timings.max() == 10.0);
  CHECK(Timings{}.median() == 0.0);
}
