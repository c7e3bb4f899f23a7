#include "sim/runner/benchmark.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using namespace policysim::runner;

TEST_CASE("benchmark timings give the median and the range of their samples", "[runner][bench]") {
  Timings timings{{3.0, 1.0, 2.0, 10.0}};
  CHECK(timings.median() == 2.5);
  CHECK(timings.min() == 1.0);
  CHECK(timings.max() == 10.0);
  CHECK(Timings{}.median() == 0.0);
}

TEST_CASE("the output hash changes with the last bit of any value", "[runner][bench]") {
  OutputHash a, b, c;
  a.add(std::vector<double>{1.0, 2.0});
  b.add(std::vector<double>{1.0, 2.0});
  c.add(std::vector<double>{1.0, std::nextafter(2.0, 3.0)});
  CHECK(a.value() == b.value());
  CHECK(a.value() != c.value());
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
