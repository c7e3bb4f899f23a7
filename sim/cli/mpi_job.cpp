#include "sim/cli/mpi_job.hpp"

#if POLICYSIM_MPI

#include <iostream>

#include "sim/cli/error_report.hpp"

namespace policysim::cli {

int run_on_rank(const mpi::MpiSession& session, const char* work,
                const std::function<int()>& command) {
  try {
    return command();
  } catch (...) {
    const int code = report_current_exception();
    std::cerr << "policysim: rank " << session.rank() << " of " << session.ranks() << " of the MPI "
              << work << " failed (above), so every rank stops (MPI_Abort, exit code " << code
              << "); the runs stored so far are kept, and the same command resumes the " << work
              << " once the cause is fixed\n";
    session.abort(code);
  }
}

}  // namespace policysim::cli

#endif
