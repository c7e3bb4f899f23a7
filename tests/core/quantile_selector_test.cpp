#include "sim/core/quantile_selector.hpp"

#include <tbb/global_control.h>
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

#include "sim/core/reduce.hpp"

using policysim::core::quantiles;
using policysim::core::QuantileSelector;

namespace {

const std::vector<double> kProbabilities = {0.0, 0.05, 0.25, 0.5, 0.95, 1.0};

// The selector's quantiles, which must equal those of a full sort (core::quantiles) exactly. That
// the values are left as they were needs no check: select takes them as a span of const.
void check_against_sort(QuantileSelector& selector, const std::vector<double>& values) {
  std::vector<double> selected(kProbabilities.size());
  selector.select(values, kProbabilities, selected);
  const std::vector<double> sorted = quantiles(values, kProbabilities);
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    // Type 7 between infinite order statistics is NaN either way.
    CHECK((selected[i] == sorted[i] || (std::isnan(selected[i]) && std::isnan(sorted[i]))));
  }
}

}  // namespace

TEST_CASE("selected quantiles equal a full sort's, whatever the distribution", "[core][quantile]") {
  QuantileSelector selector;  // one selector throughout: its kept buffers must not leak across
  std::mt19937_64 engine(3);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<double> values(200001);

  SECTION("spread evenly") {
    for (double& v : values) v = unit(engine);
    check_against_sort(selector, values);
  }
  SECTION("clustered, with outliers: a bucket too full to gather is narrowed") {
    for (double& v : values) v = 0.3 + 1e-4 * unit(engine);
    values[7] = 0.0;
    values[9] = 1.0;
    check_against_sort(selector, values);
  }
  SECTION("many ties and a few distinct values") {
    for (double& v : values) v = std::floor(4.0 * unit(engine)) / 4.0;
    check_against_sort(selector, values);
  }
  SECTION("negative, and a few ulps apart") {
    for (double& v : values) v = -1.0 - std::floor(8.0 * unit(engine)) * 0x1p-52;
    check_against_sort(selector, values);
  }
  SECTION("apart by less than a histogram can split") {
    for (double& v : values) v = unit(engine) < 0.5 ? 0.0 : 0x1p-1070;
    check_against_sort(selector, values);
  }
  SECTION("infinite") {
    for (double& v : values) v = unit(engine);
    values[0] = -std::numeric_limits<double>::infinity();
    values[1] = std::numeric_limits<double>::infinity();
    check_against_sort(selector, values);
  }
  SECTION("all equal, and small arrays") {
    check_against_sort(selector, std::vector<double>(1000, 0.25));
    check_against_sort(selector, {0.5});
    check_against_sort(selector, {0.9, 0.1});
    check_against_sort(selector, {3.0, 1.0, 2.0, 2.0, 5.0});
  }
}

TEST_CASE("selected quantiles are exact at any thread count", "[core][quantile]") {
  // The range and the histogram are found in parallel above 2^15 values: every split must give
  // the sort's quantiles, including a cluster that needs narrowing histograms.
  std::mt19937_64 engine(5);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<double> values(300007);
  for (double& v : values) v = unit(engine) < 0.9 ? 0.5 + 1e-6 * unit(engine) : unit(engine);
  for (const int threads : {1, 2, 4}) {
    CAPTURE(threads);
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                              static_cast<std::size_t>(threads));
    QuantileSelector selector;
    check_against_sort(selector, values);
  }
}

TEST_CASE("quantile selection refuses no values and probabilities outside [0,1]",
          "[core][quantile]") {
  QuantileSelector selector;
  std::array<double, 1> out{};
  const std::vector<double> values = {1.0, 2.0};
  CHECK_THROWS_AS(selector.select({}, std::array{0.5}, out), std::invalid_argument);
  CHECK_THROWS_AS(selector.select(values, std::array{1.5}, out), std::invalid_argument);
}
