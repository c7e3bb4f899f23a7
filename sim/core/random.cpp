#include "sim/core/random.hpp"

#include <Random123/philox.h>

#include <cmath>
#include <numbers>

#include "sim/core/elementary.hpp"
#include "sim/core/hashing.hpp"

namespace policysim::core {
namespace {

double log_factorial(double k) { return core::lgamma(k + 1.0); }

}  // namespace

RandomStream::RandomStream(std::uint64_t seed, std::uint32_t stream) {
  // SplitMix64 spreads nearby seeds (1, 2, 3, ...) over the whole key space.
  const std::uint64_t key = splitmix64(seed ^ splitmix64(0xA0761D6478BD642FULL + stream));
  key_ = {static_cast<std::uint32_t>(key), static_cast<std::uint32_t>(key >> 32)};
}

RandomStream RandomStream::with_key(std::array<std::uint32_t, 2> key) {
  RandomStream stream;
  stream.key_ = key;
  return stream;
}

double RandomStream::uniform(std::uint32_t tick, std::uint32_t agent, std::uint32_t purpose) const {
  return sequence(tick, agent, purpose).uniform();
}

Sequence::Sequence(const RandomStream& stream, std::uint32_t tick, std::uint32_t agent,
                   std::uint32_t purpose)
    : stream_(&stream), counter_{tick, agent, purpose, 0} {}

double Sequence::normal() {
  // Box-Muller, keeping only the cosine branch so that each normal is one pair of uniforms and
  // no hidden state carries over between calls.
  const double radius = std::sqrt(-2.0 * core::log(uniform()));
  return radius * core::cos(2.0 * std::numbers::pi * uniform());
}

std::uint32_t Sequence::poisson(double mean) {
  if (!(mean > 0.0)) return 0;
  if (mean < 10.0) {
    // Inversion: walk the CDF. The bound guards against rounding leaving the CDF short of u.
    const double u = uniform();
    double probability = core::exp(-mean);
    double cumulative = probability;
    std::uint32_t k = 0;
    while (u > cumulative && k < 1000) {
      ++k;
      probability *= mean / k;
      cumulative += probability;
    }
    return k;
  }
  // PTRS: Hormann (1993), "The transformed rejection method for generating Poisson random
  // variables", Insurance: Mathematics and Economics 12, 39-45.
  const double slam = std::sqrt(mean);
  const double log_mean = core::log(mean);
  const double b = 0.931 + 2.53 * slam;
  const double a = -0.059 + 0.02483 * b;
  const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
  const double v_r = 0.9277 - 3.6224 / (b - 2.0);
  for (;;) {
    const double u = uniform() - 0.5;
    const double v = uniform();
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2.0 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= v_r) return static_cast<std::uint32_t>(k);
    if (k < 0.0 || (us < 0.013 && v > us)) continue;
    if (core::log(v) + core::log(inv_alpha) - core::log(a / (us * us) + b) <=
        -mean + k * log_mean - log_factorial(k)) {
      return static_cast<std::uint32_t>(k);
    }
  }
}

std::uint32_t Sequence::binomial(std::uint32_t n, double p) {
  if (n == 0 || !(p > 0.0)) return 0;
  if (p >= 1.0) return n;
  if (p > 0.5) return n - binomial(n, 1.0 - p);
  const double q = 1.0 - p;
  const double n_real = static_cast<double>(n);
  if (n_real * p < 10.0) {
    // Inversion by the recurrence P(k+1) = P(k) (n-k)/(k+1) p/q.
    const double odds = p / q;
    double u = uniform();
    // q^n; for one trial q itself (pow returns it exactly), without pow's cost: most calls of
    // the model are for one case.
    double probability = n == 1 ? q : core::pow(q, n_real);
    std::uint32_t k = 0;
    while (u > probability && k < n) {
      u -= probability;
      probability *= odds * static_cast<double>(n - k) / static_cast<double>(k + 1);
      ++k;
    }
    return k;
  }
  // BTRS: Hormann (1993), "The generation of binomial random variates", J. Statist. Comput.
  // Simul. 46, 101-110.
  const double spq = std::sqrt(n_real * p * q);
  const double b = 1.15 + 2.53 * spq;
  const double a = -0.0873 + 0.0248 * b + 0.01 * p;
  const double c = n_real * p + 0.5;
  const double v_r = 0.92 - 4.2 / b;
  const double alpha = (2.83 + 5.1 / b) * spq;
  const double log_odds = core::log(p / q);
  const double mode = std::floor((n_real + 1.0) * p);
  const double h = log_factorial(mode) + log_factorial(n_real - mode);
  for (;;) {
    const double u = uniform() - 0.5;
    double v = uniform();
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2.0 * a / us + b) * u + c);
    if (k < 0.0 || k > n_real) continue;
    if (us >= 0.07 && v <= v_r) return static_cast<std::uint32_t>(k);
    v = core::log(v * alpha / (a / (us * us) + b));
    if (v <= h - log_factorial(k) - log_factorial(n_real - k) + (k - mode) * log_odds) {
      return static_cast<std::uint32_t>(k);
    }
  }
}

double Sequence::gamma(double shape, double scale) {
  if (shape < 1.0) {
    // Boost to shape + 1, then scale back by u^(1/shape) (Marsaglia and Tsang, section 6).
    const double boosted = gamma(shape + 1.0, scale);
    return boosted * core::pow(uniform(), 1.0 / shape);
  }
  // Marsaglia and Tsang (2000), "A simple method for generating gamma variables", ACM TOMS 26.
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    const double x = normal();
    double v = 1.0 + c * x;
    if (v <= 0.0) continue;
    v = v * v * v;
    const double u = uniform();
    if (u < 1.0 - 0.0331 * x * x * x * x) return d * v * scale;
    if (core::log(u) < 0.5 * x * x + d * (1.0 - v + core::log(v))) return d * v * scale;
  }
}

}  // namespace policysim::core
