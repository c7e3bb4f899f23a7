// Each model figure is taken next to its reference kernels, in the same arena and the same
// process, so that their ratio is what a reader compares across machines.

#include "sim/bench/ensemble_benchmark.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <memory>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include "sim/bench/output_hash.hpp"
#include "sim/bench/reference_network.hpp"
#include "sim/bench/thread_arena.hpp"
#include "sim/core/process_info.hpp"
#include "sim/core/temporary_folder.hpp"
#include "sim/model/simulation.hpp"
#include "sim/runner/experiment_database.hpp"
#include "sim/runner/results_schema.hpp"
#include "sim/runner/run_record.hpp"
#include "sim/runner/run_writer.hpp"
#include "sim/runner/seeds.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/store/results_database.hpp"

namespace policysim::bench {
namespace {

std::uint64_t run_hash(const model::RunOutput& output) {
  OutputHash hash;
  hash.add(output.series);
  hash.add(output.outcomes);
  hash.add(static_cast<std::uint64_t>(output.events.size()));
  return hash.value();
}

}  // namespace

double EnsembleResult::runs_per_second() const {
  const double median_seconds = seconds.median();
  return median_seconds > 0.0 ? replications / median_seconds : 0.0;
}

double EnsembleResult::write_share() const {
  const double worker_seconds = seconds.median() * threads;
  return worker_seconds > 0.0 ? write_seconds.median() / worker_seconds : 0.0;
}

double EnsembleResult::write_cpu_share() const {
  const double worker_cpu = worker_cpu_seconds.median();
  return worker_cpu > 0.0 ? write_cpu_seconds.median() / worker_cpu : 0.0;
}

double EnsembleResult::ratio_to_spmm() const {
  // Core-seconds of one run over the seconds of one SpMM per tick on the same network.
  const double per_run = seconds.median() * threads / replications;
  const double spmm_per_run = reference.spmm.median() * ticks;
  return spmm_per_run > 0.0 ? per_run / spmm_per_run : 0.0;
}

EnsembleResult run_ensemble_benchmark(const EnsembleOptions& options) {
  require_at_least_one(options.replications, "replication");
  require_at_least_one(options.repeats, "repeat");
  const scenario::Scenario scenario = scenario::load_scenario(options.scenario_file);
  const model::Country country = scenario::load_country(scenario);
  const std::vector<std::string> quarters = runner::quarter_labels(scenario.config);

  EnsembleResult result;
  result.replications = options.replications;
  result.threads = options.threads;
  result.series = options.series;
  result.ticks = scenario.config.tick_count();
  result.regions = country.region_count();
  const auto reps = static_cast<std::size_t>(options.replications);

  run_in_arena(options.threads, options.pin, [&] {
    // The reference network: this scenario's, with the tie pattern of the first replicate.
    model::Simulation probe(scenario.config, country);
    model::RunOutput probe_output;
    probe.start(runner::replicate_seed(options.seed, 0), {}, probe_output);
    ReferenceKernels kernels(
        reference_network(probe.static_world(), probe.draws(), scenario.config.params),
        std::size_t{1} << 22);
    result.reference.spmm_nonzeros = kernels.nonzeros();
    result.reference.triad_doubles = kernels.triad_doubles();

    for (int repeat = 0; repeat < options.repeats; ++repeat) {
      const core::TemporaryFolder directory("bench");
      std::optional<store::ResultsDatabase> db =
          store::ResultsDatabase::open(directory.path() / "results.sqlite",
                                       runner::results_schema(), scenario.name, "benchmark");
      db->write_regions(country.codes, country.names, runner::district_of_each_region(country));
      std::vector<std::uint64_t> hashes(reps, 0);
      const auto started = Clock::now();
      // One Simulation (one network, one set of buffers) per worker, reused across its runs.
      tbb::enumerable_thread_specific<std::unique_ptr<model::Simulation>> pool(
          [&] { return std::make_unique<model::Simulation>(scenario.config, country); });
      // The workers store their runs in batches, as `policysim run` does.
      runner::RunWriter writer(*db);
      tbb::enumerable_thread_specific<double> handing(0.0);      // each worker's seconds in submit
      tbb::enumerable_thread_specific<double> working_cpu(0.0);  // each worker's CPU seconds
      const model::RunOptions run_options{false, false};
      tbb::parallel_for(tbb::blocked_range<std::size_t>(0, reps, 1), [&](const auto& range) {
        for (std::size_t i = range.begin(); i != range.end(); ++i) {
          const double job_cpu_started = core::thread_cpu_seconds();
          const int replicate = static_cast<int>(i);
          const std::uint64_t seed = runner::replicate_seed(options.seed, replicate);
          const auto run_started = Clock::now();
          auto output = pool.local()->run(seed, run_options);
          hashes[i] = run_hash(output);
          if (!options.series) output.series.clear();  // stored as a sweep stores it
          auto record = runner::to_record(std::move(output), "base", replicate, seed,
                                          seconds_since(run_started), quarters);
          const auto handing_started = Clock::now();
          writer.submit(std::move(record));
          handing.local() += seconds_since(handing_started);
          working_cpu.local() += core::thread_cpu_seconds() - job_cpu_started;
        }
      });
      // Writing the batches left, committing and closing (which checkpoints the log into the
      // database file) are part of writing the results.
      const double batches_cpu = writer.cpu_seconds();
      const auto closing = Clock::now();
      const double closing_cpu_started = core::thread_cpu_seconds();
      writer.finish();
      db.reset();
      const double closing_cpu = core::thread_cpu_seconds() - closing_cpu_started;
      result.write_cpu_seconds.seconds.push_back(batches_cpu + closing_cpu);
      result.worker_cpu_seconds.seconds.push_back(
          closing_cpu + std::accumulate(working_cpu.begin(), working_cpu.end(), 0.0));
      result.seconds.seconds.push_back(seconds_since(started));
      result.write_seconds.seconds.push_back(seconds_since(closing) +
                                             std::accumulate(handing.begin(), handing.end(), 0.0));
      OutputHash folded;
      for (std::uint64_t h : hashes) folded.add(h);
      if (repeat > 0 && folded.value() != result.hash) result.hash_stable = false;
      result.hash = folded.value();
      // The references right after, under the same load: one SpMM per tick of a run.
      for (int sample = 0; sample < 5; ++sample) {
        result.reference.spmm.seconds.push_back(kernels.spmm_seconds(result.ticks));
        result.reference.triad.seconds.push_back(kernels.triad_seconds());
      }
    }
    kernels.keep_results();
  });
  return result;
}

}  // namespace policysim::bench
