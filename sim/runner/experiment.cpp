#include "sim/runner/experiment.hpp"

#include <algorithm>
#include <ostream>

#include "sim/model/metrics.hpp"
#include "sim/model/simulation.hpp"
#include "sim/runner/database_size.hpp"
#include "sim/runner/dry_run_estimate.hpp"
#include "sim/runner/experiment_database.hpp"
#include "sim/runner/experiment_setup.hpp"
#include "sim/runner/manifest.hpp"
#include "sim/runner/memory_estimate.hpp"
#include "sim/runner/paired_facts.hpp"
#include "sim/runner/replications.hpp"
#include "sim/runner/stop_signals.hpp"
#include "sim/runner/stylised_facts.hpp"
#include "sim/runner/summary.hpp"
#include "sim/runner/thread_limit.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/store/results_database.hpp"
#include "sim/store/target_table.hpp"

namespace policysim::runner {
namespace {

// A plain run has a single arm, the base scenario; comparisons name theirs.
constexpr std::string_view kArm = scenario::kBaseArm;

// The base arm's runs: a database shared with `policysim compare` also holds other arms.
std::vector<store::StoredRun> base_runs(const store::ResultsDatabase& db) {
  auto runs = db.runs();
  std::erase_if(runs, [](const store::StoredRun& run) { return run.arm != kArm; });
  return runs;
}

// The statistics of every stored run of the base arm below `reps`, from its series read back in
// one pass.
std::vector<std::vector<double>> stored_target_statistics(const scenario::Scenario& scenario,
                                                          const store::ResultsDatabase& db,
                                                          int reps) {
  std::vector<std::string> metrics;
  for (const auto& target : scenario.targets) {
    if (target.stat != scenario::StylisedFactStat::outcome &&
        std::find(metrics.begin(), metrics.end(), target.metric) == metrics.end()) {
      metrics.push_back(target.metric);
    }
  }
  auto series = metrics.empty() ? std::vector<store::RunSeries>{} : db.series_values(metrics);
  std::erase_if(series, [reps](const store::RunSeries& run) {
    return run.arm != kArm || run.replicate >= reps;
  });
  std::vector<std::vector<double>> statistics;
  statistics.reserve(series.size());
  for (const auto& run : series) {
    statistics.push_back(target_statistics(scenario, [&](const std::string& metric) {
      return run.values[static_cast<std::size_t>(std::find(metrics.begin(), metrics.end(), metric) -
                                                 metrics.begin())];
    }));
  }
  return statistics;
}

// The targets over `runs`. Each run's statistics are `computed[replicate]` when every run was
// made by this command, or else are read back from the stored series: reading back gives a
// run's series bit for bit, so both give the same values, and memory spares the reading.
std::vector<StylisedFactResult> evaluate_targets(const scenario::Scenario& scenario,
                                                 const store::ResultsDatabase& db,
                                                 const std::vector<store::StoredRun>& runs,
                                                 int reps,
                                                 const std::vector<std::vector<double>>& computed) {
  const auto computed_now = [&](const store::StoredRun& run) {
    return !computed[static_cast<std::size_t>(run.replicate)].empty();
  };
  std::vector<std::vector<double>> statistics;
  if (std::all_of(runs.begin(), runs.end(), computed_now)) {
    for (const auto& run : runs) {
      statistics.push_back(computed[static_cast<std::size_t>(run.replicate)]);
    }
  } else {
    statistics = stored_target_statistics(scenario, db, reps);
  }

  std::vector<StylisedFactResult> results;
  for (std::size_t t = 0; t < scenario.targets.size(); ++t) {
    const auto& target = scenario.targets[t];
    const auto& outcome_columns = db.schema().outcomes;
    std::vector<double> values;
    if (target.stat == scenario::StylisedFactStat::outcome) {
      values = outcome_values(outcome_columns, runs, target.metric);
    } else {
      for (const auto& run : statistics) values.push_back(run[t]);
    }
    results.push_back(
        judge(target, std::move(values), given_values(target, outcome_columns, runs)));
  }
  return results;
}

void print_dry_run(const scenario::Scenario& scenario, const model::Country& country, int reps,
                   std::uint64_t seed, int threads, const MemoryEstimate& memory,
                   const std::filesystem::path& database, std::ostream& out) {
  out << scenario::describe(scenario) << '\n';
  out << "regions: " << country.region_count() << ", land edges: " << country.land_edges.size()
      << ", ticks: " << scenario.config.tick_count() << '\n';
  out << "parameters set by the scenario:";
  if (scenario.parameters.empty()) out << " none (all defaults)";
  for (const auto& [name, value] : scenario.parameters) out << "\n  " << name << " = " << value;
  out << "\nruns: " << reps << " replications from seed " << seed << " into " << database.string()
      << '\n';
  print_estimates(out, scenario.config, country, seed, static_cast<std::size_t>(reps), threads,
                  memory);
}

}  // namespace

ExperimentResult run_experiment(const ExperimentOptions& options, std::ostream& out,
                                std::ostream& log) {
  const auto scenario = read_experiment_scenario(options.scenario_file, log);
  const int reps = options.replications.value_or(static_cast<int>(scenario.replications));
  const std::uint64_t seed = options.seed.value_or(scenario.seed);
  ExperimentResult result{experiment_database_path(options.out_dir, scenario)};

  const ThreadLimit thread_limit(options.threads);
  const int threads = thread_limit.threads();

  const model::Config* const config = &scenario.config;
  const MemoryEstimate memory =
      check_experiment_memory(scenario, {&config, 1}, static_cast<std::size_t>(reps),
                              scenario.targets.size(), threads, options.region_series, log);
  const model::Country country = scenario::load_country(scenario);
  const DatabaseShape shape{static_cast<std::size_t>(reps),
                            static_cast<std::size_t>(scenario.config.tick_count()),
                            country.region_count(), options.region_series};
  if (options.dry_run) {
    print_dry_run(scenario, country, reps, seed, threads, memory, result.database, out);
    out << database_size_line(shape) << '\n';
    return result;
  }
  prepare_experiment_database(result.database, shape, options.overwrite, log);
  auto db = open_experiment_database(result.database, scenario, country, {}, reps, seed, threads,
                                     options.region_series);
  ReplicationRunner runner({{std::string(kArm), scenario.config}}, country, db, seed,
                           options.region_series);
  const auto pending = runner.missing_jobs(reps);
  result.runs_reused = reps - static_cast<int>(pending.size());
  if (result.runs_reused > 0) {
    log << "policysim: reusing " << result.runs_reused << " runs already in "
        << result.database.string() << '\n';
  }
  if (!scenario.arms.empty()) {
    log << "policysim: the scenario declares " << scenario.arms.size()
        << " arms; `run` runs the base alone, `policysim compare` runs them all\n";
  }
  if (scenario.sweep) {
    log << "policysim: the scenario declares a sweep; `run` runs the scenario as written, "
           "`policysim sweep` runs the sweep\n";
  }
  // The targets' statistics of each run made now, from its series in memory: reading them back
  // was most of the time spent after the runs.
  std::vector<std::vector<double>> statistics(static_cast<std::size_t>(reps));
  // Until the targets are written, an export of this database must say they are not computed.
  db.set_manifest("complete", false);
  const BatchResult batch =
      runner.run(pending, options.quiet, log, [&](const Job& job, store::RunRecord& run) {
        if (scenario.targets.empty()) return;
        statistics[static_cast<std::size_t>(job.replicate)] =
            run_target_statistics(scenario, db.schema(), run);
      });
  result.runs_written = batch.written;
  result.runs_failed = batch.failed;
  if (const int signal = stop_signal()) {
    const int stored_now = result.runs_reused + batch.written + batch.failed_stored;
    report_interrupted(db, signal, static_cast<std::size_t>(stored_now),
                       static_cast<std::size_t>(reps), log);
    result.stop_signal = signal;
    return result;
  }
  db.set_manifest("finished_at", utc_now());

  // The summary and targets are of the replicates asked for, [0, reps), as in `compare`; an
  // earlier command may have stored more.
  const FinishedRuns finished = finished_runs(base_runs(db), reps);
  const auto& runs = finished.ok;
  result.runs_failed = batch.failed - batch.failed_stored + static_cast<int>(finished.failed);
  std::vector<std::vector<double>> outcomes;
  outcomes.reserve(runs.size());
  for (const auto& run : runs) outcomes.push_back(run.outcomes);
  if (finished.beyond > 0) {
    log << "policysim: " << result.database.string() << " also holds " << finished.beyond
        << " replicates from " << reps << " on, stored by an earlier command; the summary and "
        << "targets cover replicates 0 to " << reps - 1 << " (ask for more with --reps)\n";
  }
  out << "\n"
      << scenario.name << ": " << outcomes.size() << " runs, " << country.region_count()
      << " regions, " << scenario.config.start.str() << ".." << scenario.config.end.str() << "\n\n";
  print_summary(out, summarise_outcomes(model::kOutcomeNames, outcomes));
  if (!scenario.targets.empty()) {
    const auto targets = evaluate_targets(scenario, db, runs, reps, statistics);
    store::write_targets(result.database, target_rows(targets, runs));
    out << "\nStylised-fact targets\n";
    print_targets(out, targets);
  }
  if (!scenario.paired_targets.empty()) {
    // They compare an arm with the base, which a run of the base alone cannot judge.
    std::string list;
    for (const auto& arm : paired_arm_names(scenario)) list += "," + arm;
    out << scenario.paired_targets.size()
        << " paired targets compare an arm with the base: `policysim compare "
        << scenario.file.string() << " --arms base" << list << "` judges them\n";
  }
  db.set_manifest("complete", true);
  out << "\nresults: " << result.database.string() << '\n';
  report_failed_runs(finished.failed, static_cast<std::size_t>(reps),
                     batch.failed - batch.failed_stored, pending.size(), "the summary and targets",
                     result.database, log);
  return result;
}

}  // namespace policysim::runner
