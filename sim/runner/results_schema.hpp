#pragma once
// The columns a results database holds for the model: its outcomes, series metrics and region
// metrics, by name, unit and description.

#include <vector>

#include "sim/store/results_database.hpp"

namespace policysim::runner {

/// The columns the model writes: its outcomes, series metrics and region metrics.
store::Schema results_schema();
/// The unit and description of each of those columns, from the model's tables.
std::vector<store::ColumnMeaning> results_column_meanings();

}  // namespace policysim::runner
