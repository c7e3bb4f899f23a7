// The results writer alone: the baseline's runs are computed first and kept, then written to a
// fresh results database again and again, back to back, as one writer busy with many workers
// writes them. Prints the CPU time a run costs to compute and to write (each repeat's write, its
// final commit and close included; the median and the least of the repeats) and the writer's
// share, write / (compute + write): one writer keeps up with about 1 / share workers.
// bench_ensemble's wcpu_% is the same share with each write right after its run on the same
// thread, the caches cold from the model.
// Usage: bench_writer [REPLICATIONS] [REPEATS] [--series]
#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>

#include "bench/arguments.hpp"
#include "sim/bench/machine.hpp"
#include "sim/bench/writer_benchmark.hpp"
#include "sim/runner/build_info.hpp"

// An exception ends a benchmark with its message, by std::terminate: no figure beats a wrong one.
// NOLINTNEXTLINE(bugprone-exception-escape)
int main(int argc, char** argv) {
  using namespace policysim::bench;
  CLI::App app{"The results writer alone: CPU time a baseline run costs to write, back to back"};
  WriterOptions options;
  options.scenario_file = std::string(POLICYSIM_SOURCE_DIR) + "/scenarios/baseline.yaml";
  app.add_option("replications", options.replications, "Runs computed and written (default 2000)")
      ->check(CLI::Range(1, 1000000));
  app.add_option("repeats", options.repeats, "Databases written (default 5)")
      ->check(CLI::Range(1, 1000));
  app.add_flag("--series", options.series, "Store each run's series too, as policysim run does");
  if (const int code = parse_arguments(app, argc, argv); code >= 0) return code;

  const WriterResult result = run_writer_benchmark(options);
  const double compute_us = result.compute_cpu_seconds / result.replications * 1e6;
  const auto per_run_us = [&](double seconds) { return seconds / result.replications * 1e6; };
  const auto share = [&](double seconds) {
    return 100.0 * seconds / (result.compute_cpu_seconds + seconds);
  };
  std::printf("%s\n", benchmark_context("writer", 1).c_str());
  std::printf("%8s %7s %10s %14s %13s %9s %8s %8s %9s  %s\n", "runs", "series", "events/run",
              "compute_us/run", "write_us/run", "least_us", "share_%", "least_%", "keeps_up",
              "hash");
  std::printf("%8d %7s %10.1f %14.1f %13.1f %9.1f %8.2f %8.2f %9.0f  %016llx\n",
              result.replications, result.series ? "yes" : "no", result.events, compute_us,
              per_run_us(result.write_cpu_seconds.median()),
              per_run_us(result.write_cpu_seconds.min()), share(result.write_cpu_seconds.median()),
              share(result.write_cpu_seconds.min()), 1.0 / result.write_cpu_share(),
              static_cast<unsigned long long>(result.hash));
  return 0;
}
