#include "sim/calibration/abc_smc.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <stdexcept>
#include <utility>
#include <vector>

#include "sim/calibration/weighted_sample.hpp"
#include "sim/core/random.hpp"

using namespace policysim;
using namespace policysim::calibration;

namespace {

// A synthetic model with a known posterior: the data are the means of n = 25 draws of
// N(theta_d, 1) in each of two dimensions. A simulation at theta draws its own 25 per dimension,
// keyed by the proposal's (generation, index) so it does not depend on the batch.
constexpr int kDraws = 25;
constexpr double kPosteriorVariance = 1.0 / kDraws;  // sigma^2 / n, flat prior

Eigen::Vector2d sample_means(const Eigen::Vector2d& theta, const core::RandomStream& stream,
                             std::uint32_t tick, std::uint32_t agent) {
  Eigen::Vector2d means;
  for (int d = 0; d < 2; ++d) {
    core::Sequence draws = stream.sequence(tick, agent, static_cast<std::uint32_t>(d));
    double sum = 0.0;
    for (int i = 0; i < kDraws; ++i) sum += draws.normal(theta[d], 1.0);
    means[d] = sum / kDraws;
  }
  return means;
}

Simulate gaussian_model(const Eigen::Vector2d& observed, std::uint64_t seed) {
  return [observed, stream = core::RandomStream(seed, 7)](std::span<const Proposal> batch) {
    std::vector<double> distances;
    for (const Proposal& p : batch)
      distances.push_back((sample_means(p.theta, stream, p.generation, p.index) - observed).norm());
    return distances;
  };
}

const UniformPrior kPrior{{-5.0, -5.0}, {5.0, 5.0}};

double interval_end(const Generation& g, int dimension, double q) {
  std::vector<double> values(static_cast<std::size_t>(g.particles.rows()));
  for (Eigen::Index i = 0; i < g.particles.rows(); ++i)
    values[static_cast<std::size_t>(i)] = g.particles(i, dimension);
  return weighted_quantile(values, g.weights, q);
}

}  // namespace

TEST_CASE("ABC-SMC gives the same generations whatever the batch size", "[calibration][abc_smc]") {
  const Simulate simulate = gaussian_model({1.0, -2.0}, 3);
  std::vector<std::vector<Generation>> runs;
  for (const std::size_t batch : {1, 7, 64}) {
    const AbcSmc abc(kPrior, {.particles = 50, .max_generations = 4, .batch = batch, .seed = 9});
    runs.push_back(abc.run(simulate));
  }
  for (const auto& run : runs) {
    REQUIRE(run.size() == runs[0].size());
    for (std::size_t g = 0; g < run.size(); ++g) {
      CHECK(run[g].particles == runs[0][g].particles);
      CHECK(run[g].weights == runs[0][g].weights);
      CHECK(run[g].proposals == runs[0][g].proposals);
      CHECK(run[g].epsilon == runs[0][g].epsilon);
    }
  }
}

// With a flat prior, s = theta + e, e ~ N(0, I/n), accepted when |s - s_obs| <= eps: the ABC
// posterior is s_obs - e + u with u uniform on the disc of radius eps, so each coordinate has mean
// s_obs and variance 1/n + eps^2/4 (a uniform disc's coordinate has variance r^2/4). The
// particles' weighted mean is within 4 standard errors (sd / sqrt(ESS)) of s_obs, and their
// variance within 5 of its relative standard error sqrt(2 / ESS): each fails with probability
// below 1e-4 for a sample of this size, once the tolerance has settled.
TEST_CASE("ABC-SMC finds the closed-form posterior of a normal mean", "[calibration][abc_smc]") {
  const Eigen::Vector2d truth{1.3, -0.7};
  const Eigen::Vector2d observed = sample_means(truth, core::RandomStream(2024, 1), 0, 0);
  const AbcSmc abc(kPrior,
                   {.particles = 400, .max_generations = 14, .min_acceptance = 0.02, .seed = 5});
  const std::vector<Generation> generations = abc.run(gaussian_model(observed, 11));
  const Generation& last = generations.back();
  INFO("generations " << generations.size() << ", epsilon " << last.epsilon << ", ESS "
                      << last.effective_sample_size() << ", acceptance " << last.acceptance());
  REQUIRE(generations.size() >= 5);
  CHECK(last.epsilon < 0.2);  // below the data's own standard error per coordinate
  const double ess = last.effective_sample_size();
  CHECK(ess > 100.0);
  const auto moments = weighted_moments(last.particles, last.weights);
  const double variance = kPosteriorVariance + last.epsilon * last.epsilon / 4.0;
  for (int d = 0; d < 2; ++d) {
    CHECK(std::abs(moments.mean[d] - observed[d]) < 4.0 * std::sqrt(variance / ess));
    CHECK(std::abs(moments.covariance(d, d) / variance - 1.0) < 5.0 * std::sqrt(2.0 / ess));
  }
}

