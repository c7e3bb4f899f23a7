#pragma once
// The size of the block of jobs an MPI sweep hands a rank that asks for work.

#include <cstddef>

namespace policysim::runner {

/// Guided self-scheduling: a block is the remaining jobs' share of 2 x `ranks` askers,
///   block = clamp(ceil(remaining / (2 ranks)), threads, kBlockRunsPerThread x threads),
/// and never more than `remaining`. At least one run for each of the asking rank's `threads`, so
/// that none idles; at most kBlockRunsPerThread each, so that a block ends, and the rank asks
/// again, every few seconds; shrinking with what is left, so that the ranks finish together.
std::size_t sweep_block_size(std::size_t remaining, int ranks, int threads);

/// The most runs a block gives each thread of a rank: a block's last runs leave about half a
/// run's time idle on each thread, 1.5 % of 32 runs.
inline constexpr std::size_t kBlockRunsPerThread = 32;

}  // namespace policysim::runner
