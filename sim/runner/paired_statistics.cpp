#include "sim/runner/paired_statistics.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <tuple>

#include "sim/core/random.hpp"
#include "sim/core/reduce.hpp"

namespace policysim::runner {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The bootstrap's own stream id: its draws never coincide with the model's (stream 0).
constexpr std::uint32_t kBootstrapStream = 0xB007;

// Continued fraction of the incomplete beta (modified Lentz), valid for x < (a+1)/(a+b+2).
double beta_continued_fraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300;
  constexpr double kEpsilon = 1e-16;
  double c = 1.0;
  double d = 1.0 - (a + b) * x / (a + 1.0);
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= 10000; ++m) {
    const double dm = m;
    const double even = dm * (b - dm) * x / ((a + 2 * dm - 1) * (a + 2 * dm));
    d = 1.0 + even * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + even / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    h *= d * c;
    const double odd = -(a + dm) * (a + b + dm) * x / ((a + 2 * dm) * (a + 2 * dm + 1));
    d = 1.0 + odd * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + odd / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double step = d * c;
    h *= step;
    if (std::fabs(step - 1.0) < kEpsilon) break;
  }
  return h;
}

struct Moments {
  double mean = kNaN, variance = kNaN;  // sample variance, n - 1
};

// Two passes in index order: the same bits every time, and no cancellation for large means.
Moments moments(std::span<const double> values) {
  Moments m;
  const std::size_t n = values.size();
  if (n == 0) return m;
  double sum = 0;
  for (double v : values) sum += v;
  m.mean = sum / static_cast<double>(n);
  if (n < 2) return m;
  double squares = 0;
  for (double v : values) squares += (v - m.mean) * (v - m.mean);
  m.variance = squares / static_cast<double>(n - 1);
  return m;
}

}  // namespace

double regularized_incomplete_beta(double a, double b, double x) {
  if (!(a > 0) || !(b > 0) || !(x >= 0) || !(x <= 1)) {
    throw std::invalid_argument("regularized_incomplete_beta needs a, b > 0 and x in [0, 1]");
  }
  if (x == 0.0 || x == 1.0) return x;
  const double log_front =
      std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  const double front = std::exp(log_front);
  // The continued fraction converges fast on one side of the mean; use the symmetry otherwise.
  if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_continued_fraction(a, b, x) / a;
  return 1.0 - front * beta_continued_fraction(b, a, 1.0 - x) / b;
}

double student_t_cdf(double t, double degrees_of_freedom) {
  if (!(degrees_of_freedom > 0)) throw std::invalid_argument("student_t_cdf needs dof > 0");
  if (std::isnan(t)) return kNaN;
  if (std::isinf(t)) return t > 0 ? 1.0 : 0.0;
  const double nu = degrees_of_freedom;
  const double tail = 0.5 * regularized_incomplete_beta(nu / 2, 0.5, nu / (nu + t * t));
  return t >= 0 ? 1.0 - tail : tail;
}

double student_t_quantile(double probability, double degrees_of_freedom) {
  if (!(probability > 0) || !(probability < 1)) {
    throw std::invalid_argument("student_t_quantile needs 0 < p < 1");
  }
  if (!(degrees_of_freedom > 0)) throw std::invalid_argument("student_t_quantile needs dof > 0");
  if (probability == 0.5) return 0.0;
  if (probability < 0.5) return -student_t_quantile(1.0 - probability, degrees_of_freedom);
  double low = 0.0, high = 1.0;
  while (student_t_cdf(high, degrees_of_freedom) < probability && high < 1e300) high *= 2;
  // Bisection to the last bit: slow by numerical standards, but called a few times per table.
  for (int i = 0; i < 200 && high - low > 4 * std::numeric_limits<double>::epsilon() * high; ++i) {
    const double mid = low + (high - low) / 2;
    if (student_t_cdf(mid, degrees_of_freedom) < probability) {
      low = mid;
    } else {
      high = mid;
    }
  }
  return low + (high - low) / 2;
}

std::vector<double> paired_differences(std::span<const double> arm, std::span<const double> ref) {
  if (arm.size() != ref.size()) {
    throw std::invalid_argument("paired_differences needs one value per replicate in each arm");
  }
  std::vector<double> differences;
  differences.reserve(arm.size());
  for (std::size_t r = 0; r < arm.size(); ++r) {
    if (std::isfinite(arm[r]) && std::isfinite(ref[r])) differences.push_back(arm[r] - ref[r]);
  }
  return differences;
}

std::pair<double, double> t_interval(std::span<const double> differences, double confidence) {
  const std::size_t n = differences.size();
  if (n < 2) return {kNaN, kNaN};
  const Moments m = moments(differences);
  const double t = student_t_quantile((1.0 + confidence) / 2, static_cast<double>(n - 1));
  const double half = t * std::sqrt(m.variance / static_cast<double>(n));
  return {m.mean - half, m.mean + half};
}

std::pair<double, double> bootstrap_mean_interval(std::span<const double> differences,
                                                  double confidence, int resamples,
                                                  std::uint64_t seed) {
  const std::size_t n = differences.size();
  if (n < 2 || resamples < 1) return {kNaN, kNaN};
  const core::RandomStream stream(seed, kBootstrapStream);
  std::vector<double> means(static_cast<std::size_t>(resamples));
  const double count = static_cast<double>(n);
  for (int b = 0; b < resamples; ++b) {
    // Resample b is its own Philox sequence, so any B gives the first resamples unchanged.
    auto draws = stream.sequence(static_cast<std::uint32_t>(b), 0, 0);
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const auto pick = static_cast<std::size_t>(draws.uniform() * count);
      sum += differences[pick < n ? pick : n - 1];
    }
    means[static_cast<std::size_t>(b)] = sum / count;
  }
  const double ps[] = {(1.0 - confidence) / 2, (1.0 + confidence) / 2};
  const auto q = core::quantiles(means, ps);
  return {q[0], q[1]};
}

PairedEffect compare_paired(std::span<const double> arm, std::span<const double> ref,
                            const PairedOptions& options) {
  const std::vector<double> d = paired_differences(arm, ref);
  std::vector<double> arm_values, ref_values;
  for (std::size_t r = 0; r < arm.size(); ++r) {
    if (std::isfinite(arm[r]) && std::isfinite(ref[r])) {
      arm_values.push_back(arm[r]);
      ref_values.push_back(ref[r]);
    }
  }
  PairedEffect e;
  e.replicates = static_cast<int>(arm.size());
  e.pairs = static_cast<int>(d.size());
  const Moments ma = moments(arm_values), mr = moments(ref_values), md = moments(d);
  e.mean_arm = ma.mean;
  e.mean_ref = mr.mean;
  e.mean_diff = md.mean;
  e.sd_diff = std::sqrt(md.variance);
  std::tie(e.t_low, e.t_high) = t_interval(d, options.confidence);
  std::tie(e.boot_low, e.boot_high) = bootstrap_mean_interval(
      d, options.confidence, options.bootstrap_resamples, options.bootstrap_seed);
  e.ratio = mr.mean == 0.0 ? kNaN : ma.mean / mr.mean;
  e.effect_dz = md.mean / e.sd_diff;
  e.cohens_d = md.mean / std::sqrt((ma.variance + mr.variance) / 2);
  e.vrf = (ma.variance + mr.variance) / md.variance;
  return e;
}

}  // namespace policysim::runner
