#include "sim/sensitivity/grid_design.hpp"

#include <vector>

namespace policysim::sensitivity {

double grid_level_value(std::size_t level, std::size_t count) {
  if (count == 1) return 0.5;
  return static_cast<double>(level) / static_cast<double>(count - 1);
}

UnitDesign grid_design(std::span<const std::size_t> levels) {
  UnitDesign design;
  design.factors = levels.size();
  std::size_t rows = 1;
  for (const std::size_t count : levels) rows *= count;
  design.values.reserve(rows * levels.size());
  // An odometer over the factors' level numbers, the last factor turning fastest.
  std::vector<std::size_t> level(levels.size(), 0);
  for (std::size_t row = 0; row < rows; ++row) {
    for (std::size_t f = 0; f < levels.size(); ++f) {
      design.values.push_back(grid_level_value(level[f], levels[f]));
    }
    for (std::size_t f = levels.size(); f-- > 0;) {
      if (++level[f] < levels[f]) break;
      level[f] = 0;
    }
  }
  return design;
}

}  // namespace policysim::sensitivity
