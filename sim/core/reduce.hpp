#pragma once
// Deterministic parallel reductions: the same bits at any thread count. Values are cut into
// fixed blocks of `grain` elements whatever the number of threads, and partial sums are combined in
// a fixed tree (tbb::parallel_deterministic_reduce with a simple partitioner).

#include <cstddef>
#include <functional>
#include <span>
#include <vector>

namespace policysim::core {

inline constexpr std::size_t kDefaultGrain = 2048;

/// sum_i f(i) for i in [0, n), deterministic.
double deterministic_sum(std::size_t n, const std::function<double(std::size_t)>& f,
                         std::size_t grain = kDefaultGrain);
/// Sum of values, deterministic.
double deterministic_sum(std::span<const double> values, std::size_t grain = kDefaultGrain);
/// Mean of values (0 for none), deterministic.
double deterministic_mean(std::span<const double> values, std::size_t grain = kDefaultGrain);
/// The p-quantile (0 <= p <= 1) with linear interpolation between order statistics (R type 7).
/// Throws std::invalid_argument on an empty input.
double quantile(std::span<const double> values, double p);
/// Several quantiles at once, sorting one copy.
std::vector<double> quantiles(std::span<const double> values, std::span<const double> ps);
/// R's type 7 between the order statistics `low` (at floor(h)) and `high` (the next one), at
/// h = p (n - 1): what quantile() returns, for callers that find the order statistics themselves.
inline double type7_between(double low, double high, double h) {
  return low + (h - static_cast<double>(static_cast<std::size_t>(h))) * (high - low);
}

}  // namespace policysim::core
