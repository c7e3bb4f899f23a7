#pragma once
// Who runs a sweep's jobs: this process alone (LocalDispatch), or the ranks of an MPI job
// (sim/mpi/mpi_dispatch.hpp), each running a share of them on its own threads. run_sweep asks
// its dispatch for the database to write and to run the missing jobs; everything else (the
// design, the seeds, the summary) is the same whoever runs them, so the results are too.

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <vector>

#include "sim/runner/replications.hpp"
#include "sim/store/results_database.hpp"

namespace policysim::runner {

class SweepDispatch {
 public:
  /// Opens the database at the path it is given (open_experiment_database with the sweep's
  /// inputs).
  using OpenDatabase = std::function<store::ResultsDatabase(const std::filesystem::path&)>;
  /// The sweep's missing jobs, a block at a time: each call gives the next block, and an empty
  /// one when there are no more, so that the whole list is never held.
  using NextJobs = std::function<std::vector<Job>()>;

  virtual ~SweepDispatch() = default;

  /// Whether this process writes the sweep's database, lists its missing jobs and summarises
  /// it; another rank of an MPI job only runs the jobs handed to it.
  virtual bool writes_sweep() const = 0;

  /// The database this process writes for the sweep whose database is `sweep_database`: that
  /// one, with the runs an earlier, stopped MPI job left in its ranks' databases taken in
  /// (rank_databases.hpp), or, on another rank, its own. It lives as long as the dispatch, or,
  /// on another rank, until run() returns.
  virtual store::ResultsDatabase& open(const std::filesystem::path& sweep_database,
                                       const OpenDatabase& open_database, std::ostream& log) = 0;

  /// Runs the sweep's missing jobs, `job_count` of them as `next_jobs` gives them (ignored on
  /// another rank, which runs what it is handed), with `runner`, which writes into the database
  /// open() gave. On return the database holds every run stored, whichever process ran it.
  /// `judge` is called with each run this process stores, before it is stored
  /// (ReplicationRunner::run).
  virtual BatchResult run(ReplicationRunner& runner, const NextJobs& next_jobs,
                          std::size_t job_count, bool quiet, std::ostream& log,
                          const ReplicationRunner::JudgeRun& judge) = 0;
};

/// Every job in this process, as ReplicationRunner::run does.
class LocalDispatch final : public SweepDispatch {
 public:
  bool writes_sweep() const override { return true; }
  store::ResultsDatabase& open(const std::filesystem::path& sweep_database,
                               const OpenDatabase& open_database, std::ostream& log) override;
  BatchResult run(ReplicationRunner& runner, const NextJobs& next_jobs, std::size_t job_count,
                  bool quiet, std::ostream& log, const ReplicationRunner::JudgeRun& judge) override;

 private:
  std::optional<store::ResultsDatabase> database_;
};

}  // namespace policysim::runner
