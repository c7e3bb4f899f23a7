#pragma once
// MPI for the life of a command: initialised when it starts, finalised when it ends, or the
// whole job aborted when one process fails, so that no rank waits for one that is gone.

#include <string>

namespace policysim::mpi {

/// Whether an MPI launcher (mpirun, mpiexec, srun) started this process: the variables Open MPI
/// (OMPI_COMM_WORLD_SIZE), PMIx (PMIX_RANK) or PMI (PMI_RANK) set. A process started otherwise
/// does not initialise MPI, which would cost it time and, in some containers, warnings.
bool launched_by_mpi();

/// The MPI library, as it names itself: "Open MPI v4.1.4".
std::string library_version();

class MpiSession {
 public:
  /// MPI_Init_thread with MPI_THREAD_FUNNELED: only the main thread calls MPI, while oneTBB's
  /// threads run the model.
  MpiSession();
  /// MPI_Finalize.
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  int rank() const { return rank_; }
  int ranks() const { return ranks_; }

  /// MPI_Abort of every rank with `exit_code`: for a rank that cannot go on.
  [[noreturn]] void abort(int exit_code) const;

 private:
  int rank_ = 0;
  int ranks_ = 1;
};

}  // namespace policysim::mpi
