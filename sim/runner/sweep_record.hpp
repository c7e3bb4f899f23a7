#pragma once
// What a sweep's database records of its design: the design as one JSON value (in the manifest,
// and among the inputs that resuming compares), a row per factor for the `design` table, and
// what each factor's column of `runs` holds.

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/scenario/sweep.hpp"
#include "sim/store/design_table.hpp"
#include "sim/store/results_database.hpp"

namespace policysim::runner {

/// Each factor's path, column, kind, range, values and distribution (its name and parameters,
/// for a factor that has one), as the database records them.
nlohmann::json factors_json(std::span<const scenario::SweepFactor> factors);

/// The design: its kind, points, levels and seed, and its factors (factors_json). Not the
/// replicates: more of them extend a sweep rather than change it.
nlohmann::json design_json(const scenario::Sweep& sweep);

/// The rows of the `design` table of a sweep of `points` points of `replicates` replicates.
std::vector<store::DesignRow> design_rows(const scenario::Sweep& sweep, std::size_t points,
                                          int replicates);

/// The meaning of each factor's column of `runs`: its unit and what it sets, as a `role`
/// ("sweep factor", "calibrated parameter").
std::vector<store::ColumnMeaning> factor_columns(std::span<const scenario::SweepFactor> factors,
                                                 std::string_view role);

}  // namespace policysim::runner
