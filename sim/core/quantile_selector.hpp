#pragma once
// Exact quantiles of a large array without copying or reordering it. A histogram of the values
// finds the buckets that hold the wanted order statistics; only those buckets' values are
// gathered and selected among. That is three passes over the values, against a copy and several
// partial selections, and a small buffer instead of one as large as the values. All three passes
// run in parallel (with oneTBB): the range's bounds and the histogram's counts are exact in any
// split, and the gather places each value by a prefix count, so the result is the same at any
// thread count.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace policysim::core {

class QuantileSelector {
 public:
  /// Buckets of each histogram.
  static constexpr std::size_t kBuckets = 1024;

  /// Writes into `out` the type-7 quantiles (R's default, as core::quantiles) of `values` at the
  /// ascending probabilities `ps`, exactly. Values must not be NaN; throws std::invalid_argument
  /// for no values or probabilities outside [0,1]. The buffers are kept between calls.
  void select(std::span<const double> values, std::span<const double> ps, std::span<double> out);

 private:
  // The value of the given rank (0-based) of the whole array, known to lie in [low, high], by
  // narrowing histograms: for the rare bucket too full to gather.
  double order_statistic(std::span<const double> values, std::size_t rank, double low, double high);

  // How many values of [low, high] fall in each bucket, and each bucket's least and greatest.
  // Fixed arrays: the parallel passes copy partial histograms without allocating.
  struct Histogram {
    std::array<std::uint32_t, kBuckets> counts;
    std::array<double, kBuckets> least, greatest;
    /// Counts the values in [low, high] (low < high, and the map usable), in parallel.
    void build(std::span<const double> values, double low, double high);
    /// The bucket holding the value of `rank` among the counted values, and its rank within.
    std::pair<std::size_t, std::size_t> locate(std::size_t rank) const;
  };

  Histogram histogram_, narrowing_;          // select's, and order_statistic's own
  std::vector<std::size_t> gathered_start_;  // each gathered bucket's start in gathered_
  std::vector<double> gathered_, inside_;
};

}  // namespace policysim::core
