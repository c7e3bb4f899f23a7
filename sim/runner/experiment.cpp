#include "sim/runner/experiment.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <memory>
#include <optional>
#include <ostream>
#include <sstream>

#include "sim/core/progress.hpp"
#include "sim/model/metrics.hpp"
#include "sim/model/simulation.hpp"
#include "sim/runner/manifest.hpp"
#include "sim/runner/seeds.hpp"
#include "sim/runner/summary.hpp"
#include "sim/runner/targets.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/store/results_database.hpp"
#include "sim/store/store_error.hpp"
#include "sim/store/target_table.hpp"

namespace policysim::runner {
namespace {

// A plain run has a single arm; comparisons name theirs.
constexpr const char* kArm = "base";

// Inside one run, threads pay off only for large countries; replications fill the cores otherwise.
constexpr std::size_t kParallelRunRegions = 4096;

template <std::size_t N>
std::vector<std::string> to_strings(const std::array<std::string_view, N>& names) {
  return {names.begin(), names.end()};
}

store::Schema results_schema() {
  return {{},
          to_strings(model::kOutcomeNames),
          to_strings(model::kSeriesMetricNames),
          to_strings(model::kRegionMetricNames)};
}

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> quarter_labels(const model::Config& config) {
  std::vector<std::string> labels;
  for (int tick = 0; tick < config.tick_count(); ++tick)
    labels.push_back((config.start + tick).str());
  return labels;
}

store::RunRecord to_record(model::RunOutput output, int replicate, std::uint64_t seed,
                           double wall_seconds, const std::vector<std::string>& quarters) {
  store::RunRecord record;
  record.arm = kArm;
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

nlohmann::json experiment_manifest(const scenario::Scenario& scenario, const std::string& text,
                                   const std::string& sha256, int replications, std::uint64_t seed,
                                   int threads) {
  nlohmann::json manifest = build_description();
  manifest["scenario_name"] = scenario.name;
  manifest["scenario_file"] = scenario.file.string();
  manifest["scenario_sha256"] = sha256;
  manifest["scenario_yaml"] = text;
  manifest["scenario_summary"] = scenario::describe(scenario);
  manifest["start_quarter"] = scenario.config.start.str();
  manifest["end_quarter"] = scenario.config.end.str();
  manifest["replications"] = replications;
  manifest["seed"] = std::to_string(seed);
  manifest["threads"] = threads;
  manifest["host"] = host_name();
  manifest["started_at"] = utc_now();
  return manifest;
}

std::vector<std::string> district_of_each_region(const model::Country& country) {
  std::vector<std::string> districts;
  districts.reserve(country.region_count());
  for (auto d : country.district) districts.push_back(country.district_names.at(d));
  return districts;
}

// Per-worker simulations: one network build and one set of buffers per thread, reused across runs.
class SimulationPool {
 public:
  SimulationPool(const model::Config& config, const model::Country& country)
      : simulations_(
            [&config, &country] { return std::make_unique<model::Simulation>(config, country); }) {}
  model::Simulation& local() { return *simulations_.local(); }

 private:
  tbb::enumerable_thread_specific<std::unique_ptr<model::Simulation>> simulations_;
};

std::vector<TargetResult> evaluate_targets(const scenario::Scenario& scenario,
                                           const store::ResultsDatabase& db) {
  std::vector<TargetResult> results;
  const auto runs = db.runs();
  for (const auto& target : scenario.targets) {
    std::vector<double> values;
    if (target.stat == scenario::TargetStat::outcome) {
      const auto& names = db.schema().outcomes;
      const auto column = static_cast<std::size_t>(
          std::find(names.begin(), names.end(), target.metric) - names.begin());
      for (const auto& run : runs) values.push_back(run.outcomes.at(column));
    } else {
      for (const auto& run : db.series_values(target.metric)) {
        values.push_back(target_statistic(target, run.values, scenario.config.start));
      }
    }
    results.push_back(judge(target, std::move(values)));
  }
  return results;
}

std::vector<store::TargetRow> target_rows(const std::vector<TargetResult>& results,
                                          const std::vector<store::StoredRun>& runs) {
  std::vector<store::TargetRow> rows;
  for (const auto& result : results) {
    const auto& t = result.target;
    store::TargetRow row{t.name,
                         t.metric,
                         std::string(scenario::target_stat_name(t.stat)),
                         t.window_start ? t.window_start->str() : "",
                         t.window_end ? t.window_end->str() : "",
                         t.source,
                         t.low,
                         t.high,
                         t.share,
                         result.share_in_range,
                         result.met,
                         {}};
    for (std::size_t i = 0; i < runs.size(); ++i)
      row.values.emplace_back(runs[i].run_id, result.values[i]);
    rows.push_back(std::move(row));
  }
  return rows;
}

void print_dry_run(const scenario::Scenario& scenario, const model::Country& country, int reps,
                   std::uint64_t seed, const std::filesystem::path& database, std::ostream& out) {
  out << scenario::describe(scenario) << '\n';
  out << "regions: " << country.region_count() << ", land edges: " << country.land_edges.size()
      << ", ticks: " << scenario.config.tick_count() << '\n';
  out << "parameters set by the scenario:";
  if (scenario.parameters.empty()) out << " none (all defaults)";
  for (const auto& [name, value] : scenario.parameters) out << "\n  " << name << " = " << value;
  out << "\nruns: " << reps << " replications from seed " << seed << " into " << database.string()
      << '\n';
  // Time one replication to estimate the whole.
  model::Simulation simulation(scenario.config, country);
  const auto started = std::chrono::steady_clock::now();
  simulation.run(replicate_seed(seed, 0), {});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const int cores = tbb::info::default_concurrency();
  out << "estimate: " << seconds * 1000 << " ms per run, about " << seconds * reps / cores
      << " s on " << cores << " threads\n";
}

}  // namespace

ExperimentResult run_experiment(const ExperimentOptions& options, std::ostream& out,
                                std::ostream& log) {
  const auto scenario = scenario::load_scenario(options.scenario_file);
  const int reps = options.replications.value_or(static_cast<int>(scenario.replications));
  const std::uint64_t seed = options.seed.value_or(scenario.seed);
  const auto out_dir = options.out_dir.value_or(std::filesystem::path("results") / scenario.name);
  ExperimentResult result{out_dir / "results.sqlite"};

  std::optional<tbb::global_control> thread_limit;
  if (options.threads > 0) {
    thread_limit.emplace(tbb::global_control::max_allowed_parallelism,
                         static_cast<std::size_t>(options.threads));
  }
  const int threads = static_cast<int>(
      tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism));

