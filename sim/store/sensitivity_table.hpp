#pragma once
// The `sensitivity` table of a sweep's database: for each outcome and factor, Sobol' indices with
// their bootstrap intervals (a Saltelli design) or Morris's elementary-effect summaries (a Morris
// design), computed on each point's mean over its replicates (docs/sweeps.md).

#include <filesystem>
#include <string>
#include <vector>

namespace policysim::store {

/// One outcome and factor. NaN (stored as NULL) in the measures the method does not give.
struct SensitivityRow {
  std::string outcome;
  std::string factor;  ///< the factor's column in `runs`
  std::string method;  ///< "sobol" or "morris"
  double first_order = 0, first_order_low = 0, first_order_high = 0;  ///< Sobol' S1, 95 %
  double total = 0, total_low = 0, total_high = 0;                    ///< Sobol' ST, 95 %
  double mu = 0, mu_star = 0, sigma = 0;                              ///< Morris
};

/// Replaces the `sensitivity` table of the database at `database` with `rows`, in one
/// transaction.
void write_sensitivity(const std::filesystem::path& database,
                       const std::vector<SensitivityRow>& rows);

}  // namespace policysim::store
