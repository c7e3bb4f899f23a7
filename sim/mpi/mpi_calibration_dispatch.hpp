#pragma once
// A calibration's runs shared by the ranks of an MPI job (`mpirun -n R policysim calibrate
// FILE`).
//
// Rank 0 owns the calibration: its ABC state, database and summary. Before each batch whose
// runs are missing, it broadcasts the batch's proposals (names and parameter values); every rank
// builds the same arms from them (proposal_arms.hpp), and the batch's jobs are handed out in
// blocks as a sweep's are (MpiDispatch): each rank runs its blocks, judges and stores the runs in
// its own database, and closes it; rank 0 takes them in and reads the batch's targets' values
// from its database. Once the calibration is over (finished or stopped), rank 0 broadcasts an
// empty batch, and the other ranks close their databases and return.

#include "sim/mpi/mpi_dispatch.hpp"
#include "sim/runner/calibration_dispatch.hpp"

namespace policysim::mpi {

class MpiCalibrationDispatch final : public runner::CalibrationDispatch {
 public:
  /// For rank `rank` of `ranks`, MPI being initialised (MpiSession).
  MpiCalibrationDispatch(int rank, int ranks);

  bool owns_calibration() const override { return jobs_.writes_sweep(); }
  store::ResultsDatabase& open(const std::filesystem::path& calibration_database,
                               const runner::SweepDispatch::OpenDatabase& open_database,
                               std::ostream& log) override;
  /// Broadcasts `batch`, then hands out `jobs` (MpiDispatch::run).
  runner::BatchResult run(const runner::ProposalBatch& batch, runner::ReplicationRunner& runner,
                          std::span<const runner::Job> jobs, std::ostream& log,
                          const runner::ReplicationRunner::JudgeRun& judge) override;
  /// Broadcasts the empty batch that ends the other ranks' serve(), and takes in their databases
  /// (MpiDispatch::collect).
  void finish() override;
  runner::BatchResult serve(const MakeRunner& make_runner, std::ostream& log,
                            const runner::ReplicationRunner::JudgeRun& judge) override;

 private:
  MpiDispatch jobs_;
};

}  // namespace policysim::mpi
