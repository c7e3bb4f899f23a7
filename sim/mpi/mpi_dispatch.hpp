#pragma once
// A sweep's jobs shared by the ranks of an MPI job (`mpirun -n R policysim sweep FILE`), and each
// batch of a calibration's, in rounds (mpi_calibration_dispatch.hpp).
//
// Rank 0 holds the sweep's folder lock and database, lists the missing jobs and hands them out
// in blocks (sweep_blocks.hpp) to whichever rank asks, itself included: a thread of its own runs
// blocks beside the main thread, which answers the other ranks. Every rank runs its blocks on
// its own oneTBB threads (-j each) and stores the runs in a database of its own
// (rank_databases.hpp), which rank 0 takes in once the rank is done. So SQLite keeps one writer
// per file, the writing grows with the ranks rather than capping them at one writer's pace, and
// only job numbers and counts travel between ranks. Each run's seed and point are those one
// process would give it, so the results are the same, row by row.

#include <filesystem>
#include <optional>

#include "sim/runner/sweep_dispatch.hpp"

namespace policysim::mpi {

class MpiDispatch final : public runner::SweepDispatch {
 public:
  /// For rank `rank` of `ranks`, MPI being initialised (MpiSession).
  MpiDispatch(int rank, int ranks);

  bool writes_sweep() const override { return rank_ == 0; }
  /// Rank 0 opens the sweep's database and takes in what a stopped job left in the ranks'
  /// databases; only then do the others open theirs (a barrier).
  store::ResultsDatabase& open(const std::filesystem::path& sweep_database,
                               const OpenDatabase& open_database, std::ostream& log) override;
  /// Another rank, before a further round of run() (a calibration's next batch), once rank 0
  /// has taken in the last round's runs: its database, opened again as open() opened it, since
  /// run() closed it.
  store::ResultsDatabase& reopen();
  /// Another rank closes its database, if open; rank 0, once every rank has (a barrier), takes
  /// their runs in. run() ends with it; a calibration calls it once more when it is over, for a
  /// rank whose database open() opened and no round closed.
  void collect();
  /// Rank 0: hands out `jobs` and runs its own share, then, once every rank has closed its
  /// database (a barrier), takes their runs in; the BatchResult counts every rank's runs.
  /// Others: run what they are handed until there is nothing left, then close their database.
  runner::BatchResult run(runner::ReplicationRunner& runner, const NextJobs& next_jobs,
                          std::size_t job_count, bool quiet, std::ostream& log,
                          const runner::ReplicationRunner::JudgeRun& judge) override;

 private:
  runner::BatchResult hand_out(runner::ReplicationRunner& runner, const NextJobs& next_jobs,
                               std::size_t job_count, bool quiet, std::ostream& log,
                               const runner::ReplicationRunner::JudgeRun& judge);
  runner::BatchResult work(runner::ReplicationRunner& runner, std::ostream& log,
                           const runner::ReplicationRunner::JudgeRun& judge);

  int rank_;
  int ranks_;
  std::optional<store::ResultsDatabase> database_;
  // What open() opened, for reopen() on another rank.
  std::filesystem::path sweep_database_;
  OpenDatabase open_database_;
};

}  // namespace policysim::mpi
