#include "sim/core/elementary.hpp"

#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <functional>

namespace policysim::core {
namespace {

// How many doubles lie between a and b (both finite, of the same sign).
std::uint64_t ulps_apart(double a, double b) {
  const auto x = std::bit_cast<std::int64_t>(a), y = std::bit_cast<std::int64_t>(b);
  return static_cast<std::uint64_t>(x > y ? x - y : y - x);
}

// The largest distance in ulps between f and a long-double reference rounded to double, over
// `count` points from `from` on, each `factor` times the last (or `step` more).
std::uint64_t worst_ulps(const std::function<double(double)>& f,
                         const std::function<long double(long double)>& reference, double from,
                         double step, double factor, int count) {
  std::uint64_t worst = 0;
  double x = from;
  for (int i = 0; i < count; ++i, x = x * factor + step) {
    const auto expected = static_cast<double>(reference(static_cast<long double>(x)));
    worst = std::max(worst, ulps_apart(f(x), expected));
  }
  return worst;
}

}  // namespace

TEST_CASE("the elementary functions are exact where the result is representable",
          "[core][elementary]") {
  CHECK(exp(0.0) == 1.0);
  CHECK(log(1.0) == 0.0);
  CHECK(log1p(0.0) == 0.0);
  CHECK(exp2(3.0) == 8.0);
  CHECK(exp2(-1.0) == 0.5);
  CHECK(pow(2.0, 10.0) == 1024.0);
  CHECK(pow(0.5, 2.0) == 0.25);
  CHECK(cos(0.0) == 1.0);
}

TEST_CASE("the elementary functions are within 1 ulp of their values in extended precision",
          "[core][elementary]") {
  // The references are the x87 long-double functions (64-bit significands) rounded to double,
  // so they are within about half an ulp of the true values; SLEEF's and glibc's are within 1.
  CHECK(worst_ulps(
            exp, [](long double x) { return std::exp(x); }, -40.0, 0.001, 1.0, 80000) <= 1);
  CHECK(worst_ulps(
            log, [](long double x) { return std::log(x); }, 1e-8, 0.0, 1.0001, 250000) <= 1);
  CHECK(worst_ulps(
            log1p, [](long double x) { return std::log1p(x); }, 1e-9, 0.0, 1.0002, 150000) <= 1);
  CHECK(worst_ulps(
            exp2, [](long double x) { return std::exp2(x); }, -30.0, 0.00075, 1.0, 80000) <= 1);
  CHECK(worst_ulps([](double x) { return pow(x, 2.5); },
                   [](long double x) { return std::pow(x, 2.5L); }, 1e-3, 0.0, 1.0001,
                   100000) <= 1);
  CHECK(worst_ulps([](double x) { return pow(0.93, x); },
                   [](long double x) { return std::pow(static_cast<long double>(0.93), x); }, 1.0,
                   1.0, 1.0, 200) <= 1);
  CHECK(worst_ulps(
            cos, [](long double x) { return std::cos(x); }, 0.0, 0.0007, 1.0, 2000) <= 1);
  // lgamma of the whole numbers the binomial and Poisson draws ask for, log((k-1)!): glibc's
  // lgamma is looser than the others (its manual lists errors up to 4 ulps on x86-64).
  CHECK(worst_ulps(
            lgamma, [](long double x) { return std::lgamma(x); }, 3.0, 1.0, 1.0, 500) <= 4);
  CHECK(lgamma(5.0) == Approx(std::log(24.0)).epsilon(1e-15));
}

}  // namespace policysim::core