// Calibrating 40 data sets simulated at 40 known parameter vectors drawn from the prior: each 90 %
// credible interval (the weighted 5 % and 95 % quantiles) covers the truth with probability at
// least 0.9 (the ABC posterior is wider than the exact one). Of the 80 intervals at least 64 must
// cover: for Binomial(80, 0.9), P(X <= 63) is about 0.001, the test's false-failure rate.
TEST_CASE("ABC-SMC's 90 % credible intervals cover known parameters", "[calibration][abc_smc]") {
  const core::RandomStream truths(77, 0);
  int covered = 0;
  for (std::uint32_t k = 0; k < 40; ++k) {
    core::Sequence draws = truths.sequence(0, k, 0);
    const Eigen::Vector2d truth{-4.0 + 8.0 * draws.uniform(), -4.0 + 8.0 * draws.uniform()};
    const Eigen::Vector2d observed = sample_means(truth, core::RandomStream(77, 1), 0, k);
    const AbcSmc abc(
        kPrior, {.particles = 200, .max_generations = 8, .min_acceptance = 0.03, .seed = 100 + k});
    const Generation last = abc.run(gaussian_model(observed, 1000 + k)).back();
    for (int d = 0; d < 2; ++d)
      covered += interval_end(last, d, 0.05) <= truth[d] && truth[d] <= interval_end(last, d, 0.95);
  }
  CHECK(covered >= 64);
}

// Weights by hand: a previous generation of two particles, 0 and 1, of equal weight. Their
// weighted variance is (0.25 + 0.25) / (1 - 0.5) = 1/2, so the kernel is N(0, 2 * 1/2) = N(0, 1),
// and a new particle at t weighs 1 / (exp(-t^2/2) + exp(-(t-1)^2/2)), normalised; the prior is
// flat on [-3, 4].
TEST_CASE("ABC-SMC weighs a particle by the prior over the kernels' mixture",
          "[calibration][abc_smc]") {
  Generation previous;
  previous.particles = Eigen::MatrixXd{{0.0}, {1.0}};
  previous.weights = {0.5, 0.5};
  previous.distances = {1.0, 1.0};
  const Simulate accept_all = [](std::span<const Proposal> batch) {
    return std::vector<double>(batch.size(), 0.0);
  };
  const AbcSmc abc(UniformPrior{{-3.0}, {4.0}}, {.particles = 20, .seed = 4});
  const Generation g = abc.next(previous, accept_all);
  CHECK(g.number == 1);
  CHECK(g.epsilon == 1.0);
  CHECK(g.proposals == 20);
  std::vector<double> expected;
  double total = 0.0;
  for (Eigen::Index i = 0; i < g.particles.rows(); ++i) {
    const double t = g.particles(i, 0);
    CHECK((t >= -3.0 && t <= 4.0));
    expected.push_back(1.0 / (std::exp(-t * t / 2) + std::exp(-(t - 1) * (t - 1) / 2)));
    total += expected.back();
  }
  for (std::size_t i = 0; i < expected.size(); ++i)
    CHECK(g.weights[i] == Approx(expected[i] / total).epsilon(1e-9));
}

TEST_CASE("ABC-SMC never accepts a failed simulation", "[calibration][abc_smc]") {
  // Simulations with theta_0 > 0 fail (NaN); the others return a distance of 0.
  const Simulate half_fails = [](std::span<const Proposal> batch) {
    std::vector<double> d;
    for (const Proposal& p : batch)
      d.push_back(p.theta[0] > 0.0 ? std::numeric_limits<double>::quiet_NaN() : 0.0);
    return d;
  };
  const AbcSmc abc(kPrior, {.particles = 100, .max_generations = 3, .seed = 1});
  for (const Generation& g : abc.run(half_fails)) CHECK(g.particles.col(0).maxCoeff() <= 0.0);
}

TEST_CASE("ABC-SMC refuses an empty range and settings out of range", "[calibration][abc_smc]") {
  CHECK_THROWS_AS(AbcSmc(UniformPrior{{0.0}, {0.0}}, {}), std::invalid_argument);
  CHECK_THROWS_AS(AbcSmc(UniformPrior{{}, {}}, {}), std::invalid_argument);
  CHECK_THROWS_AS(AbcSmc(kPrior, {.epsilon_quantile = 1.0}), std::invalid_argument);
  CHECK_THROWS_AS(AbcSmc(kPrior, {.particles = 1}), std::invalid_argument);
}

TEST_CASE("each particle names its proposal, and a zero tolerance ends the run",
          "[calibration][abc_smc]") {
  // Distance 0 for theta_0 > 0, else 1: generation 1's tolerance, the median of generation 0's
  // distances over a symmetric prior, is 0 or 1; from a zero tolerance on, none can shrink.
  std::map<std::pair<std::uint32_t, std::uint32_t>, Eigen::VectorXd> proposed;
  const Simulate sign = [&](std::span<const Proposal> batch) {
    std::vector<double> d;
    for (const Proposal& p : batch) {
      proposed[{p.generation, p.index}] = p.theta;
      d.push_back(p.theta[0] > 0.0 ? 0.0 : 1.0);
    }
    return d;
  };
  const AbcSmc abc(kPrior, {.particles = 51, .max_generations = 6, .batch = 8, .seed = 2});
  const std::vector<Generation> generations = abc.run(sign);
  for (const Generation& g : generations) {
    REQUIRE(g.indices.size() == 51);
    for (std::size_t i = 0; i < g.indices.size(); ++i) {
      CHECK(proposed.at({g.number, g.indices[i]}) ==
            Eigen::VectorXd(g.particles.row(static_cast<Eigen::Index>(i)).transpose()));
      if (i > 0) CHECK(g.indices[i] > g.indices[i - 1]);  // accepted in index order
    }
  }
  // The run stops at the first generation whose tolerance is 0, before its limit of 6.
  const auto zero = std::find_if(generations.begin() + 1, generations.end(),
                                 [](const Generation& g) { return g.epsilon == 0.0; });
  REQUIRE(zero != generations.end());
  CHECK(zero + 1 == generations.end());
  CHECK(generations.size() < 6);
  CHECK(zero->particles.col(0).minCoeff() > 0.0);
}
