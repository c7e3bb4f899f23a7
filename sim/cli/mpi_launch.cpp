#include "sim/cli/mpi_launch.hpp"

#include <cstdlib>

#include "sim/runner/usage_error.hpp"

namespace policysim::cli {

std::optional<std::string> mpi_launcher_processes() {
  // Open MPI's mpirun, and the PMI of MPICH's and Slurm's launchers.
  for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"}) {
    const char* processes = std::getenv(variable);
    if (processes != nullptr && std::string(processes) != "1") return std::string(processes);
  }
  return std::nullopt;
}

void refuse_mpi_launch(const std::string& work, const std::string& docs,
                       const std::string& otherwise) {
  if (const auto processes = mpi_launcher_processes()) {
    throw runner::UsageError("this policysim was built without MPI, so each of the " + *processes +
                             " processes the MPI launcher started would run the whole " + work +
                             ": build it with MPI (install libopenmpi-dev and configure with "
                             "-DPOLICYSIM_MPI=ON; " +
                             docs + "), or run one process" + otherwise);
  }
}

}  // namespace policysim::cli
