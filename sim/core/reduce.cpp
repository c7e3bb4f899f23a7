#include "sim/core/reduce.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_reduce.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace policysim::core {

double deterministic_sum(std::size_t n, const std::function<double(std::size_t)>& f,
                         std::size_t grain) {
  // parallel_deterministic_reduce splits the range the same way whatever the thread count, so the
  // tree of partial sums, and hence the rounding, is fixed by n and grain alone.
  return tbb::parallel_deterministic_reduce(
      tbb::blocked_range<std::size_t>(0, n, std::max<std::size_t>(grain, 1)), 0.0,
      [&f](const tbb::blocked_range<std::size_t>& range, double partial) {
        for (std::size_t i = range.begin(); i != range.end(); ++i) partial += f(i);
        return partial;
      },
      [](double left, double right) { return left + right; });
}

double deterministic_sum(std::span<const double> values, std::size_t grain) {
  // A range of at most one grain is never split: the reduction is the body over the whole range
  // from the identity, which is this loop. Skipping the scheduler saves about a microsecond a call,
  // which small countries pay several times a tick.
  if (values.size() <= std::max<std::size_t>(grain, 1)) {
    double partial = 0.0;
    for (double value : values) partial += value;
    return partial;
  }
  return tbb::parallel_deterministic_reduce(
      tbb::blocked_range<std::size_t>(0, values.size(), std::max<std::size_t>(grain, 1)), 0.0,
      [values](const tbb::blocked_range<std::size_t>& range, double partial) {
        for (std::size_t i = range.begin(); i != range.end(); ++i) partial += values[i];
        return partial;
      },
      [](double left, double right) { return left + right; });
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
