#include "sim/bench/writer_benchmark.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/bench/output_hash.hpp"
#include "sim/core/process_info.hpp"
#include "sim/core/temporary_folder.hpp"
#include "sim/model/simulation.hpp"
#include "sim/runner/experiment_database.hpp"
#include "sim/runner/results_schema.hpp"
#include "sim/runner/run_record.hpp"
#include "sim/runner/seeds.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/store/results_database.hpp"

namespace policysim::bench {

double WriterResult::write_cpu_share() const {
  const double write = write_cpu_seconds.median();
  return compute_cpu_seconds + write > 0.0 ? write / (compute_cpu_seconds + write) : 0.0;
}

double WriterResult::runs_written_per_second() const {
  const double write = write_cpu_seconds.median();
  return write > 0.0 ? replications / write : 0.0;
}

WriterResult run_writer_benchmark(const WriterOptions& options) {
  require_at_least_one(options.replications, "replication");
  require_at_least_one(options.repeats, "repeat");
  const scenario::Scenario scenario = scenario::load_scenario(options.scenario_file);
  const model::Country country = scenario::load_country(scenario);
  const std::vector<std::string> quarters = runner::quarter_labels(scenario.config);

  WriterResult result;
  result.replications = options.replications;
  result.series = options.series;
  model::Simulation simulation(scenario.config, country);
  std::vector<store::RunRecord> records;
  OutputHash hash;
  std::size_t events = 0;
  const double compute_started = core::thread_cpu_seconds();
  for (int replicate = 0; replicate < options.replications; ++replicate) {
    const std::uint64_t seed = runner::replicate_seed(options.seed, replicate);
    model::RunOutput output = simulation.run(seed, model::RunOptions{false, false});
    if (!options.series) output.series.clear();
    events += output.events.size();
    hash.add(output.outcomes);
    records.push_back(runner::to_record(std::move(output), "base", replicate, seed, 0.0, quarters));
  }
  result.compute_cpu_seconds = core::thread_cpu_seconds() - compute_started;
  result.events = static_cast<double>(events) / options.replications;
  result.hash = hash.value();

  for (int repeat = 0; repeat < options.repeats; ++repeat) {
    const core::TemporaryFolder folder("bench-writer");
    std::optional<store::ResultsDatabase> db = store::ResultsDatabase::open(
        folder.path() / "results.sqlite", runner::results_schema(), scenario.name, "benchmark");
    db->write_regions(country.codes, country.names, runner::district_of_each_region(country));
    const double started = core::thread_cpu_seconds();
    for (const store::RunRecord& record : records) db->write_run(record);
    db->flush();
    db.reset();  // closing checkpoints the log into the file: part of writing
    result.write_cpu_seconds.seconds.push_back(core::thread_cpu_seconds() - started);
  }
  return result;
}

}  // namespace policysim::bench
