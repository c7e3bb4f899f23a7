#include "sim/bench/scaling_suite.hpp"

#include <string>
#include <utility>

#include "sim/bench/ensemble_benchmark.hpp"
#include "sim/bench/result_json.hpp"
#include "sim/bench/tick_benchmark.hpp"
#include "sim/bench/writer_benchmark.hpp"

namespace policysim::bench {

std::vector<ScalingRow> run_scaling_suite(const SuiteOptions& options,
                                          const std::function<void(const ScalingRow&)>& progress) {
  std::vector<ScalingRow> rows;
  const auto finish = [&](ScalingRow row) {
    // Speed-up and determinism against the same workload at 1 thread (the first row of it).
    for (const ScalingRow& first : rows) {
      if (first.workload == row.workload && first.size == row.size && first.threads == 1) {
        row.speedup = first.rate > 0.0 ? row.rate / first.rate : 0.0;
        row.hash_matches = row.hash_matches && row.hash == first.hash;
        break;
      }
    }
    if (progress) progress(row);
    rows.push_back(std::move(row));
  };
  const auto ensemble = [&](int replications, int repeats, bool series) {
    for (int threads = 1; threads <= options.max_threads; ++threads) {
      EnsembleOptions ensemble_options;
      ensemble_options.scenario_file = options.scenario_file;
      ensemble_options.replications = replications;
      ensemble_options.repeats = repeats;
      ensemble_options.threads = threads;
      ensemble_options.pin = options.pin;
      ensemble_options.series = series;
      const EnsembleResult result = run_ensemble_benchmark(ensemble_options);
      finish({"ensemble", std::to_string(replications) + (series ? " runs" : " runs, outcomes"),
              threads, result.seconds, result.runs_per_second(), "runs/s", 1.0,
              result.ratio_to_spmm(), result.hash, result.hash_stable, to_json(result)});
    }
  };
  const auto tick = [&](std::size_t regions, int ticks, int repeats, const char* label) {
    for (int threads = 1; threads <= options.max_threads; ++threads) {
      TickOptions tick_options;
      tick_options.regions = regions;
      tick_options.ticks = ticks;
      tick_options.repeats = repeats;
      tick_options.threads = threads;
      tick_options.pin = options.pin;
      const TickResult result = run_tick_benchmark(tick_options);
      finish({"tick", label, threads, result.tick_seconds, result.region_ticks_per_second(),
              "region-ticks/s", 1.0, result.ratio_to_spmm(), result.hash, result.hash_stable,
              to_json(result)});
    }
  };
  ensemble(200, 5, true);
  // Stored as a sweep stores its runs: outcomes and events, no series; 2000 of them, since a
  // sweep's runs are many, and the close of the database, once a sweep, weighs on 200.
  ensemble(2000, 3, false);
  {
    // The writer alone, back to back, as many workers keep it busy: one thread by nature.
    WriterOptions writer_options;
    writer_options.scenario_file = options.scenario_file;
    writer_options.replications = 500;
    writer_options.repeats = 3;
    const WriterResult result = run_writer_benchmark(writer_options);
    finish({"writer", "500 runs, outcomes", 1, result.write_cpu_seconds,
            result.runs_written_per_second(), "runs/s", 1.0, 0.0, result.hash, true,
            to_json(result)});
  }
  tick(1000, 16, 5, "1e3 regions");
  tick(100000, 16, 3, "1e5 regions");
  if (options.large) {
    ensemble(1000, 3, true);
    tick(1000000, 8, 2, "1e6 regions");
  }
  return rows;
}

}  // namespace policysim::bench
