#include "sim/runner/benchmark.hpp"

#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <set>
#include <vector>

using namespace policysim::runner;

TEST_CASE("benchmark timings give the median and the range of their samples", "[runner][bench]") {
  Timings timings{{3.0, 1.0, 2.0, 10.0}};
  CHECK(timings.median() == 2.5);
  CHECK(timings.min() == 1.0);
  CHECK(timings.max() == 10.0);
  CHECK(Timings{}.median() == 0.0);
}

TEST_CASE("the output hash changes with any bit of any value and with their order",
          "[runner][bench]") {
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

TEST_CASE("a benchmarked tick has the same hash at 1 and 2 threads",
          "[runner][bench][determinism]") {
  TickOptions options;
  options.regions = 1000;
  options.ticks = 2;
  options.repeats = 2;
  options.threads = 1;
  const TickResult one = run_tick_benchmark(options);
  options.threads = 2;
  const TickResult two = run_tick_benchmark(options);
  CHECK(one.hash_stable);
  CHECK(two.hash_stable);
  CHECK(one.hash == two.hash);
  CHECK(one.tick_seconds.seconds.size() == 4);
  CHECK(one.edges > one.regions * 6);
}
