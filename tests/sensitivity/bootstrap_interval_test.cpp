#include "sim/sensitivity/bootstrap_interval.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using policysim::sensitivity::percentile_interval;

TEST_CASE("a bootstrap interval is the 2.5 and 97.5 percentiles of the replicates",
          "[sensitivity][bootstrap]") {
  // 0, 1, ..., 100 in a scrambled order: R's type 7 puts the p-quantile at p * 100.
  std::vector<double> replicates;
  for (int i = 0; i <= 100; ++i) replicates.push_back((i * 37) % 101);
  const auto interval = percentile_interval(42.0, replicates);
  CHECK(interval.estimate == 42.0);
  CHECK(interval.low == Approx(2.5));
  CHECK(interval.high == Approx(97.5));
}

TEST_CASE("a bootstrap interval without replicates is unknown", "[sensitivity][bootstrap]") {
  const auto interval = percentile_interval(1.0, {});
  CHECK(interval.estimate == 1.0);
  CHECK(std::isnan(interval.low));
  CHECK(std::isnan(interval.high));
}
