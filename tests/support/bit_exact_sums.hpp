#pragma once
// What the tests of sums that must not depend on the threads or the order of the work share:
// values whose sum changes in its last bits when the order of the additions changes, and
// equality to the bit (`==` would take 0.0 and -0.0 as equal and a NaN as unequal to itself).

#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace policysim::testing {

/// n values spanning many magnitudes, of both signs.
inline std::vector<double> awkward_values(std::size_t n) {
  std::vector<double> values(n);
  for (std::size_t i = 0; i < n; ++i) {
    values[i] = std::sin(static_cast<double>(i)) * std::pow(10.0, static_cast<double>(i % 17) - 8);
  }
  return values;
}

inline bool same_bits(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

}  // namespace policysim::testing
