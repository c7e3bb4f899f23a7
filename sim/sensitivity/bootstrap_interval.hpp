#pragma once
// A point estimate with its bootstrap percentile interval.

#include <span>

namespace policysim::sensitivity {

/// An estimate and its 95 % bootstrap percentile interval [low, high].
struct Interval {
  double estimate, low, high;
};

/// `estimate` with the 2.5 % and 97.5 % quantiles (R's type 7) of its bootstrap replicates as the
/// interval; low and high are NaN when there are no replicates. Replicates must not be NaN.
Interval percentile_interval(double estimate, std::span<const double> replicates);

}  // namespace policysim::sensitivity
