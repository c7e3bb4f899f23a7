#include "sim/core/reduce.hpp"

#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/parallel_reduce.h>

#include <catch2/catch.hpp>

#include <array>
#include <vector>

#include "tests/support/bit_exact_sums.hpp"

using namespace policysim::core;
using policysim::testing::awkward_values;
using policysim::testing::same_bits;

namespace {

double sum_at_threads(int threads, const std::vector<double>& values) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                            static_cast<std::size_t>(threads));
  return deterministic_sum(values, 1000);
}

}  // namespace

TEST_CASE("a deterministic sum has the same bits at 1, 2 and 4 threads",
          "[core][reduce][determinism]") {
  const auto values = awkward_values(200000);
  const double one = sum_at_threads(1, values);
  CHECK(same_bits(one, sum_at_threads(2, values)));
  CHECK(same_bits(one, sum_at_threads(4, values)));
  // Repeated runs at the same thread count agree too.
  CHECK(same_bits(sum_at_threads(4, values), sum_at_threads(4, values)));
}

TEST_CASE("a sum within one grain has the bits of the scheduler's reduction",
          "[core][reduce][determinism]") {
  // Small inputs skip the scheduler; the result must be what parallel_deterministic_reduce gives.
  for (std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{83}, std::size_t{2048}}) {
    const auto values = awkward_values(n);
    const double scheduled = tbb::parallel_deterministic_reduce(
        tbb::blocked_range<std::size_t>(0, n, 2048), 0.0,
        [&values](const tbb::blocked_range<std::size_t>& range, double partial) {
          for (std::size_t i = range.begin(); i != range.end(); ++i) partial += values[i];
          return partial;
        },
        [](double left, double right) { return left + right; });
    CHECK(same_bits(deterministic_sum(values, 2048), scheduled));
  }
}

TEST_CASE("several sums at once have the bits of each sum alone, at any thread count",
          "[core][reduce][determinism]") {
  // Each twin is the scheduler's deterministic reduction of one quantity over the same blocks.
  const auto values = awkward_values(100003);
  const auto term = [&values](std::size_t i, std::size_t j) {
    return j == 0 ? values[i] : (j == 1 ? values[i] * values[i] : -values[i] / 3.0);
  };
  std::array<double, 3> twins{};
  for (std::size_t j = 0; j < 3; ++j) {
    twins[j] = tbb::parallel_deterministic_reduce(
        tbb::blocked_range<std::size_t>(0, values.size(), 1000), 0.0,
        [&](const tbb::blocked_range<std::size_t>& range, double partial) {
          for (std::size_t i = range.begin(); i != range.end(); ++i) partial += term(i, j);
          return partial;
        },
        [](double left, double right) { return left + right; });
  }
  for (const int threads : {1, 2, 4}) {
    CAPTURE(threads);
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                              static_cast<std::size_t>(threads));
    const auto sums = deterministic_sums<3>(
        values.size(),
        [&](std::size_t i) {
          return std::array<double, 3>{term(i, 0), term(i, 1), term(i, 2)};
        },
        1000);
    for (std::size_t j = 0; j < 3; ++j) CHECK(same_bits(sums[j], twins[j]));
  }
}

TEST_CASE("deterministic sums and means agree with exact arithmetic", "[core][reduce]") {
  std::vector<double> values(10000);
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = static_cast<double>(i);
  // Integers below 2^53 add exactly: the sum is n(n-1)/2 whatever the order.
  CHECK(deterministic_sum(values, 64) == 49995000.0);
  CHECK(deterministic_mean(values, 64) == 4999.5);
  CHECK(deterministic_mean(std::vector<double>{}) == 0.0);
  CHECK(deterministic_sum(
            values.size(), [](std::size_t i) { return 2.0 * static_cast<double>(i); }, 64) ==
        99990000.0);
}

TEST_CASE("an integer sum counts exactly, serially within a grain and in parallel above",
          "[core][reduce]") {
  // Multiples of 7 below n: ceil(n / 7) of them; i % 5 summed over [0, n) with n = 5m: 10m.
  for (const int threads : {1, 2, 4}) {
    CAPTURE(threads);
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                              static_cast<std::size_t>(threads));
    CHECK(integer_sum(
              100000, [](std::size_t i) { return i % 7 == 0; }, 1000) == 14286);
    CHECK(integer_sum(
              100000, [](std::size_t i) { return i % 5; }, 1000) == 200000);
    CHECK(integer_sum(83, [](std::size_t i) { return i % 7 == 0; }) == 12);
    CHECK(integer_sum(0, [](std::size_t) { return 1; }) == 0);
  }
}

TEST_CASE("quantiles interpolate between order statistics as R's type 7", "[core][reduce]") {
  const std::vector<double> values = {4.0, 1.0, 3.0, 2.0};
  // R: quantile(c(1,2,3,4), c(0, .25, .5, .95, 1)) = 1, 1.75, 2.5, 3.85, 4
  CHECK(quantile(values, 0.0) == 1.0);
  CHECK(quantile(values, 0.25) == 1.75);
  CHECK(quantile(values, 0.5) == 2.5);
  CHECK(quantile(values, 0.95) == Approx(3.85));
  CHECK(quantile(values, 1.0) == 4.0);
  const std::vector<double> ps = {0.05, 0.5};
  const auto qs = quantiles(std::vector<double>{7.0}, ps);
  CHECK(qs == std::vector<double>{7.0, 7.0});
  CHECK_THROWS(quantile(std::vector<double>{}, 0.5));
  CHECK_THROWS(quantile(values, 1.5));
}
