#include "sim/runner/sweep_blocks.hpp"

#include <algorithm>

namespace policysim::runner {

std::size_t sweep_block_size(std::size_t remaining, int ranks, int threads) {
  const std::size_t askers = 2 * static_cast<std::size_t>(std::max(ranks, 1));
  const std::size_t rank_threads = static_cast<std::size_t>(std::max(threads, 1));
  const std::size_t share = (remaining + askers - 1) / askers;
  const std::size_t block = std::clamp(share, rank_threads, kBlockRunsPerThread * rank_threads);
  return std::min(block, remaining);
}

}  // namespace policysim::runner
