#pragma once
// A command run by every rank of the MPI job that started this process (`mpirun -n R policysim
// sweep|calibrate FILE`), in the MPI build only.

#if POLICYSIM_MPI

#include <functional>

#include "sim/mpi/mpi_session.hpp"

namespace policysim::cli {

/// Runs `command` on this rank of `session` and returns its exit code. A rank whose command
/// throws says so and aborts the job (MPI_Abort), since the others would wait for it for ever;
/// `work` names what the job does ("sweep", "calibration") in that message.
int run_on_rank(const mpi::MpiSession& session, const char* work,
                const std::function<int()>& command);

}  // namespace policysim::cli

#endif
