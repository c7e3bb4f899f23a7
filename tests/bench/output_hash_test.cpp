#include "sim/bench/output_hash.hpp"

#include <catch2/catch.hpp>

#include <bit>
#include <cstdint>
#include <set>
#include <vector>

using namespace policysim::bench;

TEST_CASE("the output hash changes with any bit of any value and with their order", "[bench]") {
  const std::vector<double> values = {1.0, 2.0, -0.5};
  const auto hash_of = [](const std::vector<double>& words) {
    OutputHash hash;
    hash.add(words);
    return hash.value();
  };
  const std::uint64_t reference = hash_of(values);
  CHECK(hash_of(values) == reference);
  CHECK(hash_of({2.0, 1.0, -0.5}) != reference);
  std::set<std::uint64_t> seen = {reference};
  for (std::size_t i = 0; i < values.size(); ++i) {
    for (int bit = 0; bit < 64; ++bit) {
      std::vector<double> flipped = values;
      flipped[i] = std::bit_cast<double>(std::bit_cast<std::uint64_t>(values[i]) ^ (1ULL << bit));
      seen.insert(hash_of(flipped));
    }
  }
  CHECK(seen.size() == 1 + 3 * 64);  // every flip gives its own hash
}
