#include "sim/runner/sweep_experiment.hpp"

#include <algorithm>
#include <iomanip>
#include <memory>
#include <ostream>

#include "sim/core/progress.hpp"
#include "sim/model/metrics.hpp"
#include "sim/runner/comparison.hpp"
#include "sim/runner/database_size.hpp"
#include "sim/runner/dry_run_estimate.hpp"
#include "sim/runner/experiment_database.hpp"
#include "sim/runner/experiment_setup.hpp"
#include "sim/runner/manifest.hpp"
#include "sim/runner/memory_estimate.hpp"
#include "sim/runner/rank_databases.hpp"
#include "sim/runner/replications.hpp"
#include "sim/runner/stop_signals.hpp"
#include "sim/runner/summary.hpp"
#include "sim/runner/sweep_points.hpp"
#include "sim/runner/sweep_record.hpp"
#include "sim/runner/sweep_sensitivity.hpp"
#include "sim/runner/sweep_targets.hpp"
#include "sim/runner/thread_limit.hpp"
#include "sim/runner/usage_error.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/value_reader.hpp"
#include "sim/store/design_table.hpp"
#include "sim/store/sensitivity_table.hpp"
#include "sim/store/target_table.hpp"

namespace policysim::runner {
namespace {

// A dry run shows this many points of the design.
constexpr std::size_t kShownPoints = 5;
// Runs that go to the workers at once, whole points: enough that the workers' wait for the last
// of a block is a small share of it (at 64 workers, a run in 256), few enough that the list of a
// block's jobs (16 bytes a run) stays small.
constexpr std::size_t kBlockRuns = 16384;

/// A factor's value as the scenario writes it: a quarter for a start or an end.
std::string value_text(const scenario::SweepFactor& factor, double value) {
  return scenario::is_quarter_factor(factor.kind) ? scenario::quarter_of_year(value).str()
                                                  : scenario::format_number(value);
}

void print_dry_run(const scenario::Scenario& scenario, const SweepPoints& points, int reps,
                   std::uint64_t seed, const std::filesystem::path& database, std::ostream& out) {
  const scenario::Sweep& sweep = *scenario.sweep;
  out << scenario::describe(scenario) << '\n';
  out << "sweep: " << sensitivity::design_kind_name(sweep.design) << " design of "
      << sweep.factors.size() << " factors, " << points.count() << " points x " << reps
      << " replicates = " << points.count() * static_cast<std::size_t>(reps) << " runs, seeds from "
      << seed << " (replicate r has the same seed at every point)\n";
  out << "factors:\n";
  for (const auto& factor : sweep.factors) {
    out << "  " << factor.path << " (column " << factor.column << "): ";
    if (factor.distribution.kind != scenario::DistributionKind::none) {
      out << scenario::distribution_text(factor.distribution) << " over "
          << value_text(factor, factor.low) << " to " << value_text(factor, factor.high)
          << (factor.distribution.open ? " (its valid range)" : "");
    } else if (factor.values.empty()) {
      out << "range " << value_text(factor, factor.low) << " to "
          << value_text(factor, factor.high);
    } else {
      out << "values";
      for (const double value : factor.values) out << ' ' << value_text(factor, value);
    }
    out << '\n';
  }
  const std::size_t shown = std::min(kShownPoints, points.count());
  out << "first " << shown << " of " << points.count() << " points:\n  point";
  for (const auto& factor : sweep.factors) out << "  " << factor.column;
  out << '\n';
  for (std::size_t p = 0; p < shown; ++p) {
    out << "  " << point_name(p, points.count());
    for (std::size_t f = 0; f < sweep.factors.size(); ++f) {
      out << "  " << value_text(sweep.factors[f], points.at(p, f));
    }
    out << '\n';
  }
  out << "into " << database.string() << '\n';
}

/// The targets judged over a sweep's stored runs: their verdicts replace the `targets` table
/// (the runs' values are in `target_values`, each stored with its run). A run stored by a command
/// that did not judge its targets has no values: the log says so and how to remake them.
SweepTargets judge_sweep_targets(const scenario::Scenario& scenario,
                                 const store::ResultsDatabase& db, std::size_t points, int reps,
                                 std::ostream& log) {
  if (scenario.targets.empty()) return {};
  SweepTargets targets = sweep_targets(scenario, db, points, reps);
  for (std::size_t t = 0; t < targets.unknown.size(); ++t) {
    if (targets.unknown[t] > 0) {
      log << "policysim: target \"" << scenario.targets[t].name << "\" is not known in "
          << targets.unknown[t] << " runs stored by a command that did not judge them: its "
          << "shares have no measures; rerun with --overwrite to remake them\n";
    }
  }
  store::write_target_verdicts(db.path(), targets.verdicts);
  return targets;
}

}  // namespace

std::filesystem::path default_sweep_folder(const std::string& name) {
  return std::filesystem::path("results") / (name + "_sweep");
}

SweepResult run_sweep(const SweepOptions& options, std::ostream& out, std::ostream& log) {
  LocalDispatch dispatch;
  return run_sweep(options, out, log, dispatch);
}

SweepResult run_sweep(const SweepOptions& options, std::ostream& out, std::ostream& log,
                      SweepDispatch& dispatch) {
  const auto scenario = read_experiment_scenario(options.scenario_file, log);
  if (!scenario.sweep) {
    throw UsageError(scenario.file.string() +
                     " declares no sweep: add a `sweep:` block to it, or write a sweep file "
                     "that names it with `scenario:` (docs/sweeps.md)");
  }
  const scenario::Sweep& sweep = *scenario.sweep;
  const int reps = options.replications.value_or(static_cast<int>(sweep.replications));
  const std::uint64_t seed = options.seed.value_or(scenario.seed);
  const sensitivity::UnitDesign design = sensitivity::make_design(scenario::design_request(sweep));
  const SweepPoints points = sweep_points(sweep, design);
  const Shard& shard = options.shard;
  if (shard.count == 0 || shard.index >= shard.count) {
    throw UsageError("--shard must be i/N with 1 <= i <= N");
  }
  const bool sharded = shard.count > 1;
  std::size_t shard_points = 0;
  for (std::size_t p = 0; p < points.count(); ++p) shard_points += shard.holds(p) ? 1 : 0;
  const std::size_t runs = shard_points * static_cast<std::size_t>(reps);
  const std::string shard_text =
      std::to_string(shard.index + 1) + "/" + std::to_string(shard.count);
  SweepResult result;
  result.database = experiment_database_path(
      options.out_dir.value_or(default_sweep_folder(scenario.name)), scenario);
  result.points = points.count();
  result.replicates = reps;

  const ThreadLimit thread_limit(options.threads);
  const int threads = thread_limit.threads();
  // A worker holds one point's model at a time, so the memory is that of one arm; the runs are
  // read back one at a time, and the sensitivity keeps one outcome's means a point and each
  // target's share a point (counted as a run's row each, which is more).
  const model::Config* const config = &scenario.config;
  // Each run's targets are judged as it is stored; the shares of them are counted point by point.
  const std::size_t kept_runs = has_sensitivity(sweep.design) ? shard_points : 0;
  const MemoryEstimate memory =
      check_experiment_memory(scenario, {&config, 1}, runs, scenario.targets.size(), threads,
                              options.region_series, log, kept_runs);
  const model::Country country = scenario::load_country(scenario);
  const bool per_tick = options.series || options.region_series;
  const DatabaseShape shape{runs,
                            per_tick ? static_cast<std::size_t>(scenario.config.tick_count()) : 0,
                            country.region_count(), options.region_series};
  if (options.dry_run) {
    print_dry_run(scenario, points, reps, seed, result.database, out);
    if (sharded) {
      out << "shard " << shard_text << ": " << shard_points << " of the " << points.count()
          << " points (point p where p mod " << shard.count << " = " << shard.index << "), " << runs
          << " runs\n";
    }
    print_estimates(out, scenario.config, country, seed, runs, threads, memory);
    out << database_size_line(shape) << '\n';
    return result;
  }
  const bool overwrite = options.overwrite && dispatch.writes_sweep();
  prepare_experiment_database(result.database, shape, overwrite, log);
  if (overwrite) remove_rank_databases(result.database);
  const nlohmann::json recorded = design_json(sweep);
  nlohmann::json manifest_extra = {{"sweep", recorded}};
  if (sharded) manifest_extra["sweep_shard"] = shard_text;
  store::ResultsDatabase& db = dispatch.open(
      result.database,
      [&](const std::filesystem::path& path) {
        return open_experiment_database(path, scenario, country, manifest_extra, reps, seed,
                                        threads, options.region_series,
                                        {factor_columns(sweep.factors, "sweep factor"), recorded});
      },
      log);
  store::write_design(db.path(), design_rows(sweep, points.count(), reps));

  // A point's configuration is made when a worker first runs it, and dropped with its model.
  const ArmSource arms{points.count(), [&](std::size_t p) {
                         return ArmConfig{point_name(p, points.count()),
                                          point_config(scenario.config, sweep, points, p),
                                          points.row(p)};
                       }};
  ReplicationRunner runner(arms, country, db, seed, options.region_series, options.series);
  // The shard's jobs among points [first, last) that the database does not hold yet, point by
  // point, so that a worker runs a point's replicates on the model it made for it.
  const auto missing_jobs = [&](std::size_t first, std::size_t last) {
    std::vector<Job> jobs;
    for (std::size_t p = first; p < last; ++p) {
      if (!shard.holds(p)) continue;
      const std::string name = point_name(p, points.count());
      for (int r = 0; r < reps; ++r) {
        if (!db.has_run(name, r)) jobs.push_back({p, r});
      }
    }
    return jobs;
  };
  const std::size_t block_points =
      std::max<std::size_t>(1, kBlockRuns / static_cast<std::size_t>(reps));
  // Another rank of an MPI job runs only what it is handed: the sweep's writer counts.
  std::size_t missing = 0;
  for (std::size_t p = 0; p < points.count() && dispatch.writes_sweep(); p += block_points) {
    missing += missing_jobs(p, std::min(p + block_points, points.count())).size();
  }
  result.runs_reused = static_cast<int>(runs - missing);
  if (result.runs_reused > 0 && dispatch.writes_sweep()) {
    log << "policysim: reusing " << result.runs_reused << " runs already in "
        << result.database.string() << '\n';
  }
  db.set_manifest("complete", false);
  // The jobs go to the workers a block of points at a time, so that the list of them stays
  // small whatever the size of the sweep.
  std::size_t next_point = 0;
  const auto next_jobs = [&] {
    std::vector<Job> jobs;
    while (jobs.empty() && next_point < points.count() && stop_signal() == 0) {
      const std::size_t last = std::min(next_point + block_points, points.count());
      jobs = missing_jobs(next_point, last);
      next_point = last;
    }
    return jobs;
  };
  // Each run's targets judged on its series in memory (a sweep stores none by default), and
  // stored with it.
  const auto judge_run = [&](const Job& /*job*/, store::RunRecord& run) {
    run.target_values = run_target_values(scenario, db.schema(), run);
  };
  const BatchResult batch =
      dispatch.run(runner, next_jobs, missing, options.quiet, log,
                   scenario.targets.empty() ? ReplicationRunner::JudgeRun() : judge_run);
  result.runs_written = batch.written;
  if (!dispatch.writes_sweep()) return result;  // its runs are in the sweep's database now
  if (const int signal = stop_signal()) {
    report_interrupted(db, signal,
                       static_cast<std::size_t>(result.runs_reused) +
                           static_cast<std::size_t>(batch.written) +
                           static_cast<std::size_t>(batch.failed_stored),
                       runs, log);
    result.stop_signal = signal;
    return result;
  }
  db.set_manifest("finished_at", utc_now());

  // The summary covers replicates [0, reps) of every point: an earlier command may have stored
  // more. It is read from the database as it goes, never holding the runs.
  const store::ResultsDatabase::RunCounts finished = db.count_runs(reps);
  const SweepTargets targets = judge_sweep_targets(scenario, db, points.count(), reps, log);
  result.runs_failed = batch.failed - batch.failed_stored + static_cast<int>(finished.failed);
  out << '\n'
      << scenario.name << ": " << sensitivity::design_kind_name(sweep.design) << " sweep of "
      << sweep.factors.size() << " factors, " << points.count() << " points x " << reps
      << " replicates, " << finished.ok << " runs";
  if (has_sensitivity(sweep.design) && !sharded) out << '\n';
  if (sharded) {
    // The measures and the summary need every point: they are the merged sweep's.
    out << " of shard " << shard_text << " (" << shard_points << " points)\n"
        << "merge the shards' folders with `policysim merge OUT SHARD...`, then run this command "
           "with -o OUT (it reuses every run) for the summary"
        << (has_sensitivity(sweep.design) ? " and the sensitivity measures\n" : "\n");
  } else if (has_sensitivity(sweep.design)) {
    const std::vector<std::string> outcome_names(model::kOutcomeNames.begin(),
                                                 model::kOutcomeNames.end());
    // One outcome's means at a time: a Morris or Saltelli sweep of many points holds no more.
    auto measures = sweep_sensitivity(sweep, design, outcome_names, [&](std::size_t o) {
      return point_means(db, reps, points.count(), outcome_names[o]);
    });
    // The share of each point's runs meeting each target, measured like an outcome.
    std::vector<std::string> shown = key_outcomes();
    if (!scenario.targets.empty()) {
      std::vector<std::string> share_names;
      for (const auto& target : scenario.targets) {
        share_names.push_back(target_share_outcome(target));
      }
      const auto share_measures = sweep_sensitivity(
          sweep, design, share_names, [&](std::size_t t) { return targets.shares[t]; });
      measures.rows.insert(measures.rows.end(), share_measures.rows.begin(),
                           share_measures.rows.end());
      measures.undefined.insert(measures.undefined.end(), share_measures.undefined.begin(),
                                share_measures.undefined.end());
      shown.insert(shown.end(), share_names.begin(), share_names.end());
    }
    store::write_sensitivity(result.database, measures.rows);
    print_sensitivity(out, measures, shown, reps);
  } else {
    out << "; outcomes across all runs\n\n";
    print_summary(out, summarise_stored_outcomes(db, model::kOutcomeNames, reps));
  }
  db.set_manifest("complete", true);
  out << "\nresults: " << result.database.string()
      << " (table `runs`: one row per point and replicate, a column per factor; table `design`"
      << (has_sensitivity(sweep.design) && !sharded ? "; table `sensitivity`)\n" : ")\n");
  report_failed_runs(finished.failed, runs, batch.failed - batch.failed_stored, missing,
                     "the summary", result.database, log);
  return result;
}

}  // namespace policysim::runner
