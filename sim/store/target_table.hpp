#pragma once
// The `targets` and `target_values` tables: how an experiment's runs compare with the stylised
// facts its scenario declares. Re-evaluated over all stored runs each time an experiment finishes;
// a sweep stores each run's values with the run (RunRecord::target_values) and replaces only the
// verdicts.

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace policysim::store {

/// One evaluated target and the value of its statistic in each run.
struct TargetRow {
  std::string name, metric, stat, window_start, window_end, source;
  double low = 0, high = 0, share_required = 0, share_met = 0;
  bool met = false;
  bool counted = true;  ///< false for a check that holds by construction
  std::string given;    ///< the condition on another outcome, as text; empty if none
  std::vector<std::pair<std::int64_t, double>> values;  ///< (run_id, value); NaN stored as NULL
};

/// The `target_values` table, created where missing: one value a target and run.
inline constexpr const char* kCreateTargetValues =
    "CREATE TABLE IF NOT EXISTS target_values (name TEXT, run_id INTEGER, value REAL, "
    "PRIMARY KEY (name, run_id)) WITHOUT ROWID";

/// Replaces the targets of the database at `database` with `rows`, in one transaction.
void write_targets(const std::filesystem::path& database, const std::vector<TargetRow>& rows);

/// Replaces the `targets` table of the database at `database` with `rows` (their `values` are
/// not read), leaving `target_values` as the runs stored it.
void write_target_verdicts(const std::filesystem::path& database,
                           const std::vector<TargetRow>& rows);

/// The stored value of each target in each run: values[name][run_id], NaN where stored as NULL;
/// empty when the database has no `target_values` table.
std::map<std::string, std::map<std::int64_t, double>> read_target_values(
    const std::filesystem::path& database);

}  // namespace policysim::store
