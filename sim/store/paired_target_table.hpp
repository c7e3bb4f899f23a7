#pragma once
// The `paired_targets` table: the verdict of each paired target (a fact about an arm against the
// base on common random numbers, docs/compare.md) over the replicates a comparison's table was
// computed from. Rewritten whole each time `policysim compare` finishes, as `comparisons` is.

#include <filesystem>
#include <string>
#include <vector>

namespace policysim::store {

/// One paired target judged. NaN is stored as NULL and read back as NaN.
struct PairedTargetRow {
  std::string name, arm, metric;
  std::string minus;  ///< the metric subtracted within the arm's runs; empty: arm minus base
  std::string stat, window_start, window_end, source;
  double low = 0, high = 0;  ///< the range the interval must lie in
  int pairs = 0;             ///< replicates with a value in both runs (or in the arm's, with minus)
  double mean_diff = 0, t_low = 0, t_high = 0;  ///< the mean and its 95 % t interval
  bool met = false;

  friend bool operator==(const PairedTargetRow&, const PairedTargetRow&) = default;
};

/// Replaces the paired targets of the database at `database` with `rows`, in one transaction.
void write_paired_targets(const std::filesystem::path& database,
                          const std::vector<PairedTargetRow>& rows);

/// The paired targets stored in `database`, in name order; empty when there are none.
std::vector<PairedTargetRow> read_paired_targets(const std::filesystem::path& database);

}  // namespace policysim::store
