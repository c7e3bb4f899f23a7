#pragma once
// The `comparisons` table: paired effects of each arm against the reference arm, one row per arm
// and outcome (docs/compare.md). Rewritten whole each time `policysim compare` finishes, from the
// runs it used, so a resumed comparison ends with the same table as an uninterrupted one.

#include <filesystem>
#include <string>
#include <vector>

namespace policysim::store {

/// One arm against the reference on one outcome. NaN is stored as NULL and read back as NaN.
struct ComparisonRow {
  std::string arm, reference, outcome;
  int replicates = 0;  ///< replicates used
  int pairs = 0;       ///< replicates where both arms have a value
  double mean_arm = 0, mean_ref = 0, mean_diff = 0, sd_diff = 0;
  double t_low = 0, t_high = 0, boot_low = 0, boot_high = 0;
  double ratio = 0, effect_dz = 0, cohens_d = 0, vrf = 0;

  friend bool operator==(const ComparisonRow&, const ComparisonRow&) = default;
};

/// Replaces the comparisons of the database at `database` with `rows`, in one transaction.
void write_comparisons(const std::filesystem::path& database,
                       const std::vector<ComparisonRow>& rows);

/// The comparisons stored in `database`, ordered by (arm, outcome); empty when there are none.
std::vector<ComparisonRow> read_comparisons(const std::filesystem::path& database);

}  // namespace policysim::store
