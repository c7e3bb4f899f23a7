#pragma once
// Saltelli's sampling for Sobol' indices (Saltelli et al. 2010; layout in design.hpp).

#include <cstddef>

#include "sim/sensitivity/design.hpp"

namespace policysim::sensitivity {

/// The rows of base sample j: A_j, B_j, then AB_j^(i) for i = 0..k-1.
inline std::size_t saltelli_block_rows(std::size_t factors) { return factors + 2; }
inline std::size_t saltelli_row_a(std::size_t factors, std::size_t base) {
  return base * saltelli_block_rows(factors);
}
inline std::size_t saltelli_row_b(std::size_t factors, std::size_t base) {
  return saltelli_row_a(factors, base) + 1;
}
inline std::size_t saltelli_row_ab(std::size_t factors, std::size_t base, std::size_t factor) {
  return saltelli_row_a(factors, base) + 2 + factor;
}

/// N = base_samples blocks of k+2 rows from the 2k-dimensional Sobol' sequence.
UnitDesign saltelli_design(std::size_t factors, std::size_t base_samples);

}  // namespace policysim::sensitivity
