#include "sim/core/reduce.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace policysim::core {

double deterministic_sum(std::span<const double> values, std::size_t grain) {
  return deterministic_sum(
      values.size(), [values](std::size_t i) { return values[i]; }, grain);
}

double deterministic_mean(std::span<const double> values, std::size_t grain) {
  if (values.empty()) return 0.0;
  return deterministic_sum(values, grain) / static_cast<double>(values.size());
}

std::vector<double> quantiles(std::span<const double> values, std::span<const double> ps) {
  if (values.empty()) throw std::invalid_argument("quantile of an empty set of values");
  std::vector<double> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  std::vector<double> result;
  result.reserve(ps.size());
  const double last = static_cast<double>(sorted.size() - 1);
  for (double p : ps) {
    if (!(p >= 0.0 && p <= 1.0)) throw std::invalid_argument("quantile probability outside [0,1]");
    // R's type 7: h = (n-1) p, interpolate between the order statistics around h.
    const double h = last * p;
    const auto below = static_cast<std::size_t>(std::floor(h));
    const std::size_t above = std::min(below + 1, sorted.size() - 1);
    result.push_back(type7_between(sorted[below], sorted[above], h));
  }
  return result;
}

double quantile(std::span<const double> values, double p) {
  return quantiles(values, std::span<const double>(&p, 1)).front();
}

}  // namespace policysim::core
