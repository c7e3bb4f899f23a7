#pragma once
// Sobol' first-order and total indices from the outputs of a Saltelli design (design.hpp), with
// bootstrap intervals.
//
// With f_A, f_B and f_AB^(i) the outputs of the rows A_j, B_j and AB_j^(i) of the N base samples,
// centred on the mean of all f_A and f_B, and V the variance (divisor 2N) of all f_A and f_B:
//   first order (Saltelli et al. 2010, table 2 (b)):  S_i  = mean_j f_B (f_AB^(i) - f_A) / V
//   total       (Jansen 1999):                        ST_i = mean_j (f_A - f_AB^(i))^2 / (2V)
// Centring changes neither expectation, and keeps the first-order estimator's spread from growing
// with the square of the output's mean. The interval resamples the N base samples with
// replacement (whole blocks of k+2 rows) and takes the 2.5 % and 97.5 % quantiles of the
// resampled estimates; a resample whose outputs are all equal is left out (its indices are 0/0).

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "sim/sensitivity/bootstrap_interval.hpp"

namespace policysim::sensitivity {

struct SobolIndices {
  std::vector<Interval> first_order, total;  // one per factor
};

/// The indices of `factors` factors from `outputs`, one per row of the Saltelli design in
/// make_design's row order (N(k+2) outputs), with `bootstrap_resamples` resamples drawn from
/// `seed` (1000 is usual). Throws std::invalid_argument for outputs that are not a whole
/// Saltelli design of at least 2 base samples, a non-finite output (naming its row), or no
/// resamples; throws std::domain_error when every output is the same (the indices are undefined).
SobolIndices sobol_indices(std::size_t factors, std::span<const double> outputs,
                           std::size_t bootstrap_resamples, std::uint64_t seed);

}  // namespace policysim::sensitivity
