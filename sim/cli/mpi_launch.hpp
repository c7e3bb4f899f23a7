#pragma once
// Whether an MPI launcher (mpirun, srun) started this process as one of several.

#include <optional>
#include <string>

namespace policysim::cli {

/// The number of processes the MPI launcher started, as its environment gives it, when it is
/// more than one; nothing otherwise.
std::optional<std::string> mpi_launcher_processes();

}  // namespace policysim::cli
