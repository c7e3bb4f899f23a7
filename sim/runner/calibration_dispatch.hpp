#pragma once
// Who runs a calibration's proposals: this process alone (LocalCalibrationDispatch), or the
// ranks of an MPI job (sim/mpi/mpi_calibration_dispatch.hpp). ABC-SMC is sequential: one process
// owns the calibration (its ABC state, database and summary) and, batch by batch, has the
// batch's missing runs run and reads their targets' values back; the other ranks of an MPI job
// only learn each batch's proposals, build the same arms (proposal_arms.hpp) and run the jobs
// handed to them (SweepDispatch) until the owner says the calibration is over.

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <memory>
#include <span>

#include "sim/runner/proposal_arms.hpp"
#include "sim/runner/replications.hpp"
#include "sim/runner/sweep_dispatch.hpp"
#include "sim/store/results_database.hpp"

namespace policysim::runner {

class CalibrationDispatch {
 public:
  /// The runner of a batch's proposals, writing into a database: the same on every process.
  using MakeRunner = std::function<std::unique_ptr<ReplicationRunner>(const ProposalBatch&,
                                                                      store::ResultsDatabase&)>;

  virtual ~CalibrationDispatch() = default;

  /// Whether this process owns the calibration; another rank of an MPI job only serves it.
  virtual bool owns_calibration() const = 0;

  /// The database this process writes (SweepDispatch::open): on the owner the calibration's,
  /// with the runs a stopped MPI job left in its ranks' databases taken in.
  virtual store::ResultsDatabase& open(const std::filesystem::path& calibration_database,
                                       const SweepDispatch::OpenDatabase& open_database,
                                       std::ostream& log) = 0;

  /// The owner: runs `jobs` of `batch`'s arms, its own share with `runner` (made for `batch` on
  /// the database open() gave). On return that database holds every run stored, whichever
  /// process ran it, and the BatchResult counts them all. `judge` is called with each run before
  /// it is stored, by whichever process runs it.
  virtual BatchResult run(const ProposalBatch& batch, ReplicationRunner& runner,
                          std::span<const Job> jobs, std::ostream& log,
                          const ReplicationRunner::JudgeRun& judge) = 0;

  /// The owner, once the calibration is over (finished, or stopped by a signal): lets the other
  /// ranks' serve() return.
  virtual void finish() = 0;

  /// Another rank: runs the jobs handed to it of each batch the owner runs, on a runner
  /// `make_runner` makes for the batch, until the owner calls finish(). Returns what its own
  /// runs did.
  virtual BatchResult serve(const MakeRunner& make_runner, std::ostream& log,
                            const ReplicationRunner::JudgeRun& judge) = 0;
};

/// Every run in this process, as ReplicationRunner::run does.
class LocalCalibrationDispatch final : public CalibrationDispatch {
 public:
  bool owns_calibration() const override { return true; }
  store::ResultsDatabase& open(const std::filesystem::path& calibration_database,
                               const SweepDispatch::OpenDatabase& open_database,
                               std::ostream& log) override;
  BatchResult run(const ProposalBatch& batch, ReplicationRunner& runner, std::span<const Job> jobs,
                  std::ostream& log, const ReplicationRunner::JudgeRun& judge) override;
  void finish() override {}
  /// Never called: a process on its own owns the calibration.
  BatchResult serve(const MakeRunner& make_runner, std::ostream& log,
                    const ReplicationRunner::JudgeRun& judge) override;

 private:
  LocalDispatch jobs_;
};

}  // namespace policysim::runner
