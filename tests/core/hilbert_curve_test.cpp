#include "sim/core/hilbert_curve.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdlib>
#include <vector>

using policysim::core::hilbert_index;

TEST_CASE("the order-1 Hilbert curve visits the four cells in a U", "[core][hilbert]") {
  // By hand: up the left column, across the top, down the right column.
  CHECK(hilbert_index(0, 0, 1) == 0);
  CHECK(hilbert_index(0, 1, 1) == 1);
  CHECK(hilbert_index(1, 1, 1) == 2);
  CHECK(hilbert_index(1, 0, 1) == 3);
}

TEST_CASE("the order-2 Hilbert curve matches the drawn 4x4 curve", "[core][hilbert]") {
  // Rows y = 3 .. 0, x = 0 .. 3, as the inverse map (Hilbert's d -> (x, y) walk) draws them.
  const int drawn[4][4] = {{5, 6, 9, 10}, {4, 7, 8, 11}, {3, 2, 13, 12}, {0, 1, 14, 15}};
  for (std::uint32_t y = 0; y < 4; ++y) {
    for (std::uint32_t x = 0; x < 4; ++x) {
      CHECK(hilbert_index(x, y, 2) == static_cast<std::uint64_t>(drawn[3 - y][x]));
    }
  }
}

TEST_CASE("a Hilbert curve visits every cell once, each step to a side neighbour",
          "[core][hilbert]") {
  for (int order : {3, 5}) {
    const std::uint32_t side = 1u << order;
    std::vector<int> x_of(std::size_t{side} * side, -1), y_of(std::size_t{side} * side, -1);
    for (std::uint32_t y = 0; y < side; ++y) {
      for (std::uint32_t x = 0; x < side; ++x) {
        const auto d = hilbert_index(x, y, order);
        REQUIRE(d < std::size_t{side} * side);
        REQUIRE(x_of[d] == -1);
        x_of[d] = static_cast<int>(x);
        y_of[d] = static_cast<int>(y);
      }
    }
    for (std::size_t d = 1; d < x_of.size(); ++d) {
      CHECK(std::abs(x_of[d] - x_of[d - 1]) + std::abs(y_of[d] - y_of[d - 1]) == 1);
    }
    CHECK(hilbert_index(side - 1, 0, order) == std::uint64_t{side} * side - 1);
  }
}

TEST_CASE("an order-16 Hilbert curve runs from 0 to 2^32 - 1", "[core][hilbert]") {
  CHECK(hilbert_index(0, 0, 16) == 0);
  CHECK(hilbert_index(65535, 0, 16) == 0xFFFFFFFFull);
}
