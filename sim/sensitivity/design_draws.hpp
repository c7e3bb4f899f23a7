#pragma once
// The random draws of the designs: one core::RandomStream keyed by the design's seed, and one
// purpose word per kind of draw, so that no two draws of a design share a Philox counter.

#include <cstdint>
#include <vector>

#include "sim/core/random.hpp"

namespace policysim::sensitivity {

/// The purposes of design draws (the third counter word; the first two are row and factor).
enum class DesignPurpose : std::uint32_t {
  random_point = 1,
  latin_hypercube_strata = 2,
  latin_hypercube_offset = 3,
  morris_start = 4,
  morris_direction = 5,
  morris_order = 6,
  bootstrap_sample = 7,
};

/// The stream of a design's (or a bootstrap's) draws for `seed`. Its stream id differs from the
/// model's, so a design seed equal to a replicate seed does not repeat the model's draws.
core::RandomStream design_stream(std::uint64_t seed);

inline std::uint32_t word(DesignPurpose purpose) { return static_cast<std::uint32_t>(purpose); }

/// A uniformly random index in [0, n) from a uniform in (0,1).
inline std::size_t uniform_index(double unit, std::size_t n) {
  const auto index = static_cast<std::size_t>(unit * static_cast<double>(n));
  return index < n ? index : n - 1;
}

/// A uniformly random permutation of 0..n-1 (Fisher-Yates), drawing n-1 uniforms from `draws`.
std::vector<std::uint32_t> random_permutation(std::uint32_t n, core::Sequence& draws);

}  // namespace policysim::sensitivity
