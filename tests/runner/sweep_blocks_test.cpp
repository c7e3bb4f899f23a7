// The blocks an MPI sweep hands out: guided self-scheduling, worked by hand.

#include <catch2/catch.hpp>

#include <cstddef>
#include <vector>

#include "sim/runner/sweep_blocks.hpp"

using policysim::runner::kBlockRunsPerThread;
using policysim::runner::sweep_block_size;

TEST_CASE("a block is the remaining runs' share of twice the ranks, within the thread bounds",
          "[runner][sweep]") {
  // 600 runs, 3 ranks: ceil(600 / 6) = 100, within [4, 32 x 4 = 128] for a rank of 4 threads.
  CHECK(sweep_block_size(600, 3, 4) == 100);
  // 601: ceil(601 / 6) = 101 (rounded up, so that no run is left over for a last tiny block).
  CHECK(sweep_block_size(601, 3, 4) == 101);
  // 100 000 runs: the share, 16 667, is capped at 32 a thread: 128 for 4 threads, 32 for one.
  CHECK(sweep_block_size(100'000, 3, 4) == kBlockRunsPerThread * 4);
  CHECK(sweep_block_size(100'000, 3, 1) == 32);
  // Near the end, 10 left: the share, 2, is raised to one a thread, 4.
  CHECK(sweep_block_size(10, 3, 4) == 4);
}

TEST_CASE("a block never holds more than the runs left, and none when none are",
          "[runner][sweep]") {
  CHECK(sweep_block_size(3, 2, 8) == 3);
  CHECK(sweep_block_size(1, 1, 1) == 1);
  CHECK(sweep_block_size(0, 4, 8) == 0);
}

TEST_CASE("every run is handed out once, in blocks that shrink to the end", "[runner][sweep]") {
  // 1000 runs to 3 ranks of 2 threads: 64 (the cap) while ceil(left / 6) > 64, ten times, which
  // leaves 360; then ceil(360 / 6) = 60, ceil(300 / 6) = 50, ceil(250 / 6) = 42, ... down to one
  // a thread, 2, and the last run alone.
  const std::vector<std::size_t> expected = {64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 60, 50,
                                             42, 35, 29, 24, 20, 17, 14, 12, 10, 8,  7,  6,
                                             5,  4,  3,  3,  2,  2,  2,  2,  2,  1};
  std::vector<std::size_t> blocks;
  for (std::size_t left = 1000; left > 0 && blocks.size() <= expected.size();) {
    blocks.push_back(sweep_block_size(left, 3, 2));
    left -= blocks.back();
  }
  CHECK(blocks == expected);
}
