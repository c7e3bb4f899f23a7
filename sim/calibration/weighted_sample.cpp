#include "sim/calibration/weighted_sample.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace policysim::calibration {

namespace {

double checked_total(std::span<const double> weights) {
  double total = 0.0;
  for (const double w : weights) {
    if (!(w >= 0.0)) throw std::invalid_argument("a weight is negative or NaN");
    total += w;
  }
  if (!(total > 0.0)) throw std::invalid_argument("the weights are all zero");
  return total;
}

}  // namespace

double effective_sample_size(std::span<const double> weights) {
  const double total = checked_total(weights);
  double squares = 0.0;
  for (const double w : weights) squares += (w / total) * (w / total);
  return 1.0 / squares;
}

double weighted_quantile(std::span<const double> values, std::span<const double> weights,
                         double q) {
  if (values.size() != weights.size() || values.empty())
    throw std::invalid_argument(
        "weighted_quantile: values and weights differ in length or are empty");
  if (!(q >= 0.0 && q <= 1.0)) throw std::invalid_argument("weighted_quantile: q outside [0, 1]");
  const double total = checked_total(weights);
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  double cumulative = 0.0;
  for (const std::size_t i : order) {
    cumulative += weights[i] / total;
    // A relative slack so that q = 0.5 of two equal weights picks the first, whatever rounding.
    if (cumulative >= q * (1.0 - 1e-12) && weights[i] > 0.0) return values[i];
  }
  return values[order.back()];
}

WeightedMoments weighted_moments(const Eigen::MatrixXd& points, std::span<const double> weights) {
  if (static_cast<std::size_t>(points.rows()) != weights.size() || weights.empty())
    throw std::invalid_argument("weighted_moments: one weight a row is needed");
  const double total = checked_total(weights);
  const Eigen::VectorXd w =
      Eigen::Map<const Eigen::VectorXd>(weights.data(), static_cast<Eigen::Index>(weights.size())) /
      total;
  WeightedMoments moments;
  moments.mean = points.transpose() * w;
  const Eigen::MatrixXd centred = points.rowwise() - moments.mean.transpose();
  const double divisor = 1.0 - w.squaredNorm();
  moments.covariance = centred.transpose() * w.asDiagonal() * centred;
  if (divisor > 0.0) moments.covariance /= divisor;
  return moments;
}

}  // namespace policysim::calibration
