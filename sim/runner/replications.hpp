#pragma once
// The one code path that runs replications: a list of (arm, replicate) jobs run in parallel, with
// per-worker, per-arm Simulations, each finished run streamed to the results database in its own
// transaction. `policysim run` is the case of a single arm; `policysim compare` runs several on
// common random numbers (replicate r has the same seed in every arm).

#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/model/config.hpp"
#include "sim/model/simulation.hpp"
#include "sim/runner/memory_estimate.hpp"
#include "sim/runner/provenance.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/store/results_database.hpp"

namespace policysim::runner {

/// The columns the model writes: its outcomes, series metrics and region metrics.
store::Schema results_schema();
/// The unit and description of each of those columns, from the model's tables.
std::vector<store::ColumnMeaning> results_column_meanings();

/// The label of each quarter of a run ("1997Q1", ...), as the database stores them.
std::vector<std::string> quarter_labels(const model::Config& config);

/// The district name of each region, for the database's region table.
std::vector<std::string> district_of_each_region(const model::Country& country);

/// A finished run as the database stores it: arm, replicate, seed, wall time and its outputs.
store::RunRecord to_record(model::RunOutput output, const std::string& arm, int replicate,
                           std::uint64_t seed, double wall_seconds,
                           const std::vector<std::string>& quarters);

/// The bytes of a file (a scenario or a data file, for its sha256 and the manifest).
std::string read_text_file(const std::filesystem::path& file);

/// The manifest of an experiment on `scenario`: build, command, scenario as written and
/// resolved, its data files (provenance_manifest), seed, threads.
nlohmann::json experiment_manifest(const scenario::Scenario& scenario, const Provenance& provenance,
                                   int replications, std::uint64_t seed, int threads);

/// Opens (or creates) the database of an experiment on `scenario`, writes the manifest on first
/// use (a `resumed_at` time otherwise) and the region table. A database holding runs is resumed
/// only if they were made from the same inputs (the fingerprint: resolved scenario, data files,
/// seed, per-region series switched the same way, engine) and each stored run's seed is the one
/// this experiment gives its replicate; otherwise StoreError (73), the file left as it was.
store::ResultsDatabase open_experiment_database(const std::filesystem::path& database,
                                                const scenario::Scenario& scenario,
                                                const model::Country& country,
                                                const nlohmann::json& manifest_extra,
                                                int replications, std::uint64_t seed, int threads,
                                                bool region_series);

/// Marks `database` as stopped by `signal` before its runs were all stored: the manifest's
/// `interrupted_by` (the signal's name) and `interrupted_at` (UTC), with `complete` left false.
void mark_interrupted(store::ResultsDatabase& database, int signal);

/// The last lines of a dry run: one run of `config` timed to estimate `runs` on `threads`
/// threads, and the memory estimate that run and compare check.
void print_estimates(std::ostream& out, const model::Config& config, const model::Country& country,
                     std::uint64_t seed, std::size_t runs, int threads,
                     const MemoryEstimate& memory);

/// One arm: its name in the database and the configuration its runs use.
struct ArmConfig {
  std::string name;
  model::Config config;
};

/// One run to do: arm (index into the runner's arms) and replicate.
struct Job {
  std::size_t arm = 0;
  int replicate = 0;
};

/// What a batch of jobs did.
struct BatchResult {
  int written = 0;        ///< runs stored
  int failed = 0;         ///< runs that threw (reported on the log); the others are stored
  int failed_stored = 0;  ///< of those, runs stored as failed: a NaN or infinite state
  int dropped = 0;        ///< runs not started because a signal asked to stop (stop_signals.hpp)
};

/// Runs jobs of several arms on one country into one database. Keep one for an experiment: its
/// Simulations (one network build and set of buffers per worker and arm) are reused by every
/// batch.
class ReplicationRunner {
 public:
  /// `base_seed` gives replicate r the seed replicate_seed(base_seed, r) in every arm.
  ReplicationRunner(std::vector<ArmConfig> arms, const model::Country& country,
                    store::ResultsDatabase& database, std::uint64_t base_seed, bool region_series);
  ~ReplicationRunner();
  ReplicationRunner(const ReplicationRunner&) = delete;
  ReplicationRunner& operator=(const ReplicationRunner&) = delete;

  /// The jobs among arms x [0, replicates) that the database does not hold yet, replicate-major
  /// (so an interrupted batch leaves whole replicates done across arms).
  std::vector<Job> missing_jobs(int replicates) const;

  /// Called, by the worker that ran it, with each run once it is stored: for what is cheaper to
  /// take from memory than to read back. If it throws, the run still counts as stored and the
  /// error is logged: the caller reads back what the hook did not keep.
  using RunStored = std::function<void(const Job&, const store::RunRecord&)>;

  /// Runs `jobs` in parallel and stores each run as it finishes (then tells `stored`, if given);
  /// a failed run is logged and counted, and one whose state became NaN or infinite is also
  /// stored, with its status saying where and its outcomes NULL, since its seed fails again. Once a
  /// signal asks to stop (stop_signal()), no job starts: those in flight finish and are stored, the
  /// others are dropped. Progress goes to stderr unless `quiet`. Throws StoreError when results
  /// cannot be written.
  BatchResult run(std::span<const Job> jobs, bool quiet, std::ostream& log,
                  const RunStored& stored = {});

  /// The arms, in the order given.
  const std::vector<ArmConfig>& arms() const { return arms_; }

 private:
  /// The record of a run that failed for `why`: status "failed: why", outcomes NULL, no series.
  store::RunRecord failed_record(const std::string& arm, int replicate, std::uint64_t seed,
                                 const std::string& why) const;

  struct Pool;
  std::vector<ArmConfig> arms_;
  const model::Country& country_;
  store::ResultsDatabase& database_;
  std::uint64_t base_seed_;
  model::RunOptions run_options_;
  std::vector<std::vector<std::string>> quarters_;  // per arm
  std::unique_ptr<Pool> pool_;
};

}  // namespace policysim::runner
