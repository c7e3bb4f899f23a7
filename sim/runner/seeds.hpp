#pragma once
// Seeds of replications. Replicate r gets the same seed in every arm of an experiment, so arms are
// compared on common random numbers.

#include <cstdint>

namespace policysim::runner {

/// The seed of replicate `replicate` of an experiment with base seed `base_seed`: a SplitMix64
/// mix, so that nearby base seeds give unrelated replicate seeds.
constexpr std::uint64_t replicate_seed(std::uint64_t base_seed, int replicate) {
  std::uint64_t x = base_seed + 0x9E3779B97F4A7C15ULL * (static_cast<std::uint64_t>(replicate) + 1);
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

}  // namespace policysim::runner
