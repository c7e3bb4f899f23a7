#pragma once
// How a rank waits for a message without spinning on a core that the threads running the model
// need: MPI's blocking calls poll without pause.

#include <mpi.h>

#include <chrono>
#include <thread>

namespace policysim::mpi {

/// How long a rank sleeps between polls: short beside a block's seconds, and it leaves the core
/// to the threads running the model.
constexpr auto kIdlePoll = std::chrono::microseconds(200);

/// Waits for `request` to complete, sleeping kIdlePoll between tests.
inline void wait_idly(MPI_Request& request) {
  int done = 0;
  MPI_Test(&request, &done, MPI_STATUS_IGNORE);
  while (done == 0) {
    std::this_thread::sleep_for(kIdlePoll);
    MPI_Test(&request, &done, MPI_STATUS_IGNORE);
  }
}

}  // namespace policysim::mpi
