#pragma once
// Position along a Hilbert curve, for numbering points in space so that points near each other
// get near indices. A model that gathers from neighbours then reads nearby memory, which is what
// keeps a tick of millions of regions from waiting on a cache miss per neighbour.

#include <cstdint>

namespace policysim::core {

/// The index of cell (x, y) along the Hilbert curve that fills a 2^order x 2^order grid
/// (order 1 to 16): (0,0) is 0, the cells with consecutive indices share a side, and (2^order-1, 0)
/// is last. x and y must be below 2^order.
constexpr std::uint64_t hilbert_index(std::uint32_t x, std::uint32_t y, int order) {
  const std::uint32_t side = std::uint32_t{1} << order;
  std::uint64_t index = 0;
  for (std::uint32_t half = side / 2; half > 0; half /= 2) {
    const std::uint32_t rx = (x & half) != 0 ? 1 : 0;
    const std::uint32_t ry = (y & half) != 0 ? 1 : 0;
    index += std::uint64_t{half} * half * ((3 * rx) ^ ry);
    // Rotate the quadrant so that the sub-curve starts and ends where the whole one does.
    if (ry == 0) {
      if (rx == 1) {
        x = side - 1 - x;
        y = side - 1 - y;
      }
      const std::uint32_t swap = x;
      x = y;
      y = swap;
    }
  }
  return index;
}

}  // namespace policysim::core
