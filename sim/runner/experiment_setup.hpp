#pragma once
// What `policysim run` and `policysim compare` do alike before their first run and when a signal
// stops them: read the scenario, place the database, check the memory, report an interruption.

#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sim/model/config.hpp"
#include "sim/runner/memory_estimate.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/store/results_database.hpp"

namespace policysim::runner {

/// The scenario in `file`, its warnings written to `log`.
scenario::Scenario read_experiment_scenario(const std::filesystem::path& file, std::ostream& log);

/// The results database: results.sqlite in `out_dir`, else in results/<scenario name>.
std::filesystem::path experiment_database_path(const std::optional<std::filesystem::path>& out_dir,
                                               const scenario::Scenario& scenario);

/// The memory of `runs` runs over the arms `arm_configs` on `threads` threads, of which the
/// summary keeps `kept_runs` (all of them unless given), each with `targets` target values,
/// checked before the country is built (check_memory: UsageError when it cannot fit, a warning on
/// `log` when it needs more than is available now).
MemoryEstimate check_experiment_memory(const scenario::Scenario& scenario,
                                       std::span<const model::Config* const> arm_configs,
                                       std::size_t runs, std::size_t targets, int threads,
                                       bool region_series, std::ostream& log,
                                       std::optional<std::size_t> kept_runs = std::nullopt);

/// The stored runs of replicates [0, `replicates`) that have results, and how many others there
/// are: stored as failed (a NaN or infinite state, outcomes NULL), or of replicates from
/// `replicates` on (stored by an earlier command that asked for more).
struct FinishedRuns {
  std::vector<store::StoredRun> ok;
  std::size_t failed = 0;
  std::size_t beyond = 0;
};
FinishedRuns finished_runs(std::vector<store::StoredRun> runs, int replicates);

/// Says on `log` which runs failed: `failed_stored` of `asked` stored as failed, left out of
/// `left_out_of` ("the summary"), and where to read why; `retried` of `attempted` that failed
/// without being stored, which the same command runs again.
void report_failed_runs(std::size_t failed_stored, std::size_t asked, int retried,
                        std::size_t attempted, const std::string& left_out_of,
                        const std::filesystem::path& database, std::ostream& log);

/// Marks `database` as stopped by `signal` (mark_interrupted) and says on `log` how many of the
/// `asked` runs are stored and how to go on.
void report_interrupted(store::ResultsDatabase& database, int signal, std::size_t stored,
                        std::size_t asked, std::ostream& log);

}  // namespace policysim::runner
