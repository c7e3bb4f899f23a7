#pragma once
// Whether an MPI launcher (mpirun, srun) started this process as one of several, and the refusal
// of such a launch by a build without MPI.

#include <optional>
#include <string>

namespace policysim::cli {

/// The number of processes the MPI launcher started, as its environment gives it, when it is
/// more than one; nothing otherwise.
std::optional<std::string> mpi_launcher_processes();

/// For a build without MPI: throws UsageError when an MPI launcher started several processes,
/// each of which would do the whole `work` ("sweep") into the same folder, and all but one find
/// it locked. The message points to `docs` for the MPI build and offers `otherwise` beside one
/// process.
void refuse_mpi_launch(const std::string& work, const std::string& docs,
                       const std::string& otherwise);

}  // namespace policysim::cli
