#pragma once
// The `design` table of a sweep's database: one row per factor, with its range, values or
// distribution and the design that placed the points (docs/sweeps.md). Each run's factor values are
// columns of `runs`.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace policysim::store {

/// One factor of a sweep, and the design it belongs to (the same in every row).
struct DesignRow {
  std::string factor;        ///< as the scenario names it: "beta_R", "intervention.X.intensity"
  std::string column;        ///< its column in `runs`
  std::string kind;          ///< parameter, intervention_intensity, ..., donor_foreignness
  double low = 0, high = 0;  ///< its range (of its values, when a list was given)
  std::string values;        ///< the list given, as "[1.5, 3, 4.5]"; empty for a range
  /// Its distribution over the range, as "normal(mean -5, sd 0.5)"; empty for none.
  std::string distribution;
  std::string design;             ///< grid, random, latin_hypercube, sobol, saltelli or morris
  std::int64_t points = 0;        ///< design points (rows of the design)
  std::int64_t levels = 0;        ///< grid or Morris levels; 0 where they do not apply
  std::int64_t replications = 0;  ///< replicates of each point
  std::uint64_t design_seed = 0;  ///< the design's own seed
};

/// Replaces the `design` table of the database at `database` with `rows`, in one transaction.
void write_design(const std::filesystem::path& database, const std::vector<DesignRow>& rows);

}  // namespace policysim::store
