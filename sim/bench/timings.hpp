#pragma once
// Wall-clock samples of a benchmark. Figures are medians of several samples because the machines
// are shared.

#include <chrono>
#include <vector>

namespace policysim::bench {

using Clock = std::chrono::steady_clock;

/// Seconds from `start` to now.
double seconds_since(Clock::time_point start);

/// Wall-clock seconds of repeated measurements.
struct Timings {
  std::vector<double> seconds;
  double median() const;
  double min() const;
  double max() const;
};

/// Throws std::invalid_argument when `count` is below one: a benchmark without a sample (or
/// without its reference kernels) would give no figure. `what` names the count, singular.
void require_at_least_one(long long count, const char* what);

}  // namespace policysim::bench
