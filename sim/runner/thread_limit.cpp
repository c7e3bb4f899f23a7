#include "sim/runner/thread_limit.hpp"

#include <cstddef>

namespace policysim::runner {

ThreadLimit::ThreadLimit(int threads) : requested_(threads) {
  if (threads > 0) {
    limit_.emplace(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  }
}

int ThreadLimit::threads() const {
  // Not global_control::active_value when a cap was asked for: once oneTBB's scheduler has
  // started in this process, it reads a cap above the scheduler's worker count back as that
  // count, so the same -j would describe differently depending on what the process ran before.
  if (requested_ > 0) return requested_;
  return static_cast<int>(
      tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism));
}

}  // namespace policysim::runner
