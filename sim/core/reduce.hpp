#pragma once
// Deterministic parallel reductions: the same bits at any thread count. Values are cut into
// fixed blocks of `grain` elements whatever the number of threads, and partial sums are combined in
// a fixed tree (tbb::parallel_deterministic_reduce with a simple partitioner).

#include <tbb/blocked_range.h>
#include <tbb/parallel_reduce.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace policysim::core {

inline constexpr std::size_t kDefaultGrain = 2048;

/// N sums at once, sum_i terms(i)[j] for i in [0, n), terms(i) an std::array<double, N>: each
/// has the bits of deterministic_sum of its terms alone, in one pass over the data. A sum's
/// additions are one dependent chain, so N chains in one loop proceed side by side, where N
/// separate sums would each wait on the latency of its own.
template <std::size_t N, class Terms>
std::array<double, N> deterministic_sums(std::size_t n, const Terms& terms,
                                         std::size_t grain = kDefaultGrain);
/// sum_i term(i) for i in [0, n), deterministic; a sum of values (below) has the same bits.
template <class Term>
double deterministic_sum(std::size_t n, const Term& term, std::size_t grain = kDefaultGrain);
/// Sum of values, deterministic.
double deterministic_sum(std::span<const double> values, std::size_t grain = kDefaultGrain);
/// sum_i term(i) for i in [0, n) of whole-number terms (counts), in parallel above one grain.
/// Integer addition is exact, so any split of the range gives the same result.
template <class Term>
std::uint64_t integer_sum(std::size_t n, const Term& term, std::size_t grain = kDefaultGrain);
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

template <std::size_t N, class Terms>
std::array<double, N> deterministic_sums(std::size_t n, const Terms& terms, std::size_t grain) {
  using Sums = std::array<double, N>;
  // A range of at most one grain is never split: the reduction is the body over the whole range
  // from the identity, which is this loop. Skipping the scheduler saves about a microsecond a call,
  // which small countries pay several times a tick.
  grain = std::max<std::size_t>(grain, 1);
  const auto add_range = [&terms](const tbb::blocked_range<std::size_t>& range, Sums partial) {
    for (std::size_t i = range.begin(); i != range.end(); ++i) {
      const Sums term = terms(i);
      for (std::size_t j = 0; j < N; ++j) partial[j] += term[j];
    }
    return partial;
  };
  if (n <= grain) return add_range(tbb::blocked_range<std::size_t>(0, n, grain), Sums{});
  // parallel_deterministic_reduce splits the range the same way whatever the thread count, so the
  // tree of partial sums, and hence the rounding, is fixed by n and grain alone.
  return tbb::parallel_deterministic_reduce(tbb::blocked_range<std::size_t>(0, n, grain), Sums{},
                                            add_range, [](Sums left, const Sums& right) {
                                              for (std::size_t j = 0; j < N; ++j) {
                                                left[j] += right[j];
                                              }
                                              return left;
                                            });
}

template <class Term>
double deterministic_sum(std::size_t n, const Term& term, std::size_t grain) {
  return deterministic_sums<1>(
      n, [&term](std::size_t i) { return std::array<double, 1>{term(i)}; }, grain)[0];
}

template <class Term>
std::uint64_t integer_sum(std::size_t n, const Term& term, std::size_t grain) {
  grain = std::max<std::size_t>(grain, 1);
  const auto add_range = [&term](const tbb::blocked_range<std::size_t>& range,
                                 std::uint64_t partial) {
    for (std::size_t i = range.begin(); i != range.end(); ++i) {
      partial += static_cast<std::uint64_t>(term(i));
    }
    return partial;
  };
  if (n <= grain) return add_range(tbb::blocked_range<std::size_t>(0, n, grain), 0);
  return tbb::parallel_reduce(tbb::blocked_range<std::size_t>(0, n, grain), std::uint64_t{0},
                              add_range, std::plus<>());
}

}  // namespace policysim::core
