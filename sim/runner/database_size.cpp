#include "sim/runner/database_size.hpp"

#include <string_view>

#include "sim/model/metrics.hpp"
#include "sim/runner/memory_estimate.hpp"

namespace policysim::runner {
namespace {

/// A quarter as stored in the `quarter` columns: "2004Q1".
constexpr std::size_t kQuarterTextBytes = 6;
/// The `runs` row besides its outcomes: arm, seed and status as text, replicate, wall time.
constexpr std::size_t kRunTextBytes = 64;

}  // namespace

std::size_t row_bytes_bound(std::size_t integers, std::size_t text_bytes, std::size_t reals) {
  const std::size_t columns = integers + (text_bytes > 0 ? 1 : 0) + reals;
  constexpr std::size_t kCellBytes = 4;
  return kCellBytes + 1 + columns + 2 * integers + text_bytes + 8 * reals;
}

std::size_t database_bytes_bound(const DatabaseShape& shape) {
  // series(run_id, tick, quarter, metrics...) and region_series(run_id, tick, quarter, region,
  // metrics...), as store/results_database.cpp creates them.
  const std::size_t run_row = row_bytes_bound(2, kRunTextBytes, model::kOutcomeNames.size() + 1);
  const std::size_t series_row =
      row_bytes_bound(2, kQuarterTextBytes, model::kSeriesMetricNames.size());
  const std::size_t region_row =
      row_bytes_bound(3, kQuarterTextBytes, model::kRegionMetricNames.size());
  std::size_t per_run = run_row + shape.ticks * series_row;
  if (shape.region_series) per_run += shape.ticks * shape.regions * region_row;
  return shape.runs * per_run;
}

std::string database_size_line(const DatabaseShape& shape) {
  std::string line = "database: up to about " + format_bytes(database_bytes_bound(shape));
  if (shape.region_series) {
    line += " (runs x quarters x regions = " + std::to_string(shape.runs) + " x " +
            std::to_string(shape.ticks) + " x " + std::to_string(shape.regions) +
            " rows of region series)";
  }
  return line;
}

}  // namespace policysim::runner
