#pragma once
// The distribution a sweep factor's values follow (`distribution:`, docs/sweeps.md): a design's
// unit coordinate is taken as a probability and the factor takes the distribution's quantile
// there, the distribution cut (truncated) to the range its values may take.

#include <string>
#include <string_view>

namespace policysim::scenario {

enum class DistributionKind { none, uniform, triangular, normal, lognormal };

/// A factor's distribution. Its range (the sweep factor's low and high) is the uniform's and the
/// triangular's own support, and the range a normal or a lognormal is cut to.
struct FactorDistribution {
  DistributionKind kind = DistributionKind::none;
  double mean = 0, sd = 0;        ///< normal: mean and standard deviation
  double median = 0, sd_log = 0;  ///< lognormal: log(value) is normal, mean log(median), sd sd_log
  double mode = 0;                ///< triangular: its peak, within the range
  /// A normal or lognormal given no `range:`, cut only at its factor's valid bounds. Those are
  /// no values for a grid or a Morris design to take at the ends of the unit interval.
  bool open = false;
};

/// Its name as a sweep writes it: uniform, triangular, normal, lognormal; empty for none.
std::string_view distribution_name(DistributionKind kind);

/// The probability `distribution` puts on [low, high], before any cut. The range of a uniform or a
/// triangular is its support: 1.
double probability_between(const FactorDistribution& distribution, double low, double high);

/// The quantile at `probability` of `distribution` cut to [low, high]: F^-1(F(low) + probability
/// (F(high) - F(low))), with F the distribution's CDF. Exactly `low` at 0 and `high` at 1, and
/// never outside [low, high], so that no value is infinite. [low, high] must hold some of its
/// probability (probability_between > 0).
double cut_quantile(const FactorDistribution& distribution, double low, double high,
                    double probability);

/// "normal(mean -5, sd 0.5)", "lognormal(median 0.02, sd_log 0.4)", "triangular(mode 0.1)",
/// "uniform": the distribution as the design table and the dry run show it, its range apart.
std::string distribution_text(const FactorDistribution& distribution);

}  // namespace policysim::scenario
