#pragma once
// Paired comparisons of two arms run on common random numbers (docs/compare.md): the differences
// d_r = y_arm,r - y_ref,r of replicates where both values exist, their mean with a Student t and a
// percentile-bootstrap interval, the ratio of means, two standardised effects, and the
// variance-reduction factor of pairing. Pure functions: the same inputs give the same bits.

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace policysim::runner {

/// The regularised incomplete beta function I_x(a, b) for a, b > 0 and x in [0, 1].
double regularized_incomplete_beta(double a, double b, double x);

/// P(T <= t) for Student's t with `degrees_of_freedom` > 0.
double student_t_cdf(double t, double degrees_of_freedom);

/// The p-quantile of Student's t (0 < p < 1), by bisection on student_t_cdf to full precision.
double student_t_quantile(double probability, double degrees_of_freedom);

/// Settings of a paired comparison.
struct PairedOptions {
  double confidence = 0.95;          ///< two-sided coverage of both intervals
  int bootstrap_resamples = 2000;    ///< B; 0 leaves the bootstrap interval NaN
  std::uint64_t bootstrap_seed = 1;  ///< Philox key of the resampling: fixed, so reruns agree
};

/// Everything `compare` reports for one outcome and one arm against the reference.
struct PairedEffect {
  int replicates = 0;    ///< replicates offered (pairs plus those with a value missing)
  int pairs = 0;         ///< replicates where both arms have a value
  double mean_arm = 0;   ///< mean of the arm over the pairs
  double mean_ref = 0;   ///< mean of the reference over the pairs
  double mean_diff = 0;  ///< mean of d = arm - reference
  double sd_diff = 0;    ///< sample standard deviation of d (n - 1)
  double t_low = 0;      ///< mean_diff -/+ t_{(1+c)/2, n-1} sd_diff / sqrt(n)
  double t_high = 0;     ///< upper end of the t interval
  double boot_low = 0;   ///< percentile bootstrap of the mean of d: (1-c)/2 quantile
  double boot_high = 0;  ///< (1+c)/2 quantile
  double ratio = 0;      ///< mean_arm / mean_ref; NaN when mean_ref is 0
  double effect_dz = 0;  ///< paired standardised effect: mean_diff / sd_diff
  double cohens_d = 0;   ///< mean_diff / sqrt((var_arm + var_ref) / 2), the unpaired effect size
  double vrf = 0;        ///< (var_arm + var_ref) / var_d: unpaired over paired variance
  /// Half the width of the t interval (NaN with fewer than two pairs).
  double t_half_width() const { return (t_high - t_low) / 2; }
};

/// d_r = arm[r] - ref[r] for every r where both are finite, in replicate order.
std::vector<double> paired_differences(std::span<const double> arm, std::span<const double> ref);

/// The t interval of the mean of `differences` (NaN, NaN with fewer than two).
std::pair<double, double> t_interval(std::span<const double> differences, double confidence);

/// The percentile-bootstrap interval of the mean of `differences`: `resamples` resamples with
/// replacement drawn from Philox keyed by `seed`, so the interval is the same on every machine.
std::pair<double, double> bootstrap_mean_interval(std::span<const double> differences,
                                                  double confidence, int resamples,
                                                  std::uint64_t seed);

/// The paired comparison of `arm` with `ref` (one value per replicate, NaN where missing; the
/// spans have the same length).
PairedEffect compare_paired(std::span<const double> arm, std::span<const double> ref,
                            const PairedOptions& options = {});

}  // namespace policysim::runner
