// Ensemble throughput: replications of the baseline (83 regions, 64 quarters) with national
// series, events and outcomes written to a results database, in runs per second, next to an SpMM
// on the same network and a STREAM triad measured in the same process.
// Usage: bench_ensemble [small|large|all|REPLICATIONS] [threads] [scenario] [--no-series]  (a
// number of replications runs them once, for profiles; --no-series stores runs as a sweep does)
#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "bench/arguments.hpp"
#include "sim/bench/ensemble_benchmark.hpp"
#include "sim/bench/machine.hpp"
#include "sim/bench/result_tables.hpp"
#include "sim/runner/build_info.hpp"

// An exception ends a benchmark with its message, by std::terminate: no figure beats a wrong one.
// NOLINTNEXTLINE(bugprone-exception-escape)
int main(int argc, char** argv) {
  using namespace policysim::bench;
  CLI::App app{"Ensemble throughput of a scenario, next to reference kernels on the same network"};
  std::string size = "all";
  int threads = 1;
  std::string scenario = std::string(POLICYSIM_SOURCE_DIR) + "/scenarios/baseline.yaml";
  app.add_option("size", size,
                 "small (200 runs x 5), large (2000 x 3), all, or REPLICATIONS (once)")
      ->check(size_or_count({"small", "large", "all"}, 100000000));
  app.add_option("threads", threads, "Threads (default 1)")->check(CLI::Range(1, 4096));
  app.add_option("scenario", scenario, "Scenario (default: the baseline)")
      ->check(CLI::ExistingFile);
  bool no_series = false;
  app.add_flag("--no-series", no_series,
               "Store outcomes and events only, as policysim sweep does unless asked");
  if (const int code = parse_arguments(app, argc, argv); code >= 0) return code;

  std::printf("%s\n%s\n", benchmark_context("ensemble", threads).c_str(),
              ensemble_table_header().c_str());
  struct Size {
    const char* name;
    int replications, repeats;
  };
  std::vector<Size> sizes = {{"small", 200, 5}, {"large", 2000, 3}};
  if (size != "all" && size != "small" && size != "large") {
    sizes = {{"custom", std::atoi(size.c_str()), 1}};
  }
  for (const Size& s : sizes) {
    if (size != "all" && s.name != size && std::string(s.name) != "custom") continue;
    EnsembleOptions options;
    options.scenario_file = scenario;
    options.replications = s.replications;
    options.repeats = s.repeats;
    options.threads = threads;
    options.series = !no_series;
    const EnsembleResult result = run_ensemble_benchmark(options);
    std::printf("%s\n", ensemble_table_row(result).c_str());
    std::fflush(stdout);
    if (!result.hash_stable) return 1;
  }
  return 0;
}
