#include "sim/runner/paired_statistics.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

#include "sim/core/random.hpp"

using namespace policysim::runner;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

TEST_CASE("the incomplete beta matches its closed forms", "[runner][statistics]") {
  for (double x : {0.0, 0.1, 0.37, 0.5, 0.9, 1.0}) {
    CHECK(regularized_incomplete_beta(1, 1, x) == Approx(x).margin(1e-15));
    CHECK(regularized_incomplete_beta(3, 1, x) == Approx(x * x * x).margin(1e-14));
    CHECK(regularized_incomplete_beta(1, 2, x) == Approx(1 - (1 - x) * (1 - x)).margin(1e-14));
  }
  CHECK(regularized_incomplete_beta(7.5, 7.5, 0.5) == Approx(0.5).margin(1e-14));
  CHECK(regularized_incomplete_beta(2, 3, 0.4) + regularized_incomplete_beta(3, 2, 0.6) ==
        Approx(1.0).margin(1e-14));
}

TEST_CASE("the t distribution function matches the Cauchy case and symmetry",
          "[runner][statistics]") {
  for (double t : {-5.0, -1.0, 0.0, 0.3, 2.0, 40.0}) {
    CHECK(student_t_cdf(t, 1) == Approx(0.5 + std::atan(t) / std::numbers::pi).margin(1e-14));
    CHECK(student_t_cdf(t, 7) + student_t_cdf(-t, 7) == Approx(1.0).margin(1e-14));
  }
  // dof 2 has a closed form: 1/2 + t / (2 sqrt(2 + t^2)).
  CHECK(student_t_cdf(1.5, 2) == Approx(0.5 + 1.5 / (2 * std::sqrt(2 + 2.25))).margin(1e-14));
}

TEST_CASE("t quantiles match published tables", "[runner][statistics]") {
  CHECK(student_t_quantile(0.975, 9) == Approx(2.262157163).margin(1e-8));
  CHECK(student_t_quantile(0.975, 1) == Approx(12.70620474).margin(1e-7));
  CHECK(student_t_quantile(0.975, 30) == Approx(2.042272456).margin(1e-8));
  CHECK(student_t_quantile(0.95, 5) == Approx(2.015048373).margin(1e-8));
  CHECK(student_t_quantile(0.995, 2) == Approx(9.924843201).margin(1e-7));
  CHECK(student_t_quantile(0.975, 1000) == Approx(1.962339081).margin(1e-8));
  CHECK(student_t_quantile(0.025, 9) == Approx(-2.262157163).margin(1e-8));
  CHECK(student_t_quantile(0.5, 4) == 0.0);
}

TEST_CASE("a paired comparison gives the hand-computed values", "[runner][statistics]") {
  // d = {2, 1, 3, 1}: mean 7/4, variance 11/12; var(arm) = 20/3, var(ref) = 33/4.
  const std::vector<double> arm = {3, 5, 7, 9}, ref = {1, 4, 4, 8};
  const PairedEffect e = compare_paired(arm, ref);
  const double sd = std::sqrt(11.0 / 12.0);
  const double half = 3.182446305284263 * sd / 2;  // t_{0.975,3} sd / sqrt(4)
  CHECK(e.replicates == 4);
  CHECK(e.pairs == 4);
  CHECK(e.mean_arm == Approx(6.0));
  CHECK(e.mean_ref == Approx(4.25));
  CHECK(e.mean_diff == Approx(1.75));
  CHECK(e.sd_diff == Approx(sd));
  CHECK(e.t_low == Approx(1.75 - half));
  CHECK(e.t_high == Approx(1.75 + half));
  CHECK(e.t_half_width() == Approx(half));
  CHECK(e.ratio == Approx(6.0 / 4.25));
  CHECK(e.effect_dz == Approx(1.75 / sd));
  CHECK(e.cohens_d == Approx(1.75 / std::sqrt((20.0 / 3 + 33.0 / 4) / 2)));
  CHECK(e.vrf == Approx((20.0 / 3 + 33.0 / 4) / (11.0 / 12)));
  // The bootstrap interval lies within the range of d and around its mean.
  CHECK(e.boot_low >= 1.0);
  CHECK(e.boot_high <= 3.0);
  CHECK(e.boot_low < 1.75);
  CHECK(e.boot_high > 1.75);
}

TEST_CASE("pairs are the replicates where both arms have a value", "[runner][statistics]") {
  const std::vector<double> arm = {1, kNaN, 3, 6, 2}, ref = {0, 2, kNaN, 4, 2};
  CHECK(paired_differences(arm, ref) == std::vector<double>{1, 2, 0});
  const PairedEffect e = compare_paired(arm, ref);
  CHECK(e.replicates == 5);
  CHECK(e.pairs == 3);
  CHECK(e.mean_arm == Approx(3.0));
  CHECK(e.mean_ref == Approx(2.0));
  CHECK(e.ratio == Approx(1.5));

  const PairedEffect one = compare_paired(std::vector<double>{1, kNaN}, std::vector<double>{0, 1});
  CHECK(one.pairs == 1);
  CHECK(one.mean_diff == 1.0);
  CHECK(std::isnan(one.t_low));
  CHECK(std::isnan(one.boot_high));
  CHECK(std::isnan(compare_paired(std::vector<double>{1}, std::vector<double>{0}).vrf));
  CHECK(std::isnan(compare_paired(std::vector<double>{1, 2}, std::vector<double>{0, 0}).ratio));
}

