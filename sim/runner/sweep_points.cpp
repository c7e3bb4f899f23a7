#include "sim/runner/sweep_points.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace policysim::runner {

double probability_per_unit(const scenario::SweepFactor& factor, const scenario::Sweep& sweep) {
  if (!factor.distribution.open || sweep.design != scenario::SweepDesign::morris) return 1.0;
  const auto levels = static_cast<double>(sweep.levels);
  return (levels - 1) / levels;
}

double factor_probability(const scenario::SweepFactor& factor, double unit,
                          const scenario::Sweep& sweep) {
  const double span = probability_per_unit(factor, sweep);
  return (1 - span) / 2 + unit * span;
}

double factor_value(const scenario::SweepFactor& factor, double unit,
                    const scenario::Sweep& sweep) {
  if (!factor.values.empty()) {
    const std::size_t count = factor.values.size();
    const bool grid = sweep.design == scenario::SweepDesign::grid;
    const double scaled = grid ? std::round(unit * static_cast<double>(count - 1))
                               : std::floor(unit * static_cast<double>(count));
    const auto index = std::min(static_cast<std::size_t>(std::max(scaled, 0.0)), count - 1);
    return factor.values[index];
  }
  if (factor.distribution.kind != scenario::DistributionKind::none) {
    return scenario::cut_quantile(factor.distribution, factor.low, factor.high,
                                  factor_probability(factor, unit, sweep));
  }
  const double value = std::lerp(factor.low, factor.high, unit);
  return scenario::is_quarter_factor(factor.kind) ? std::round(value * 4.0) / 4.0 : value;
}

SweepPoints sweep_points(const scenario::Sweep& sweep, const sensitivity::UnitDesign& design) {
  SweepPoints points{sweep.factors.size(), {}};
  points.values.reserve(design.values.size());
  for (std::size_t row = 0; row < design.rows(); ++row) {
    for (std::size_t f = 0; f < sweep.factors.size(); ++f) {
      points.values.push_back(factor_value(sweep.factors[f], design.at(row, f), sweep));
    }
  }
  return points;
}

model::Config point_config(const model::Config& base, const scenario::Sweep& sweep,
                           const SweepPoints& points, std::size_t point) {
  model::Config config = base;
  for (std::size_t f = 0; f < sweep.factors.size(); ++f) {
    scenario::apply_factor(sweep.factors[f], points.at(point, f), config);
  }
  return config;
}

std::string point_name(std::size_t point, std::size_t points) {
  const std::string digits = std::to_string(points > 0 ? points - 1 : 0);
  const std::string index = std::to_string(point);
  // Appended piecewise: a chain of + trips a false -Wrestrict in GCC 12.
  std::string name = "p";
  name.append(digits.size() - std::min(digits.size(), index.size()), '0');
  name.append(index);
  return name;
}

std::optional<std::size_t> point_of_name(const std::string& name, std::size_t points) {
  std::size_t point = 0;
  const char* const end = name.data() + name.size();
  if (name.size() < 2 || name.front() != 'p') return std::nullopt;
  const auto [last, error] = std::from_chars(name.data() + 1, end, point);
  if (error != std::errc() || last != end || point >= points) return std::nullopt;
  if (point_name(point, points) != name) return std::nullopt;  // the padding must match too
  return point;
}

}  // namespace policysim::runner
