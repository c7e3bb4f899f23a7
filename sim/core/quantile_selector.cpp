#include "sim/core/quantile_selector.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_reduce.h>
#include <tbb/parallel_scan.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>

#include "sim/core/reduce.hpp"

namespace policysim::core {
namespace {

constexpr std::size_t kBuckets = QuantileSelector::kBuckets;
// A bucket with more values than this (or than 1/64 of all) is narrowed by further histograms
// rather than gathered: the gathered values stay a small fraction of the array.
constexpr std::size_t kLeastGatherLimit = 1 << 14;
constexpr std::size_t kNotGathered = std::numeric_limits<std::size_t>::max();
// Values a task of the parallel passes takes at least. Counts, least and greatest values are
// exact however the values are split, so those passes give the same result at any thread count.
constexpr std::size_t kParallelGrain = 1 << 15;

// Maps values in [low, high] (low < high) to buckets 0 .. kBuckets - 1. Monotone: a greater value
// never falls in a lower bucket, so each bucket holds a run of the sorted values and the values of
// bucket b are exactly those in [least of b, greatest of b].
struct BucketMap {
  double low, scale;
  BucketMap(double low_value, double high_value)
      : low(low_value), scale(static_cast<double>(kBuckets) / (high_value - low_value)) {}
  bool usable() const { return std::isfinite(scale) && scale > 0.0; }
  std::size_t operator()(double value) const {
    const double position = (value - low) * scale;
    return position < static_cast<double>(kBuckets) ? static_cast<std::size_t>(position)
                                                    : kBuckets - 1;
  }
};

// The least and greatest of values (not empty, no NaN), in parallel above one grain.
std::pair<double, double> least_and_greatest(std::span<const double> values) {
  using Range = tbb::blocked_range<std::size_t>;
  const auto fold = [values](const Range& range, std::pair<double, double> bounds) {
    for (std::size_t i = range.begin(); i != range.end(); ++i) {
      bounds.first = std::min(bounds.first, values[i]);
      bounds.second = std::max(bounds.second, values[i]);
    }
    return bounds;
  };
  const std::pair<double, double> none{values[0], values[0]};
  if (values.size() <= kParallelGrain) return fold(Range(0, values.size()), none);
  return tbb::parallel_reduce(
      Range(0, values.size(), kParallelGrain), none, fold,
      [](std::pair<double, double> a, std::pair<double, double> b) {
        return std::pair{std::min(a.first, b.first), std::max(a.second, b.second)};
      });
}

// The values whose bucket has a start (not kNotGathered), in their order in `values`: a parallel
// prefix count, each value's place being the number of gathered values before it, so the result
// is the same in any split (and one pass, the final one, on one thread).
void gather(std::span<const double> values, const BucketMap& bucket,
            const std::vector<std::size_t>& start_of_bucket, std::vector<double>& gathered) {
  using Range = tbb::blocked_range<std::size_t>;
  const auto scan = [&](const Range& range, std::size_t before, bool is_final) {
    for (std::size_t i = range.begin(); i != range.end(); ++i) {
      const double value = values[i];
      if (start_of_bucket[bucket(value)] == kNotGathered) continue;
      if (is_final) gathered[before] = value;
      ++before;
    }
    return before;
  };
  if (values.size() <= kParallelGrain) {
    scan(Range(0, values.size()), 0, true);
    return;
  }
  tbb::parallel_scan(Range(0, values.size(), kParallelGrain), std::size_t{0}, scan,
                     std::plus<std::size_t>());
}

}  // namespace

void QuantileSelector::select(std::span<const double> values, std::span<const double> ps,
                              std::span<double> out) {
  if (values.empty()) throw std::invalid_argument("quantile of an empty set of values");
  for (const double p : ps) {
    if (!(p >= 0.0 && p <= 1.0)) throw std::invalid_argument("quantile probability outside [0,1]");
  }
  const auto [low, high] = least_and_greatest(values);
  const std::size_t last = values.size() - 1;
  // The two order statistics around each position h = p (n - 1).
  auto ranks_of = [last](double p) {
    const double h = static_cast<double>(last) * p;
    const auto below = static_cast<std::size_t>(std::floor(h));
    return std::pair{below, std::min(below + 1, last)};
  };
  const BucketMap bucket(low, high);
  if (low == high || !bucket.usable()) {
    for (std::size_t i = 0; i < ps.size(); ++i) {
      const auto [below, above] = ranks_of(ps[i]);
      out[i] = low == high ? low
                           : type7_between(order_statistic(values, below, low, high),
                                           order_statistic(values, above, low, high),
                                           static_cast<double>(last) * ps[i]);
    }
    return;
  }

  // Pass 1: the histogram, with each bucket's least and greatest value.
  histogram_.build(values, low, high);
  const auto& counts = histogram_.counts;
  const auto& least_in = histogram_.least;
  const auto& greatest_in = histogram_.greatest;
  // Pass 2: the values of the wanted buckets that are small enough to gather, in one array.
  // Buckets hold disjoint runs of the sorted values, so the value of rank j in bucket b is the
  // value of rank (b's start) + j among the gathered ones, b's start being the count of the
  // gathered buckets below b.
  const std::size_t gather_limit = std::max(kLeastGatherLimit, values.size() / 64);
  gathered_start_.assign(kBuckets, kNotGathered);
  for (const double p : ps) {
    const auto [below, above] = ranks_of(p);
    for (const std::size_t rank : {below, above}) {
      const std::size_t b = histogram_.locate(rank).first;
      if (counts[b] > gather_limit) continue;
      if (least_in[b] == greatest_in[b]) continue;  // all equal: nothing to select
      gathered_start_[b] = 0;
    }
  }
  std::size_t gathered = 0;
  for (std::size_t b = 0; b < kBuckets; ++b) {
    if (gathered_start_[b] == kNotGathered) continue;
    gathered_start_[b] = gathered;
    gathered += counts[b];
  }
  if (gathered > 0) {
    gathered_.resize(gathered);
    gather(values, bucket, gathered_start_, gathered_);
  }
  auto value_of = [&](std::size_t rank) {
    const auto [b, rank_in_bucket] = histogram_.locate(rank);
    if (least_in[b] == greatest_in[b]) return least_in[b];
    if (gathered_start_[b] == kNotGathered)
      return order_statistic(values, rank, least_in[b], greatest_in[b]);
    const auto nth =
        gathered_.begin() + static_cast<std::ptrdiff_t>(gathered_start_[b] + rank_in_bucket);
    std::nth_element(gathered_.begin(), nth, gathered_.end());
    return *nth;
  };
  for (std::size_t i = 0; i < ps.size(); ++i) {
    const auto [below, above] = ranks_of(ps[i]);
    out[i] = type7_between(value_of(below), value_of(above), static_cast<double>(last) * ps[i]);
  }
}

double QuantileSelector::order_statistic(std::span<const double> values, std::size_t rank,
                                         double low, double high) {
  // The values under `low` come first in the order.
  std::size_t under = 0;
  for (const double value : values) under += value < low ? 1 : 0;
  rank -= under;
  while (low < high) {
    const BucketMap bucket(low, high);
    if (!bucket.usable()) {
      // So close together that no histogram splits them: select among a copy.
      inside_.clear();
      for (const double value : values) {
        if (value >= low && value <= high) inside_.push_back(value);
      }
      const auto nth = inside_.begin() + static_cast<std::ptrdiff_t>(rank);
      std::nth_element(inside_.begin(), nth, inside_.end());
      return *nth;
    }
    narrowing_.build(values, low, high);
    const auto [b, rank_in_bucket] = narrowing_.locate(rank);
    rank = rank_in_bucket;
    low = narrowing_.least[b];
    high = narrowing_.greatest[b];
  }
  return low;
}

void QuantileSelector::Histogram::build(std::span<const double> values, double low, double high) {
  using Range = tbb::blocked_range<std::size_t>;
  const BucketMap bucket(low, high);
  const auto count = [values, low, high, &bucket](const Range& range, Histogram part) {
    for (std::size_t i = range.begin(); i != range.end(); ++i) {
      const double value = values[i];
      if (value < low || value > high) continue;
      const std::size_t b = bucket(value);
      ++part.counts[b];
      part.least[b] = std::min(part.least[b], value);
      part.greatest[b] = std::max(part.greatest[b], value);
    }
    return part;
  };
  counts.fill(0);
  least.fill(std::numeric_limits<double>::infinity());
  greatest.fill(-std::numeric_limits<double>::infinity());
  if (values.size() <= kParallelGrain) {
    *this = count(Range(0, values.size()), *this);
    return;
  }
  *this = tbb::parallel_reduce(Range(0, values.size(), kParallelGrain), *this, count,
                               [](Histogram a, const Histogram& b) {
                                 for (std::size_t i = 0; i < kBuckets; ++i) {
                                   a.counts[i] += b.counts[i];
                                   a.least[i] = std::min(a.least[i], b.least[i]);
                                   a.greatest[i] = std::max(a.greatest[i], b.greatest[i]);
                                 }
                                 return a;
                               });
}

std::pair<std::size_t, std::size_t> QuantileSelector::Histogram::locate(std::size_t rank) const {
  std::size_t b = 0;
  while (rank >= counts[b]) rank -= counts[b++];
  return {b, rank};
}

}  // namespace policysim::core
