#include "sim/bench/ensemble_benchmark.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <filesystem>

using namespace policysim::bench;

TEST_CASE("a benchmarked ensemble counts its writing within its workers' time", "[bench]") {
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
  // The writing threads' CPU time is part of the workers' CPU time, which is at most their wall
  // time (one thread).
  REQUIRE(result.write_cpu_seconds.seconds.size() == 2);
  REQUIRE(result.worker_cpu_seconds.seconds.size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(result.write_cpu_seconds.seconds[i] > 0.0);
    CHECK(result.write_cpu_seconds.seconds[i] < result.worker_cpu_seconds.seconds[i]);
    CHECK(result.worker_cpu_seconds.seconds[i] <= result.seconds.seconds[i]);
  }
  CHECK(result.write_cpu_share() > 0.0);
  CHECK(result.write_cpu_share() < 1.0);
}

TEST_CASE("an ensemble benchmark without a sample is refused before it runs", "[bench]") {
  EnsembleOptions ensemble;
  ensemble.scenario_file = std::filesystem::path(POLICYSIM_SOURCE_DIR) / "scenarios/baseline.yaml";
  ensemble.repeats = 0;
  CHECK_THROWS_WITH(run_ensemble_benchmark(ensemble),
                    "a benchmark needs at least one repeat, got 0");
  ensemble.repeats = 1;
  ensemble.replications = 0;
  CHECK_THROWS_WITH(run_ensemble_benchmark(ensemble),
                    "a benchmark needs at least one replication, got 0");
}
