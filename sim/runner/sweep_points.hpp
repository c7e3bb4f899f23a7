#pragma once
// The points of a sweep: its design in the unit hypercube mapped onto each factor's range or
// values, and each point's configuration.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "sim/model/config.hpp"
#include "sim/scenario/sweep.hpp"
#include "sim/sensitivity/design.hpp"

namespace policysim::runner {

/// The value of `factor` where its design column holds `unit` (in [0, 1]). A range maps linearly,
/// with both ends exact (std::lerp); a start or an end is rounded to the nearest quarter. A list
/// of L values takes value i at a grid's level i/(L-1), and elsewhere the value whose share
/// [i/L, (i+1)/L) of the unit interval holds `unit`. A distribution takes its quantile, cut to
/// the factor's range, at factor_probability.
double factor_value(const scenario::SweepFactor& factor, double unit, const scenario::Sweep& sweep);

/// The probability at which a distribution factor takes its quantile where its design column
/// holds `unit`: `unit` itself, except for an open normal or lognormal (one cut only at its valid
/// range) in a Morris design of L levels. There level i/(L-1) is the probability (i + 1/2)/L, the
/// middle of the i-th of L equally probable cells: the design's ends would otherwise take the
/// valid bounds, far out in the distribution's tails.
double factor_probability(const scenario::SweepFactor& factor, double unit,
                          const scenario::Sweep& sweep);

/// The change of factor_probability per unit of the design's coordinate: (L-1)/L for an open
/// distribution in a Morris design of L levels, 1 otherwise.
double probability_per_unit(const scenario::SweepFactor& factor, const scenario::Sweep& sweep);

/// The sweep's points: values[point * factors + factor], in the design's row order.
struct SweepPoints {
  std::size_t factors = 0;
  std::vector<double> values;
  std::size_t count() const { return factors == 0 ? 0 : values.size() / factors; }
  double at(std::size_t point, std::size_t factor) const {
    return values[point * factors + factor];
  }
  /// The factors' values at `point`, in the sweep's order.
  std::vector<double> row(std::size_t point) const {
    const auto first = values.begin() + static_cast<std::ptrdiff_t>(point * factors);
    return {first, first + static_cast<std::ptrdiff_t>(factors)};
  }
};

/// The points of `sweep`, from its unit design `design`.
SweepPoints sweep_points(const scenario::Sweep& sweep, const sensitivity::UnitDesign& design);

/// `base` with the factors of `sweep` set to their values at `point`.
model::Config point_config(const model::Config& base, const scenario::Sweep& sweep,
                           const SweepPoints& points, std::size_t point);

/// The name of a point in the database's `arm` column: "p" and its index, zero-padded to the
/// digits of the last point so that names sort in point order ("p007" of 120 points).
std::string point_name(std::size_t point, std::size_t points);

/// The point whose point_name among `points` is `name`; nothing for any other name.
std::optional<std::size_t> point_of_name(const std::string& name, std::size_t points);

}  // namespace policysim::runner
