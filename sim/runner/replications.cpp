#include "sim/runner/replications.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <limits>
#include <mutex>
#include <new>
#include <ostream>
#include <sstream>

#include "sim/core/duration_text.hpp"
#include "sim/core/progress.hpp"
#include "sim/model/metrics.hpp"
#include "sim/model/numeric_guard.hpp"
#include "sim/runner/manifest.hpp"
#include "sim/runner/seeds.hpp"
#include "sim/runner/stop_signals.hpp"
#include "sim/store/store_error.hpp"

namespace policysim::runner {
namespace {

// Inside one run, threads pay off only for large countries; replications fill the cores otherwise.
constexpr std::size_t kParallelRunRegions = 4096;

template <class Enum, std::size_t N>
std::vector<std::string> names(const std::array<model::Described<Enum>, N>& table) {
  std::vector<std::string> names;
  for (const auto& row : table) names.emplace_back(row.name);
  return names;
}

template <class Enum, std::size_t N>
void add_meanings(std::vector<store::ColumnMeaning>& meanings, const std::string& table_name,
                  const std::array<model::Described<Enum>, N>& table) {
  for (const auto& row : table) {
    meanings.push_back(
        {table_name, std::string(row.name), std::string(row.unit), std::string(row.description)});
  }
}

}  // namespace

std::vector<std::string> quarter_labels(const model::Config& config) {
  std::vector<std::string> labels;
  for (int tick = 0; tick < config.tick_count(); ++tick)
    labels.push_back((config.start + tick).str());
  return labels;
}

std::vector<std::string> district_of_each_region(const model::Country& country) {
  std::vector<std::string> districts;
  districts.reserve(country.region_count());
  for (auto d : country.district) districts.push_back(country.district_names.at(d));
  return districts;
}

store::RunRecord to_record(model::RunOutput output, const std::string& arm, int replicate,
                           std::uint64_t seed, double wall_seconds,
                           const std::vector<std::string>& quarters) {
  store::RunRecord record;
  record.arm = arm;
  record.replicate = replicate;
  record.seed = seed;
  record.status = "ok";
  record.wall_seconds = wall_seconds;
  record.outcomes = std::move(output.outcomes);
  record.quarters = quarters;
  record.series = std::move(output.series);
  record.region_series = std::move(output.region_series);
  record.events.reserve(output.events.size());
  for (auto& event : output.events) {
    record.events.push_back(
        {event.tick, std::move(event.kind), event.region, std::move(event.detail)});
  }
  return record;
}

store::Schema results_schema() {
  return {{}, names(model::kOutcomes), names(model::kSeriesMetrics), names(model::kRegionMetrics)};
}

std::vector<store::ColumnMeaning> results_column_meanings() {
  std::vector<store::ColumnMeaning> meanings;
  add_meanings(meanings, "runs", model::kOutcomes);
  add_meanings(meanings, "series", model::kSeriesMetrics);
  add_meanings(meanings, "region_series", model::kRegionMetrics);
  return meanings;
}

std::string read_text_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

nlohmann::json experiment_manifest(const scenario::Scenario& scenario, const Provenance& provenance,
                                   int replications, std::uint64_t seed, int threads) {
  nlohmann::json manifest = build_description();
  manifest["command"] = core::command_line();
  manifest["scenario_name"] = scenario.name;
  manifest["scenario_file"] = scenario.file.string();
  manifest["scenario_sha256"] = sha256_hex(provenance.resolved_yaml);
  manifest["scenario_yaml"] = read_text_file(scenario.file);
  manifest.update(provenance_manifest(provenance));
  manifest["scenario_summary"] = scenario::describe(scenario);
  manifest["start_quarter"] = scenario.config.start.str();
  manifest["end_quarter"] = scenario.config.end.str();
  manifest["replications"] = replications;
  manifest["seed"] = std::to_string(seed);
  manifest["threads"] = threads;
  manifest["host"] = host_name();
  manifest["cpu"] = cpu_model();
  manifest["started_at"] = utc_now();
  return manifest;
}

store::ResultsDatabase open_experiment_database(const std::filesystem::path& database,
                                                const scenario::Scenario& scenario,
                                                const model::Country& country,
                                                const nlohmann::json& manifest_extra,
                                                int replications, std::uint64_t seed, int threads,
                                                bool region_series) {
  const Provenance provenance = scenario_provenance(scenario);
  const nlohmann::json inputs = fingerprint(provenance, seed, region_series);
  auto db = store::ResultsDatabase::open(database, results_schema(), scenario.name, inputs);
  db.describe_columns(results_column_meanings());
  auto manifest = experiment_manifest(scenario, provenance, replications, seed, threads);
  manifest["region_series"] = region_series;
  manifest["fingerprint"] = inputs;
  if (manifest_extra.is_object()) manifest.update(manifest_extra);
  if (db.run_count() == 0) {
    db.write_manifest(manifest);
  } else {
    // The fingerprint matched; the runs themselves must agree with it too, or the file was
    // written by something else than its manifest says.
    for (const auto& run : db.completed_runs()) {
      const std::uint64_t expected = replicate_seed(seed, run.replicate);
      if (run.seed != expected) {
        throw store::StoreError(
            database.string() + " holds a run (arm " + run.arm + ", replicate " +
                std::to_string(run.replicate) + ") made with seed " + std::to_string(run.seed) +
                ", but its manifest's base seed " + std::to_string(seed) +
                " gives that replicate seed " + std::to_string(expected) +
                ": its runs and its manifest disagree, so none of its runs are reused. Write "
                "to a new directory with -o DIR",
            store::StoreError::cannot_create_output);
      }
    }
    db.set_manifest("resumed_at", manifest["started_at"]);
    // The manifest says how many replicates were asked for, so that the database can be made
    // again whole (`policysim reproduce`).
    if (replications > db.manifest().value("replications", 0)) {
      db.set_manifest("replications", replications);
    }
  }
  db.write_regions(country.codes, country.names, district_of_each_region(country));
  return db;
}

void mark_interrupted(store::ResultsDatabase& database, int signal) {
  database.set_manifest("complete", false);
  database.set_manifest("interrupted_by", signal_name(signal));
  database.set_manifest("interrupted_at", utc_now());
}

void print_estimates(std::ostream& out, const model::Config& config, const model::Country& country,
                     std::uint64_t seed, std::size_t runs, int threads,
                     const MemoryEstimate& memory) {
  model::Simulation simulation(config, country);
  const auto started = std::chrono::steady_clock::now();
  simulation.run(replicate_seed(seed, 0), {});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  // A thread runs whole runs, and threads beyond the runs have none to do.
  const std::size_t busy =
      std::max<std::size_t>(1, std::min(static_cast<std::size_t>(std::max(threads, 1)), runs));
  const std::size_t rounds = (runs + busy - 1) / busy;
  out << "estimate: " << core::duration_text(seconds) << " per run, about "
      << core::duration_text(seconds * static_cast<double>(rounds)) << " on " << busy
      << (busy == 1 ? " thread" : " threads");
  if (busy < static_cast<std::size_t>(threads)) {
    out << " (of the " << threads << " asked for, the others would have no run to do)";
  }
  out << '\n';
  out << "memory: about " << format_bytes(memory.total_bytes())
      << " beyond the program itself: " << memory_breakdown(memory) << '\n';
}

store::RunRecord ReplicationRunner::failed_record(const std::string& arm, int replicate,
                                                  std::uint64_t seed,
                                                  const std::string& why) const {
  store::RunRecord record;
  record.arm = arm;
  record.replicate = replicate;
  record.seed = seed;
  record.status = "failed: " + why;
  record.wall_seconds = std::numeric_limits<double>::quiet_NaN();
  // Outcomes NULL, no series: nothing of the run is a result.
  record.outcomes.assign(database_.schema().outcomes.size(),
                         std::numeric_limits<double>::quiet_NaN());
  return record;
}

// Per-worker simulations, one per arm, built on first use: one network build and one set of
// buffers per thread and arm, reused across runs and batches.
struct ReplicationRunner::Pool {
  using PerArm = std::vector<std::unique_ptr<model::Simulation>>;
  explicit Pool(std::size_t arm_count) : simulations([arm_count] { return PerArm(arm_count); }) {}
  tbb::enumerable_thread_specific<PerArm> simulations;
};

ReplicationRunner::ReplicationRunner(std::vector<ArmConfig> arms, const model::Country& country,
                                     store::ResultsDatabase& database, std::uint64_t base_seed,
                                     bool region_series)
    : arms_(std::move(arms)),
      country_(country),
      database_(database),
      base_seed_(base_seed),
      run_options_{region_series, country.region_count() >= kParallelRunRegions},
      pool_(std::make_unique<Pool>(arms_.size())) {
  for (const auto& arm : arms_) quarters_.push_back(quarter_labels(arm.config));
}

ReplicationRunner::~ReplicationRunner() = default;

std::vector<Job> ReplicationRunner::missing_jobs(int replicates) const {
  std::vector<Job> jobs;
  for (int replicate = 0; replicate < replicates; ++replicate) {
    for (std::size_t arm = 0; arm < arms_.size(); ++arm) {
      if (!database_.has_run(arms_[arm].name, replicate)) jobs.push_back({arm, replicate});
    }
  }
  return jobs;
}

BatchResult ReplicationRunner::run(std::span<const Job> jobs, bool quiet, std::ostream& log,
                                   const RunStored& stored) {
  std::unique_ptr<core::Progress> progress;
  if (!quiet) progress = std::make_unique<core::Progress>("runs", jobs.size());
  std::atomic<int> failed{0}, failed_stored{0}, dropped{0};
  std::mutex log_mutex;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, jobs.size(), 1), [&](const auto& range) {
    for (std::size_t i = range.begin(); i != range.end(); ++i) {
      if (stop_signal() != 0) {
        ++dropped;
        continue;
      }
      const Job job = jobs[i];
      const ArmConfig& arm = arms_[job.arm];
      // Common random numbers: the seed depends on the replicate only, never on the arm.
      const std::uint64_t run_seed = replicate_seed(base_seed_, job.replicate);
      try {
        auto& simulation = pool_->simulations.local()[job.arm];
        if (!simulation) simulation = std::make_unique<model::Simulation>(arm.config, country_);
        const auto started = std::chrono::steady_clock::now();
        // A run of a large country is parallel inside. A thread waiting for that inner loop may
        // be handed another job of this outer loop (oneTBB's guide, "Work Isolation"), which
        // would reuse this thread's Simulation in the middle of its run. Isolation forbids it.
        auto output = tbb::this_task_arena::isolate(
            [&simulation, run_seed, this] { return simulation->run(run_seed, run_options_); });
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        const store::RunRecord record = to_record(std::move(output), arm.name, job.replicate,
                                                  run_seed, seconds, quarters_[job.arm]);
        database_.write_run(record);
        if (stored) {
          // The run is stored whatever the hook does: a hook that throws loses only what it
          // would have kept, which its caller can read back from the database.
          try {
            stored(job, record);
          } catch (const std::exception& e) {
            std::lock_guard lock(log_mutex);
            log << "policysim: arm " << arm.name << " replicate " << job.replicate
                << " is stored, but what is kept of it in memory was lost: " << e.what() << '\n';
          }
        }
      } catch (const store::StoreError&) {
        throw;  // the results cannot be written: stop rather than lose more runs
      } catch (const std::bad_alloc&) {
        throw;  // out of memory: every other run would fail the same way
      } catch (const model::NonFiniteState& e) {
        database_.write_run(failed_record(arm.name, job.replicate, run_seed, e.what()));
        ++failed;
        ++failed_stored;
        std::lock_guard lock(log_mutex);
        log << "policysim: arm " << arm.name << " replicate " << job.replicate << " (seed "
            << run_seed << ") failed, stored as failed: " << e.what() << '\n';
      } catch (const std::exception& e) {
        ++failed;
        std::lock_guard lock(log_mutex);
        log << "policysim: arm " << arm.name << " replicate " << job.replicate << " (seed "
            << run_seed << ") failed: " << e.what() << '\n';
      }
      if (progress) progress->advance();
    }
  });
  database_.flush();  // the batch's runs are stored when it returns
  if (progress) progress->finish();
  return {static_cast<int>(jobs.size()) - failed.load() - dropped.load(), failed.load(),
          failed_stored.load(), dropped.load()};
}

}  // namespace policysim::runner
