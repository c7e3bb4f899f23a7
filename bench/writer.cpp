// The results writer alone: the baseline's runs are computed first and kept, then written to a
// fresh results database again and again, back to back, as one writer busy with many workers
// writes them. Prints the CPU time a run costs to compute and to write (each repeat's write,
// its final commit and close included; the median and the least of the repeats) and the
// writer's share, write / (compute + write): one writer keeps up with about 1 / share workers.
// bench_ensemble's wcpu_% is the same share with each write right after its run on the same
// thread, the caches cold from the model.
// Usage: bench_writer [REPLICATIONS] [REPEATS] [--series]
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "bench/arguments.hpp"
#include "sim/bench/machine.hpp"
#include "sim/bench/timings.hpp"
#include "sim/core/temporary_folder.hpp"
#include "sim/model/simulation.hpp"
#include "sim/runner/build_info.hpp"
#include "sim/runner/experiment_database.hpp"
#include "sim/runner/results_schema.hpp"
#include "sim/runner/run_record.hpp"
#include "sim/runner/seeds.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/store/results_database.hpp"

// An exception ends a benchmark with its message, by std::terminate: no figure beats a wrong one.
// NOLINTNEXTLINE(bugprone-exception-escape)
int main(int argc, char** argv) {
  using namespace policysim;
  CLI::App app{"The results writer alone: CPU time a baseline run costs to write, back to back"};
  int replications = 2000;
  int repeats = 7;
  bool series = false;
  app.add_option("replications", replications, "Runs computed and written (default 2000)")
      ->check(CLI::Range(1, 1000000));
  app.add_option("repeats", repeats, "Databases written (default 7)")->check(CLI::Range(1, 1000));
  app.add_flag("--series", series, "Store each run's series too, as policysim run does");
  if (const int code = bench::parse_arguments(app, argc, argv); code >= 0) return code;

  const scenario::Scenario scenario =
      scenario::load_scenario(std::string(POLICYSIM_SOURCE_DIR) + "/scenarios/baseline.yaml");
  const model::Country country = scenario::load_country(scenario);
  const std::vector<std::string> quarters = runner::quarter_labels(scenario.config);
  model::Simulation simulation(scenario.config, country);
  std::vector<store::RunRecord> records;
  std::size_t events = 0;
  const double compute_started = bench::thread_cpu_seconds();
  for (int replicate = 0; replicate < replications; ++replicate) {
    const std::uint64_t seed = runner::replicate_seed(scenario.seed, replicate);
    model::RunOutput output = simulation.run(seed, model::RunOptions{false, false});
    if (!series) output.series.clear();
    events += output.events.size();
    records.push_back(runner::to_record(std::move(output), "base", replicate, seed, 0.0, quarters));
  }
  const double compute_us = (bench::thread_cpu_seconds() - compute_started) / replications * 1e6;

  std::vector<double> write_us;
  for (int repeat = 0; repeat < repeats; ++repeat) {
    const core::TemporaryFolder folder("bench-writer");
    std::optional<store::ResultsDatabase> db = store::ResultsDatabase::open(
        folder.path() / "results.sqlite", runner::results_schema(), scenario.name, "benchmark");
    db->write_regions(country.codes, country.names, runner::district_of_each_region(country));
    const double started = bench::thread_cpu_seconds();
    for (const store::RunRecord& record : records) db->write_run(record);
    db->flush();
    db.reset();
    write_us.push_back((bench::thread_cpu_seconds() - started) / replications * 1e6);
  }
  std::sort(write_us.begin(), write_us.end());
  const double median = write_us[write_us.size() / 2];
  const auto share = [&](double write) { return 100.0 * write / (compute_us + write); };
  std::printf("%s\n", bench::benchmark_context("writer", 1).c_str());
  std::printf("%8s %7s %8s %13s %14s %11s %9s %8s %10s\n", "runs", "series", "events/run",
              "compute_us/run", "write_us/run", "least_us", "share_%", "least_%", "keeps_up");
  std::printf("%8d %7s %10.1f %13.1f %14.1f %11.1f %9.2f %8.2f %10.0f\n", replications,
              series ? "yes" : "no", static_cast<double>(events) / replications, compute_us, median,
              write_us.front(), share(median), share(write_us.front()), 100.0 / share(median));
  return 0;
}
