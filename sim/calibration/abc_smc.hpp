#pragma once
// Approximate Bayesian computation by sequential Monte Carlo: ABC population Monte Carlo
// (Beaumont, Cornuet, Marin & Robert 2009, "Adaptive approximate Bayesian computation",
// Biometrika 96:983-990), with the tolerance schedule of Del Moral, Doucet & Jasra (2012): each
// generation's tolerance is a quantile of the previous generation's distances.
//
// Generation 0 draws N particles from the prior (every one accepted). Generation t takes the
// tolerance eps_t = the `epsilon_quantile` of generation t-1's distances; each proposal picks a
// particle of t-1 by weight and moves it by a normal kernel with twice their weighted covariance
// (Beaumont et al.'s choice, which minimises the Kullback-Leibler divergence to the target),
// redrawn while it leaves the prior's support; it is simulated, and accepted when its distance is
// at most eps_t, until N are accepted. An accepted theta weighs prior(theta) / sum_j w_j K(theta |
// theta_j), which corrects for proposing from the kernel rather than the prior.
//
// Every random number is keyed by (seed, generation, proposal index), and proposals are accepted
// in index order, so the result is the same whatever the batch size and however the caller
// spreads a batch's simulations over threads or processes: the simulator should be as
// deterministic, its random numbers keyed by the proposal's (generation, index) or common to
// every proposal (common random numbers).

#include <Eigen/Dense>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace policysim::calibration {

/// Independent uniform priors on [low_i, high_i] (the parameter table's plausible ranges).
struct UniformPrior {
  std::vector<double> low, high;
  std::size_t dimension() const { return low.size(); }
  bool contains(const Eigen::VectorXd& theta) const;
};

struct AbcSettings {
  std::size_t particles = 500;
  double epsilon_quantile = 0.5;  ///< each tolerance: this quantile of the previous distances
  std::size_t max_generations = 12;
  double min_acceptance = 0.05;  ///< stop once a generation accepts fewer proposals than this
  std::size_t batch = 64;        ///< proposals handed to the simulator at once
  std::uint64_t seed = 1;
};

/// One parameter vector to simulate, with the key its simulation's random numbers derive from.
struct Proposal {
  std::uint32_t generation;
  std::uint32_t index;
  Eigen::VectorXd theta;
};

/// The distance between the data and a simulation at each proposal (same order; NaN or infinity
/// for a simulation that failed, which is never accepted).
using Simulate = std::function<std::vector<double>(std::span<const Proposal>)>;

struct Generation {
  std::uint32_t number = 0;
  double epsilon = 0.0;           ///< accepted distances are <= epsilon (infinity in generation 0)
  Eigen::MatrixXd particles;      ///< one row a particle
  std::vector<double> distances;  ///< one a particle
  std::vector<std::uint32_t> indices;  ///< the proposal each particle was (Proposal::index)
  std::vector<double> weights;         ///< normalised to sum 1
  std::uint64_t proposals = 0;  ///< simulated to accept the particles (up to the last accepted)
  double acceptance() const;    ///< particles / proposals
  double effective_sample_size() const;
};

class AbcSmc {
 public:
  /// Throws std::invalid_argument for an empty or inverted prior range or settings out of range.
  AbcSmc(UniformPrior prior, AbcSettings settings);

  /// Generation 0: N draws from the prior, each simulated and kept.
  Generation first(const Simulate& simulate) const;
  /// The generation after `previous`.
  Generation next(const Generation& previous, const Simulate& simulate) const;
  /// Whether `last` ends the run: the generation limit is reached, its acceptance fell below
  /// min_acceptance (further tolerances would cost more than they sharpen), or its tolerance
  /// is zero (every later one would be zero too: the particles meet the data exactly).
  bool done(const Generation& last) const;
  /// first, then next until done.
  std::vector<Generation> run(const Simulate& simulate) const;

  const UniformPrior& prior() const { return prior_; }
  const AbcSettings& settings() const { return settings_; }

 private:
  UniformPrior prior_;
  AbcSettings settings_;
};

}  // namespace policysim::calibration
