#include "sim/core/streamed_sum.hpp"

#include <catch2/catch.hpp>

#include <vector>

#include "sim/core/reduce.hpp"
#include "tests/support/bit_exact_sums.hpp"

using namespace policysim::core;
using policysim::testing::awkward_values;
using policysim::testing::same_bits;

TEST_CASE("a streamed sum has the bits of the deterministic sum of the same values",
          "[core][reduce][determinism]") {
  // Within one block, at odd splits, and many levels deep.
  for (std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{1000}, std::size_t{1001},
                        std::size_t{4097}, std::size_t{200003}}) {
    const auto values = awkward_values(n);
    StreamedSum streamed(n, 1000);
    for (const double value : values) streamed.add(value);
    CHECK(streamed.complete());
    CHECK(same_bits(streamed.sum(), deterministic_sum(values, 1000)));
  }
}

TEST_CASE("the order of additions matters to the values the streamed sum is checked on",
          "[core][reduce]") {
  // Guards the test above: a plain running sum of these values has other bits, so agreeing
  // with the deterministic sum means following its tree.
  const auto values = awkward_values(200003);
  double running = 0.0;
  for (const double value : values) running += value;
  CHECK_FALSE(same_bits(running, deterministic_sum(values, 1000)));
}

TEST_CASE("a streamed sum refuses more values than announced", "[core][reduce]") {
  StreamedSum sum(2);
  sum.add(1.0);
  CHECK_FALSE(sum.complete());
  sum.add(2.0);
  CHECK(sum.complete());
  CHECK(sum.sum() == 3.0);
  CHECK_THROWS_AS(sum.add(3.0), std::logic_error);
}
