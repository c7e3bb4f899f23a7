#include "sim/bench/writer_benchmark.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <filesystem>

#include "sim/model/simulation.hpp"
#include "sim/runner/seeds.hpp"
#include "sim/scenario/scenario.hpp"

using namespace policysim;
using namespace policysim::bench;

TEST_CASE("the writer's share is write over compute and write, from the median repeat", "[bench]") {
  WriterResult result;
  result.replications = 100;
  result.compute_cpu_seconds = 0.9;
  result.write_cpu_seconds.seconds = {0.3, 0.1, 0.2};  // median 0.2
  CHECK(result.write_cpu_share() == Approx(0.2 / 1.1));
  CHECK(result.runs_written_per_second() == Approx(500.0));
}

TEST_CASE("the writer benchmark writes the runs it computed, each repeat", "[bench]") {
  WriterOptions options;
  options.scenario_file = std::filesystem::path(POLICYSIM_SOURCE_DIR) / "scenarios/baseline.yaml";
  options.replications = 6;
  options.repeats = 2;
  const WriterResult result = run_writer_benchmark(options);
  REQUIRE(result.write_cpu_seconds.seconds.size() == 2);
  for (double seconds : result.write_cpu_seconds.seconds) CHECK(seconds > 0.0);
  CHECK(result.compute_cpu_seconds > 0.0);
  CHECK(result.write_cpu_share() > 0.0);
  CHECK(result.write_cpu_share() < 1.0);

  // The events a run, against the same runs made here.
  const scenario::Scenario scenario = scenario::load_scenario(options.scenario_file);
  const model::Country country = scenario::load_country(scenario);
  model::Simulation simulation(scenario.config, country);
  std::size_t events = 0;
  for (int replicate = 0; replicate < options.replications; ++replicate) {
    events += simulation.run(runner::replicate_seed(options.seed, replicate), {false, false})
                  .events.size();
  }
  CHECK(result.events == Approx(static_cast<double>(events) / options.replications));
  CHECK(result.events > 0.0);
}

TEST_CASE("a writer benchmark without a sample is refused before it runs", "[bench]") {
  WriterOptions options;
  options.scenario_file = std::filesystem::path(POLICYSIM_SOURCE_DIR) / "scenarios/baseline.yaml";
  options.repeats = 0;
  CHECK_THROWS_WITH(run_writer_benchmark(options), "a benchmark needs at least one repeat, got 0");
}