TEST_CASE("identical arms differ by exactly zero", "[runner][statistics]") {
  const std::vector<double> values = {0.3, 1.7, 2.2, 9.1, 4.4};
  const PairedEffect e = compare_paired(values, values);
  CHECK(e.mean_diff == 0.0);
  CHECK(e.sd_diff == 0.0);
  CHECK(e.t_low == 0.0);
  CHECK(e.t_high == 0.0);
  CHECK(e.boot_low == 0.0);
  CHECK(e.boot_high == 0.0);
  CHECK(e.ratio == 1.0);
  CHECK(std::isinf(e.vrf));  // all of the unpaired variance is removed
}

TEST_CASE("the bootstrap is a pure function of its seed", "[runner][statistics]") {
  const std::vector<double> d = {0.1, -0.4, 2.0, 0.7, 0.3, 1.1, -0.2, 0.9};
  const auto a = bootstrap_mean_interval(d, 0.95, 2000, 42);
  const auto b = bootstrap_mean_interval(d, 0.95, 2000, 42);
  const auto c = bootstrap_mean_interval(d, 0.95, 2000, 43);
  CHECK(a == b);
  CHECK(a != c);
  CHECK(a.first < a.second);
  CHECK(bootstrap_mean_interval(std::vector<double>{2, 2, 2}, 0.95, 100, 1) ==
        std::pair<double, double>{2.0, 2.0});
}

TEST_CASE("95% intervals cover a known paired effect as often as theory says (2000 repetitions)",
          "[runner][statistics][coverage]") {
  // y_ref = u + e1, y_arm = u + delta + e2: a shared component u, as common random numbers give.
  // The differences are normal, so the t interval covers delta with probability 0.95 exactly. The
  // percentile bootstrap of a mean is, up to its resampling noise, mean -/+ z s sqrt((n-1)/n) /
  // sqrt(n) (the resampled means have variance s^2 (n-1)/n / n), so it covers with probability
  // P(|T_{n-1}| <= z sqrt((n-1)/n)), about 0.942 at n = 50. The count of covering repetitions is
  // Binomial(R, p): each share is checked within 3.9 of its standard deviations of p, a false
  // failure rate of 1e-4 per check; a 90 % interval (coverage 0.90) fails it by 9 of them.
  constexpr int kRepetitions = 2000, kPairs = 50;
  constexpr double kDelta = 0.5;
  const policysim::core::RandomStream stream(20240601, 3);
  int t_covered = 0, boot_covered = 0;
  double vrf_sum = 0;
  for (int k = 0; k < kRepetitions; ++k) {
    std::vector<double> arm(kPairs), ref(kPairs);
    auto draws = stream.sequence(static_cast<std::uint32_t>(k), 0, 0);
    for (int i = 0; i < kPairs; ++i) {
      const double shared = draws.normal(10.0, 2.0);
      ref[static_cast<std::size_t>(i)] = shared + draws.normal(0.0, 1.0);
      arm[static_cast<std::size_t>(i)] = shared + kDelta + draws.normal(0.0, 1.0);
    }
    PairedOptions options;
    options.bootstrap_resamples = 1000;
    options.bootstrap_seed = static_cast<std::uint64_t>(k) + 1;
    const PairedEffect e = compare_paired(arm, ref, options);
    t_covered += e.t_low <= kDelta && kDelta <= e.t_high ? 1 : 0;
    boot_covered += e.boot_low <= kDelta && kDelta <= e.boot_high ? 1 : 0;
    vrf_sum += e.vrf;
  }
  const double n = kPairs, z = 1.959963984540054;
  const double t_expected = 0.95;
  const double boot_expected = 2 * student_t_cdf(z * std::sqrt((n - 1) / n), n - 1) - 1;
  const auto band = [](double p) { return 3.9 * std::sqrt(p * (1 - p) / kRepetitions); };
  const double t_share = static_cast<double>(t_covered) / kRepetitions;
  const double boot_share = static_cast<double>(boot_covered) / kRepetitions;
  INFO("t coverage " << t_share << ", bootstrap coverage " << boot_share << " (expected "
                     << boot_expected << ")");
  CHECK(boot_expected == Approx(0.942).margin(0.001));
  CHECK(std::abs(t_share - t_expected) <= band(t_expected));
  CHECK(std::abs(boot_share - boot_expected) <= band(boot_expected));
  // var(unpaired) / var(paired): (var_arm + var_ref) / var_d with every variance estimated from n
  // pairs. Its numerator has expectation 2 (4 + 1) = 10 and 1/var_d has expectation
  // (n - 1) / ((n - 3) 2), so the mean ratio is near 5 (n - 1) / (n - 3) = 5.21 (the two are
  // correlated, so only nearly); averaged over 2000 repetitions its standard error is about 0.03.
  CHECK(vrf_sum / kRepetitions == Approx(5.0 * (n - 1) / (n - 3)).epsilon(0.03));
}