  const model::Country country = scenario::load_country(scenario);
  if (options.dry_run) {
    print_dry_run(scenario, country, reps, seed, result.database, out);
    return result;
  }

  const std::string text = read_file(scenario.file);
  const std::string sha256 = sha256_hex(text);
  auto db = store::ResultsDatabase::open(result.database, results_schema(), scenario.name, sha256);
  const auto manifest = experiment_manifest(scenario, text, sha256, reps, seed, threads);
  if (db.run_count() == 0) {
    db.write_manifest(manifest);
  } else {
    db.set_manifest("resumed_at", manifest["started_at"]);
  }
  db.write_regions(country.codes, country.names, district_of_each_region(country));

  std::vector<int> pending;
  for (int replicate = 0; replicate < reps; ++replicate) {
    if (!db.has_run(kArm, replicate)) pending.push_back(replicate);
  }
  result.runs_reused = reps - static_cast<int>(pending.size());
  if (result.runs_reused > 0) {
    log << "policysim: reusing " << result.runs_reused << " runs already in "
        << result.database.string() << '\n';
  }

  const auto quarters = quarter_labels(scenario.config);
  const model::RunOptions run_options{options.region_series,
                                      country.region_count() >= kParallelRunRegions};
  SimulationPool pool(scenario.config, country);
  std::unique_ptr<core::Progress> progress;
  if (!options.quiet) progress = std::make_unique<core::Progress>("runs", pending.size());
  std::atomic<int> failed{0};
  std::mutex log_mutex;

  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, pending.size(), 1), [&](const auto& range) {
    for (std::size_t i = range.begin(); i != range.end(); ++i) {
      const int replicate = pending[i];
      const std::uint64_t run_seed = replicate_seed(seed, replicate);
      try {
        const auto started = std::chrono::steady_clock::now();
        auto output = pool.local().run(run_seed, run_options);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        db.write_run(to_record(std::move(output), replicate, run_seed, seconds, quarters));
      } catch (const store::StoreError&) {
        throw;  // the results cannot be written: stop rather than lose more runs
      } catch (const std::exception& e) {
        ++failed;
        std::lock_guard lock(log_mutex);
        log << "policysim: replicate " << replicate << " (seed " << run_seed
            << ") failed: " << e.what() << '\n';
      }
      if (progress) progress->advance();
    }
  });
  if (progress) progress->finish();
  result.runs_written = static_cast<int>(pending.size()) - failed.load();
  result.runs_failed = failed.load();
  db.set_manifest("finished_at", utc_now());

  std::vector<std::vector<double>> outcomes;
  for (const auto& run : db.runs()) outcomes.push_back(run.outcomes);
  out << "\n"
      << scenario.name << ": " << outcomes.size() << " runs, " << country.region_count()
      << " regions, " << scenario.config.start.str() << ".." << scenario.config.end.str() << "\n\n";
  print_summary(out, summarise_outcomes(model::kOutcomeNames, outcomes));
  if (!scenario.targets.empty()) {
    const auto targets = evaluate_targets(scenario, db);
    store::write_targets(result.database, target_rows(targets, db.runs()));
    out << "\nStylised-fact targets\n";
    print_targets(out, targets);
  }
  out << "\nresults: " << result.database.string() << '\n';
  if (result.runs_failed > 0) {
    log << "policysim: " << result.runs_failed << " of " << pending.size()
        << " runs failed; the others are stored. Re-run the same command to retry them.\n";
  }
  return result;
}

}  // namespace policysim::runner
