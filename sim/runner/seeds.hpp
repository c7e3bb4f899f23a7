#pragma once
// Seeds of replications. Replicate r gets the same seed in every arm of an experiment, so arms are
// compared on common random numbers.

#include <cstdint>

#include "sim/core/hashing.hpp"

namespace policysim::runner {

/// The seed of replicate `replicate` of an experiment with base seed `base_seed`: output r + 1 of
/// the SplitMix64 generator started at `base_seed`, so that nearby base seeds give unrelated
/// replicate seeds.
constexpr std::uint64_t replicate_seed(std::uint64_t base_seed, int replicate) {
  return core::splitmix64(base_seed +
                          0x9E3779B97F4A7C15ULL * static_cast<std::uint64_t>(replicate));
}

}  // namespace policysim::runner
