#pragma once
// The summary table of an experiment: for each outcome, its mean and 5-95 % range across runs.

#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/store/results_database.hpp"

namespace policysim::runner {

/// One outcome across runs. Runs where the outcome is NaN (an event that never happened) are
/// counted in `missing` and left out of the mean and range.
struct OutcomeSummary {
  std::string name;
  double mean = 0, q05 = 0, q95 = 0;
  int present = 0;  ///< runs with a value
  int missing = 0;  ///< runs without (NaN)
};

/// Summaries of outcomes[run][outcome] for each of `names`.
std::vector<OutcomeSummary> summarise_outcomes(std::span<const std::string_view> names,
                                               const std::vector<std::vector<double>>& outcomes);

/// The same summaries of the runs of replicates [0, `replicates`) stored in `database` that have
/// results, read outcome by outcome without holding the runs: the mean streamed in (arm,
/// replicate) order with the bits summarise_outcomes gives, the range from SQLite's order
/// statistics.
std::vector<OutcomeSummary> summarise_stored_outcomes(const store::ResultsDatabase& database,
                                                      std::span<const std::string_view> names,
                                                      int replicates);

/// Prints the table, one outcome a row.
void print_summary(std::ostream& out, const std::vector<OutcomeSummary>& rows);

}  // namespace policysim::runner
