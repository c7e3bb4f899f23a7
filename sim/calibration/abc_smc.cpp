#include "sim/calibration/abc_smc.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>

#include "sim/calibration/weighted_sample.hpp"
#include "sim/core/random.hpp"

namespace policysim::calibration {

namespace {

// The calibration's random stream (its seed is the calibration's own, not a run's).
constexpr std::uint32_t kStream = 0x41424331;  // "ABC1"
// A proposal that leaves the prior's support is redrawn. Each parameter's draw stays inside
// with some probability below 1, and all must at once, so the redraws grow geometrically with
// the number of parameters: so many failures in a row mean too many parameters for this kernel.
constexpr int kMaxRedraws = 1'000'000;

std::size_t pick_by_weight(const std::vector<double>& cumulative, double u) {
  const auto it = std::lower_bound(cumulative.begin(), cumulative.end(), u * cumulative.back());
  return std::min(static_cast<std::size_t>(it - cumulative.begin()), cumulative.size() - 1);
}

// The kernel: normal with covariance 2 Sigma, as its Cholesky factor. A ridge of 1e-12 of each
// range squared keeps it positive definite when a parameter has collapsed to one value.
Eigen::MatrixXd kernel_factor(const Generation& previous, const UniformPrior& prior) {
  Eigen::MatrixXd covariance =
      2.0 * weighted_moments(previous.particles, previous.weights).covariance;
  for (Eigen::Index i = 0; i < covariance.rows(); ++i) {
    const double range =
        prior.high[static_cast<std::size_t>(i)] - prior.low[static_cast<std::size_t>(i)];
    covariance(i, i) += 1e-12 * range * range;
  }
  const Eigen::LLT<Eigen::MatrixXd> llt(covariance);
  if (llt.info() != Eigen::Success)
    throw std::runtime_error("ABC-SMC: the particles' covariance is not positive definite");
  return llt.matrixL();
}

// Accepts proposals in index order, those within `epsilon`, until N are accepted; simulates them
// `batch` at a time.
template <class Propose>
Generation accept_in_order(std::uint32_t number, double epsilon, const AbcSettings& settings,
                           std::size_t dimension, const Simulate& simulate,
                           const Propose& propose) {
  Generation g;
  g.number = number;
  g.epsilon = epsilon;
  g.particles.resize(static_cast<Eigen::Index>(settings.particles),
                     static_cast<Eigen::Index>(dimension));
  std::size_t accepted = 0;
  std::uint32_t index = 0;
  std::vector<Proposal> batch;
  while (accepted < settings.particles) {
    batch.clear();
    for (std::size_t b = 0; b < settings.batch; ++b, ++index)
      batch.push_back({number, index, propose(index)});
    const std::vector<double> distances = simulate(batch);
    if (distances.size() != batch.size())
      throw std::logic_error("ABC-SMC: the simulator returned " + std::to_string(distances.size()) +
                             " distances for " + std::to_string(batch.size()) + " proposals");
    for (std::size_t b = 0; b < batch.size() && accepted < settings.particles; ++b) {
      if (!(distances[b] <= epsilon)) continue;  // NaN (a failed simulation) is never accepted
      g.particles.row(static_cast<Eigen::Index>(accepted)) = batch[b].theta.transpose();
      g.distances.push_back(distances[b]);
      g.indices.push_back(batch[b].index);
      g.proposals = std::uint64_t{batch[b].index} + 1;
      ++accepted;
    }
    if (index > std::numeric_limits<std::uint32_t>::max() - settings.batch)
      throw std::runtime_error("ABC-SMC: 2^32 proposals without enough accepted");
  }
  return g;
}

}  // namespace

bool UniformPrior::contains(const Eigen::VectorXd& theta) const {
  for (std::size_t i = 0; i < dimension(); ++i) {
    const double x = theta[static_cast<Eigen::Index>(i)];
    if (!(x >= low[i] && x <= high[i])) return false;
  }
  return true;
}

double Generation::acceptance() const {
  return proposals == 0 ? 0.0
                        : static_cast<double>(particles.rows()) / static_cast<double>(proposals);
}

double Generation::effective_sample_size() const {
  return calibration::effective_sample_size(weights);
}

AbcSmc::AbcSmc(UniformPrior prior, AbcSettings settings)
    : prior_(std::move(prior)), settings_(settings) {
  if (prior_.low.empty() || prior_.low.size() != prior_.high.size())
    throw std::invalid_argument("ABC-SMC: the prior needs one range per parameter");
  for (std::size_t i = 0; i < prior_.dimension(); ++i)
    if (!(prior_.low[i] < prior_.high[i]))
      throw std::invalid_argument("ABC-SMC: parameter " + std::to_string(i) + "'s range is empty");
  if (settings_.particles < 2 || settings_.batch < 1)
    throw std::invalid_argument("ABC-SMC: at least 2 particles and a batch of 1");
  if (!(settings_.epsilon_quantile > 0.0 && settings_.epsilon_quantile < 1.0))
    throw std::invalid_argument("ABC-SMC: the tolerance quantile must lie in (0, 1)");
}

Generation AbcSmc::first(const Simulate& simulate) const {
  const core::RandomStream stream(settings_.seed, kStream);
  const auto from_prior = [&](std::uint32_t index) {
    core::Sequence draws = stream.sequence(0, index, 0);
    Eigen::VectorXd theta(static_cast<Eigen::Index>(prior_.dimension()));
    for (std::size_t i = 0; i < prior_.dimension(); ++i)
      theta[static_cast<Eigen::Index>(i)] =
          prior_.low[i] + (prior_.high[i] - prior_.low[i]) * draws.uniform();
    return theta;
  };
  Generation g = accept_in_order(0, std::numeric_limits<double>::infinity(), settings_,
                                 prior_.dimension(), simulate, from_prior);
  g.weights.assign(settings_.particles, 1.0 / static_cast<double>(settings_.particles));
  return g;
}

Generation AbcSmc::next(const Generation& previous, const Simulate& simulate) const {
  const std::vector<double> finite = [&] {
    std::vector<double> d;
    for (const double x : previous.distances)
      if (std::isfinite(x)) d.push_back(x);
    return d;
  }();
  if (finite.empty())
    throw std::runtime_error("ABC-SMC: no simulation of the previous generation succeeded");
  const double epsilon = weighted_quantile(finite, std::vector<double>(finite.size(), 1.0),
                                           settings_.epsilon_quantile);
  const Eigen::MatrixXd factor = kernel_factor(previous, prior_);
  std::vector<double> cumulative(previous.weights.size());
  std::partial_sum(previous.weights.begin(), previous.weights.end(), cumulative.begin());

  const core::RandomStream stream(settings_.seed, kStream);
  const std::uint32_t number = previous.number + 1;
  const auto perturbed = [&](std::uint32_t index) {
    core::Sequence draws = stream.sequence(number, index, 0);
    const std::size_t parent = pick_by_weight(cumulative, draws.uniform());
    Eigen::VectorXd z(factor.rows());
    for (int attempt = 0; attempt < kMaxRedraws; ++attempt) {
      for (Eigen::Index i = 0; i < z.size(); ++i) z[i] = draws.normal();
      Eigen::VectorXd theta =
          previous.particles.row(static_cast<Eigen::Index>(parent)).transpose() + factor * z;
      if (prior_.contains(theta)) return theta;
    }
    throw std::runtime_error(
        "ABC-SMC: the kernel's proposals keep leaving the prior's support: with " +
        std::to_string(prior_.dimension()) +
        " parameters, a draw rarely falls inside every range at once; calibrate fewer "
        "parameters at a time (fix the others at calibrated values)");
  };
  Generation g =
      accept_in_order(number, epsilon, settings_, prior_.dimension(), simulate, perturbed);

  // Weights: prior density (constant on the support) over the mixture of kernels around the
  // previous particles. The kernels' common normalising constant cancels.
  const Eigen::Index n = g.particles.rows();
  g.weights.resize(static_cast<std::size_t>(n));
  const auto lower = factor.triangularView<Eigen::Lower>();
  for (Eigen::Index i = 0; i < n; ++i) {
    double mixture = 0.0;
    for (Eigen::Index j = 0; j < previous.particles.rows(); ++j) {
      const Eigen::VectorXd whitened =
          lower.solve((g.particles.row(i) - previous.particles.row(j)).transpose());
      mixture +=
          previous.weights[static_cast<std::size_t>(j)] * std::exp(-0.5 * whitened.squaredNorm());
    }
    g.weights[static_cast<std::size_t>(i)] = 1.0 / mixture;
  }
  double total = 0.0;
  for (const double w : g.weights) total += w;
  for (double& w : g.weights) w /= total;
  return g;
}

bool AbcSmc::done(const Generation& last) const {
  return last.number + 1 >= settings_.max_generations ||
         (last.number > 0 && (last.acceptance() < settings_.min_acceptance || last.epsilon <= 0.0));
}

std::vector<Generation> AbcSmc::run(const Simulate& simulate) const {
  std::vector<Generation> generations{first(simulate)};
  while (!done(generations.back())) generations.push_back(next(generations.back(), simulate));
  return generations;
}

}  // namespace policysim::calibration
