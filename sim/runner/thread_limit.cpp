#include "sim/runner/thread_limit.hpp"

#include <cstddef>

namespace policysim::runner {

ThreadLimit::ThreadLimit(int threads) {
  if (threads > 0) {
    limit_.emplace(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  }
}

int ThreadLimit::threads() const {
  return static_cast<int>(
      tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism));
}

}  // namespace policysim::runner
