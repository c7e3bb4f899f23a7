#include "sim/sensitivity/design_draws.hpp"

#include <numeric>
#include <utility>

namespace policysim::sensitivity {
namespace {

// "SENS": apart from the model's stream ids, which count from 0.
constexpr std::uint32_t kDesignStream = 0x53454E53U;

}  // namespace

core::RandomStream design_stream(std::uint64_t seed) {
  return core::RandomStream(seed, kDesignStream);
}

std::vector<std::uint32_t> random_permutation(std::uint32_t n, core::Sequence& draws) {
  std::vector<std::uint32_t> permutation(n);
  std::iota(permutation.begin(), permutation.end(), 0U);
  for (std::size_t i = n; i > 1; --i) {
    std::swap(permutation[i - 1], permutation[uniform_index(draws.uniform(), i)]);
  }
  return permutation;
}

}  // namespace policysim::sensitivity
