#include "sim/bench/tick_benchmark.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "sim/model/phases/phases.hpp"

using namespace policysim::bench;

TEST_CASE("a benchmarked tick has the same hash at 1 and 2 threads", "[bench][determinism]") {
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
  // The phases' times lie within the ticks' (which add the buffer swap). Which phase takes the
  // most is a measurement, for bench/, not a property to test: a preempted small phase can win.
  REQUIRE(one.phase_seconds.size() == policysim::model::tick_phases().size());
  double phases = 0.0, ticks = 0.0;
  for (const double seconds : one.phase_seconds) phases += seconds;
  for (const double seconds : one.tick_seconds.seconds) ticks += seconds;
  CHECK(phases > 0.0);
  CHECK(phases <= ticks);
  const auto names = policysim::model::tick_phases();
  const auto regions = static_cast<std::size_t>(
      std::find_if(names.begin(), names.end(),
                   [](const auto& phase) { return std::string(phase.name) == "regions"; }) -
      names.begin());
  REQUIRE(regions < names.size());
  CHECK(one.phase_ms(regions) == Approx(1e3 * one.phase_seconds[regions] / 4));
}

TEST_CASE("a tick benchmark without a sample is refused before it runs", "[bench]") {
  TickOptions tick;
  tick.repeats = 0;
  CHECK_THROWS_WITH(run_tick_benchmark(tick), "a benchmark needs at least one repeat, got 0");
  tick.repeats = 1;
  tick.ticks = -2;
  CHECK_THROWS_WITH(run_tick_benchmark(tick), "a benchmark needs at least one timed tick, got -2");
  tick.ticks = 1;
  tick.regions = 0;
  CHECK_THROWS_WITH(run_tick_benchmark(tick), "a benchmark needs at least one region, got 0");
  tick.regions = 10;
  tick.threads = 0;
  CHECK_THROWS_WITH(run_tick_benchmark(tick), "a benchmark needs at least one thread, got 0");
}
