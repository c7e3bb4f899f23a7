// Paired targets (MODEL.md §9, "after cuts"), against values worked by hand: the pairs formed
// replicate by replicate, the mean's 95 % t interval (t quantiles from a printed table), and the
// verdict.

#include "sim/runner/paired_facts.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

using policysim::runner::judge_paired;
using policysim::runner::paired_values;
using policysim::scenario::StylisedFact;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// "Lower in the arm than in the base": the interval below zero.
StylisedFact lower_in_arm() {
  StylisedFact target;
  target.name = "victim lower after cuts";
  target.arm = "funding_withdrawal";
  target.metric = "mean_victim";
  target.low = -10.0;
  target.high = -1e-9;
  return target;
}

}  // namespace

TEST_CASE("a paired target pairs the arm with the base replicate by replicate",
          "[runner][paired]") {
  const StylisedFact target = lower_in_arm();
  // Replicate 1 has no value in the base, replicate 2 none in the arm: both are left out.
  CHECK(paired_values(target, std::vector<double>{1.0, 5.0, kNaN, 2.0},
                      std::vector<double>{3.0, kNaN, 1.0, 4.5}) == std::vector<double>{-2.0, -2.5});
  // With `minus`, each value is already a difference within the arm's run: the base is unused.
  StylisedFact within = target;
  within.minus = "share_of_peak_kept_victim";
  CHECK(paired_values(within, std::vector<double>{0.25, kNaN, -0.5}, std::vector<double>{}) ==
        std::vector<double>{0.25, -0.5});
}

TEST_CASE("a paired target is met when the 95 % t interval of the mean lies in its range",
          "[runner][paired]") {
  const StylisedFact target = lower_in_arm();
  // -2, -3, -4, -3: mean -3, sd sqrt(2/3), t(0.975, 3) = 3.182446 (table), half-width
  // 3.182446 x 0.816497 / 2 = 1.299228: [-4.299228, -1.700772], below zero.
  const auto met = judge_paired(target, {-2.0, -3.0, -4.0, -3.0});
  CHECK(met.mean == Approx(-3.0).epsilon(1e-12));
  CHECK(met.low == Approx(-4.299228).epsilon(1e-6));
  CHECK(met.high == Approx(-1.700772).epsilon(1e-6));
  CHECK(met.met);
  // -1, -2, -3: mean -2, sd 1, t(0.975, 2) = 4.302653, half-width 2.484138: the interval
  // [-4.484138, 0.484138] reaches above zero, so "lower" is not shown.
  const auto unsure = judge_paired(target, {-1.0, -2.0, -3.0});
  CHECK(unsure.high == Approx(0.484138).epsilon(1e-6));
  CHECK_FALSE(unsure.met);
  // One pair has no interval: too few to say.
  const auto one = judge_paired(target, {-5.0});
  CHECK(one.mean == -5.0);
  CHECK(std::isnan(one.low));
  CHECK_FALSE(one.met);
  CHECK_FALSE(judge_paired(target, {}).met);
}
