#pragma once
// How long a rank waiting for a message sleeps between polls: short beside a block's seconds, and
// it leaves the core to the threads running the model (MPI's blocking calls would spin on it).

#include <chrono>

namespace policysim::mpi {

constexpr auto kIdlePoll = std::chrono::microseconds(200);

}  // namespace policysim::mpi
