#include "sim/runner/benchmark.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "../model/fixtures.hpp"
#include "sim/model/phases.hpp"
#include "sim/model/simulation.hpp"

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
  for (const double seconds : one.phase_seconds) CHECK(seconds >= 0.0);
}

TEST_CASE("the reference network is w_geo W_geo plus w_ngo times the NGO-tie pattern",
          "[runner][bench]") {
  using namespace policysim;
  const model::Country country = model::testing::ring_country(12);
  model::Config config = model::testing::busy_config(country);
  config.params.w_geo = 0.7;
  config.params.w_ngo = 0.4;
  model::Simulation simulation(config, country);
  simulation.run(1);
  const model::StaticWorld& fixed = simulation.static_world();
  const model::RunDraws& draws = simulation.draws();
  REQUIRE(!draws.tie_neighbour.empty());  // the conferences and exchanges tie some regions

  // The serial twin: each layer as an edge list, combined by core::Network.
  const std::size_t n = fixed.region_count;
  std::vector<core::WeightedEdge> land, ties;
  for (std::uint32_t r = 0; r < n; ++r) {
    for (const std::uint32_t s : fixed.geo.neighbours(r)) {
      land.push_back({r, s, fixed.geo.neighbour_weight(r)});
    }
    for (std::uint32_t e = draws.tie_offsets[r]; e < draws.tie_offsets[r + 1]; ++e) {
      ties.push_back({r, draws.tie_neighbour[e], 1.0});
    }
  }
  const core::Network land_layer = core::Network::from_edges(n, land);
  const core::Network tie_layer = core::Network::from_edges(n, ties);
  const std::array<std::pair<double, const core::Network*>, 2> layers = {
      {{0.7, &land_layer}, {0.4, &tie_layer}}};
  const core::Network expected = core::Network::combine(layers);

  const core::Network reference = reference_network(fixed, draws, config.params);
  REQUIRE(reference.node_count() == n);
  REQUIRE(reference.edge_count() == expected.edge_count());
  CHECK(reference.edge_count() < land.size() + ties.size());  // some land neighbours are tied
  for (std::size_t r = 0; r < n; ++r) {
    CAPTURE(r);
    const auto columns = reference.neighbours(r), expected_columns = expected.neighbours(r);
    CHECK(std::vector<std::int32_t>(columns.begin(), columns.end()) ==
          std::vector<std::int32_t>(expected_columns.begin(), expected_columns.end()));
    const auto weights = reference.weights(r), expected_weights = expected.weights(r);
    for (std::size_t i = 0; i < weights.size() && i < expected_weights.size(); ++i) {
      CHECK(weights[i] == Approx(expected_weights[i]).epsilon(1e-15));
    }
  }
}

TEST_CASE("the scaling table gives each tick's phases and their speed-up over 1 thread",
          "[runner][bench]") {
  // Two thread counts of one tick workload, every phase twice as fast at 2 threads except the
  // schedule, which does not change; an ensemble row has no phases.
  nlohmann::json one_thread, two_threads;
  for (const auto& phase : policysim::model::tick_phases()) {
    const bool schedule = std::string(phase.name) == "schedule";
    one_thread[phase.name] = 4.0;
    two_threads[phase.name] = schedule ? 4.0 : 2.0;
  }
  std::vector<ScalingRow> rows(3);
  rows[0].workload = "ensemble";
  rows[0].size = "200 runs";
  rows[0].threads = 1;
  rows[1].workload = rows[2].workload = "tick";
  rows[1].size = rows[2].size = "1e5 regions";
  rows[1].threads = 1;
  rows[2].threads = 2;
  rows[1].detail["phase_ms"] = one_thread;
  rows[2].detail["phase_ms"] = two_threads;
  const std::string text = scaling_table(rows);
  const auto phases_at = text.find("phases of a tick");
  REQUIRE(phases_at != std::string::npos);
  const std::string phases = text.substr(phases_at);
  CHECK(phases.find("200 runs") == std::string::npos);
  CHECK(phases.find("regions 4.000  ") != std::string::npos);  // 1 thread: no speed-up
  CHECK(phases.find("regions 2.000 (2.00x)") != std::string::npos);
  CHECK(phases.find("schedule 4.000 (1.00x)") != std::string::npos);
}

TEST_CASE(
    "the scaling table gives the ensemble's share of time spent writing, and the workers "
    "one writer keeps up with",
    "[runner][bench]") {
  std::vector<ScalingRow> rows(3);
  rows[0].workload = rows[1].workload = "ensemble";
  rows[0].size = rows[1].size = "200 runs";
  rows[0].threads = 1;
  rows[1].threads = 2;
  rows[0].detail["write_share"] = 0.075;  // 1 / 0.075 = 13.3 workers
  rows[1].detail["write_share"] = 0.125;  // waits for the writer raise the share
  rows[2].workload = "tick";
  rows[2].size = "1e5 regions";
  rows[2].threads = 1;
  const std::string text = scaling_table(rows);
  const auto writer_at = text.find("results writer");
  REQUIRE(writer_at != std::string::npos);
  const std::string writer = text.substr(writer_at);
  CHECK(writer.find("200 runs           1   7.5 %  (one writer keeps up with about 13 workers)") !=
        std::string::npos);
  CHECK(writer.find("200 runs           2   12.5 %\n") != std::string::npos);
  CHECK(writer.find("1e5 regions") == std::string::npos);
}

TEST_CASE("a benchmarked ensemble counts its writing within its workers' time", "[runner][bench]") {
  EnsembleOptions options;
  options.scenario_file = std::filesystem::path(POLICYSIM_SOURCE_DIR) / "scenarios/baseline.yaml";
  options.replications = 8;
  options.repeats = 2;
  options.pin = false;
  const EnsembleResult result = run_ensemble_benchmark(options);
  REQUIRE(result.write_seconds.seconds.size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(result.write_seconds.seconds[i] > 0.0);
    CHECK(result.write_seconds.seconds[i] < result.seconds.seconds[i]);  // one thread
  }
  CHECK(result.write_share() > 0.0);
  CHECK(result.write_share() < 1.0);
}

TEST_CASE("a benchmark without a sample is refused before it runs", "[runner][bench]") {
  EnsembleOptions ensemble;
  ensemble.scenario_file = std::filesystem::path(POLICYSIM_SOURCE_DIR) / "scenarios/baseline.yaml";
  ensemble.repeats = 0;
  CHECK_THROWS_WITH(run_ensemble_benchmark(ensemble),
                    "a benchmark needs at least one repeat, got 0");
  ensemble.repeats = 1;
  ensemble.replications = 0;
  CHECK_THROWS_WITH(run_ensemble_benchmark(ensemble),
                    "a benchmark needs at least one replication, got 0");

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
