#pragma once
// A weighted sample of parameter vectors (an ABC-SMC generation's particles) and what is read
// from it: the effective sample size, weighted quantiles, the weighted covariance.

#include <Eigen/Dense>
#include <cstddef>
#include <span>
#include <vector>

namespace policysim::calibration {

/// Kish's effective sample size (sum w)^2 / sum w^2: N for equal weights, 1 when one particle
/// holds all the weight. Weights need not be normalised; all must be >= 0, not all 0.
double effective_sample_size(std::span<const double> weights);

/// The weighted q-quantile (0 <= q <= 1) of `values`: the smallest value whose cumulative
/// normalised weight, in increasing order of value, reaches q (the inverse of the weighted
/// empirical distribution function; with equal weights, R's quantile type 1).
double weighted_quantile(std::span<const double> values, std::span<const double> weights, double q);

/// Weighted mean and covariance of the rows of `points` (one row a particle), with the weights
/// normalised to sum 1 and the covariance's divisor 1 - sum w^2 (unbiased for reliability
/// weights; N - 1 with equal weights).
struct WeightedMoments {
  Eigen::VectorXd mean;
  Eigen::MatrixXd covariance;
};
WeightedMoments weighted_moments(const Eigen::MatrixXd& points, std::span<const double> weights);

}  // namespace policysim::calibration
