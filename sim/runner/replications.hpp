#pragma once
// The one code path that runs replications: a list of (arm, replicate) jobs run in parallel, with
// per-worker, per-arm Simulations, each finished run written by its worker with the others of its
// batch (RunWriter), whole or not at all. `policysim run` is the case of a single arm; `policysim
// compare` runs several on common random numbers (replicate r has the same seed in every arm).

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "sim/core/progress.hpp"
#include "sim/model/config.hpp"
#include "sim/model/simulation.hpp"
#include "sim/store/results_database.hpp"

namespace policysim::runner {

/// One arm: its name in the database and the configuration its runs use.
struct ArmConfig {
  std::string name;
  model::Config config;
  /// The values of the database's parameter columns (Schema::parameters) for its runs: a sweep's
  /// factors at this arm's point; empty where the schema has none.
  std::vector<double> parameters = {};
};

/// The arms of an experiment as a runner takes them: `count` arms, arm a made by `make(a)` when a
/// worker first runs it, so that a sweep's thousands of points are never all held at once.
struct ArmSource {
  std::size_t count = 0;
  std::function<ArmConfig(std::size_t)> make;
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
  int failed_stored = 0;  ///< of those, runs stored as failed (a NaN or infinite state; any
                          ///< error with arms from an ArmSource)
  int dropped = 0;        ///< runs not started because a signal asked to stop (stop_signals.hpp)

  BatchResult& operator+=(const BatchResult& other) {
    written += other.written;
    failed += other.failed;
    failed_stored += other.failed_stored;
    dropped += other.dropped;
    return *this;
  }
};

/// Runs jobs of several arms on one country into one database. Keep one for an experiment: its
/// Simulations (one network build and set of buffers per worker and arm) are reused by every
/// batch. A worker keeps at most 16 of them, and one with arms made on demand: a sweep's thousands
/// of points would otherwise keep thousands of networks per worker.
class ReplicationRunner {
 public:
  /// `base_seed` gives replicate r the seed replicate_seed(base_seed, r) in every arm. Without
  /// `series`, runs are stored with their outcomes and events but no national series.
  ReplicationRunner(std::vector<ArmConfig> arms, const model::Country& country,
                    store::ResultsDatabase& database, std::uint64_t base_seed, bool region_series,
                    bool series = true);
  /// The same with arms made on demand: a worker makes an arm when it builds its Simulation and
  /// drops both when it moves on to another arm (jobs should come arm by arm). Failed runs are
  /// stored as failed whatever the error (`policysim sweep`).
  ReplicationRunner(ArmSource arms, const model::Country& country, store::ResultsDatabase& database,
                    std::uint64_t base_seed, bool region_series, bool series);
  ~ReplicationRunner();
  ReplicationRunner(const ReplicationRunner&) = delete;
  ReplicationRunner& operator=(const ReplicationRunner&) = delete;

  /// The jobs among arms x [0, replicates) that the database does not hold yet, replicate-major
  /// (so an interrupted batch leaves whole replicates done across arms).
  std::vector<Job> missing_jobs(int replicates) const;

  /// Called, by the worker that ran it, with each run before it is stored: to add what is stored
  /// with it in the same transaction (a sweep's targets' values), or to keep what is cheaper to
  /// take from memory than to read back (`run`'s targets' statistics). The record holds the run's
  /// national series even where the runner stores none. If it throws, the run is failed.
  using JudgeRun = std::function<void(const Job&, store::RunRecord&)>;

  /// Runs `jobs` in parallel and stores each run as it finishes (judged by `judge` first, if
  /// given), in batches a worker, all of them by the time it returns; a failed run is logged and
  /// counted, and one whose state became NaN or infinite is also stored, with its status saying
  /// where and its outcomes NULL, since its seed fails again; with arms from an ArmSource every
  /// failed run is stored so, its status "failed: " and the error. Once a signal asks to stop
  /// (stop_signal()), no job starts: those in flight finish and are stored, the others are dropped.
  /// Progress goes to stderr unless `quiet`. Throws StoreError when results cannot be written. With
  /// `progress`, its runs advance that bar (of a whole made of several batches) instead.
  BatchResult run(std::span<const Job> jobs, bool quiet, std::ostream& log,
                  const JudgeRun& judge = {}, core::Progress* progress = nullptr);

  /// The number of arms.
  std::size_t arm_count() const { return arms_.count; }

 private:
  /// The record of a run that failed for `why`: status "failed: why", outcomes NULL, no series.
  store::RunRecord failed_record(const ArmConfig& arm, int replicate, std::uint64_t seed,
                                 const std::string& why) const;

  struct Pool;
  ArmSource arms_;
  const model::Country& country_;
  store::ResultsDatabase& database_;
  std::uint64_t base_seed_;
  model::RunOptions run_options_;
  bool series_;
  bool store_every_failure_;  // arms from an ArmSource: a sweep records each failed run
  std::unique_ptr<Pool> pool_;
};

}  // namespace policysim::runner
