#include "sim/cli/mpi_launch.hpp"

#include <cstdlib>

namespace policysim::cli {

std::optional<std::string> mpi_launcher_processes() {
  // Open MPI's mpirun, and the PMI of MPICH's and Slurm's launchers.
  for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"}) {
    const char* processes = std::getenv(variable);
    if (processes != nullptr && std::string(processes) != "1") return std::string(processes);
  }
  return std::nullopt;
}

}  // namespace policysim::cli
