#include "sim/runner/calibration_experiment.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <memory>
#include <ostream>
#include <span>
#include <stdexcept>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/calibration/abc_smc.hpp"
#include "sim/runner/calibration_dispatch.hpp"
#include "sim/runner/calibration_distance.hpp"
#include "sim/runner/calibration_summary.hpp"
#include "sim/runner/database_size.hpp"
#include "sim/runner/dry_run_estimate.hpp"
#include "sim/runner/experiment_database.hpp"
#include "sim/runner/experiment_setup.hpp"
#include "sim/runner/manifest.hpp"
#include "sim/runner/paired_facts.hpp"
#include "sim/runner/proposal_arms.hpp"
#include "sim/runner/rank_databases.hpp"
#include "sim/runner/replications.hpp"
#include "sim/runner/stop_signals.hpp"
#include "sim/runner/sweep_record.hpp"
#include "sim/runner/sweep_targets.hpp"
#include "sim/runner/thread_limit.hpp"
#include "sim/runner/usage_error.hpp"
#include "sim/scenario/value_reader.hpp"
#include "sim/store/calibration_tables.hpp"

namespace policysim::runner {
namespace {

// Proposals handed to the runs at once: enough runs (times the replicates) to keep many cores
// busy, few enough that little is simulated past the proposal that completes a generation. Fixed,
// not set by the threads, so that the database holds the same runs whatever the machine.
constexpr std::size_t kBatchProposals = 64;
// Proposal indices are written with 8 digits, so that names sort in index order: they stay below
// this.
constexpr std::uint32_t kIndexLimit = 100'000'000;

/// The arm of proposal `index` of generation `generation`: "g03_p00000123".
std::string proposal_name(std::uint32_t generation, std::uint32_t index) {
  if (index >= kIndexLimit) {
    throw std::runtime_error("the calibration made 10^8 proposals in generation " +
                             std::to_string(generation) +
                             " without accepting enough: raise `min_acceptance` or the tolerance "
                             "quantile, or check the targets");
  }
  char name[32];
  std::snprintf(name, sizeof name, "g%02u_p%08u", generation, index);
  return name;
}

/// Raised between batches once a signal asks to stop.
struct Stopped {
  int signal;
};

/// Runs proposals' replicates that the database does not hold yet, each on the experiment's
/// common seeds, its targets judged as it is stored, and reads back their targets' values.
class ProposalRuns {
 public:
  ProposalRuns(const scenario::Scenario& scenario, store::ResultsDatabase& database,
               CalibrationDispatch& dispatch, CalibrationDispatch::MakeRunner make_runner,
               ReplicationRunner::JudgeRun judge, std::ostream& log)
      : scenario_(scenario),
        database_(database),
        dispatch_(dispatch),
        make_runner_(std::move(make_runner)),
        judge_(std::move(judge)),
        log_(log) {}

  /// The values of replicates [first, end) of the proposals of `batch`.
  std::vector<ProposalValues> run(const ProposalBatch& batch, int first_replicate,
                                  int end_replicate) {
    const std::vector<std::string>& names = batch.names;
    if (!std::is_sorted(names.begin(), names.end())) {
      throw std::logic_error("calibration: proposals must come in name order");
    }
    // Each proposal's runs, in the base and in the arms paired targets name.
    const std::vector<ArmConfig> configs = proposal_arm_configs(scenario_, batch);
    std::vector<Job> jobs;
    for (std::size_t a = 0; a < configs.size(); ++a) {
      for (int r = first_replicate; r < end_replicate; ++r) {
        if (database_.has_run(configs[a].name, r)) {
          ++reused_;
        } else {
          jobs.push_back({a, r});
        }
      }
    }
    if (!jobs.empty()) {
      const auto runner = make_runner_(batch, database_);
      const BatchResult done = dispatch_.run(batch, *runner, jobs, log_, judge_);
      written_ += done.written;
      failed_ += done.failed;
    }
    if (const int signal = stop_signal()) throw Stopped{signal};
    return read_proposal_values(scenario_, database_, names, first_replicate, end_replicate);
  }

  int written() const { return written_; }
  int reused() const { return reused_; }
  int failed() const { return failed_; }

 private:
  const scenario::Scenario& scenario_;
  store::ResultsDatabase& database_;
  CalibrationDispatch& dispatch_;
  CalibrationDispatch::MakeRunner make_runner_;
  ReplicationRunner::JudgeRun judge_;
  std::ostream& log_;
  int written_ = 0, reused_ = 0, failed_ = 0;
};

/// The calibration as the database records it, among the inputs that resuming compares: what
/// decides its proposals and their fitting runs. Not the generation limit nor the acceptance
/// floor, which only say when to stop (raised, they let a finished calibration go on), nor the
/// held-out runs, which follow the last generation.
nlohmann::json calibration_json(const scenario::Calibration& calibration, std::size_t replicates) {
  return {{"method", "abc-smc"},
          {"particles", calibration.particles},
          {"replications", replicates},
          {"quantile", calibration.quantile},
          {"fit", calibration.fit},
          {"batch", kBatchProposals},
          // As text, like every seed a database records: exact in every reader.
          {"seed", std::to_string(calibration.seed)},
          {"parameters", factors_json(calibration.parameters)}};
}

/// Which of `targets` the distance compares: counted ones, those `fit` names if it names any.
std::vector<bool> fitted_targets(const scenario::Scenario& scenario,
                                 std::span<const scenario::StylisedFact> targets) {
  const auto& fit = scenario.calibration->fit;
  std::vector<bool> fitted;
  for (const auto& target : targets) {
    fitted.push_back(target.counted &&
                     (fit.empty() || std::find(fit.begin(), fit.end(), target.name) != fit.end()));
  }
  return fitted;
}

void print_dry_run(const scenario::Scenario& scenario,
                   std::span<const scenario::StylisedFact> targets, std::size_t replicates,
                   std::size_t runs_per_proposal, const std::vector<bool>& fitted,
                   const std::filesystem::path& database, std::ostream& out) {
  const scenario::Calibration& calibration = *scenario.calibration;
  out << scenario::describe(scenario) << '\n';
  out << "calibration: ABC-SMC, " << calibration.particles << " particles of " << replicates
      << " replicates each, at most " << calibration.generations
      << " generations (each tolerance the " << calibration.quantile
      << " quantile of the last generation's distances), then " << calibration.held_out
      << " held-out replicates of each final particle\n";
  out << "parameters (uniform priors):\n";
  for (const auto& factor : calibration.parameters) {
    out << "  " << factor.path << " (column " << factor.column
        << "): " << scenario::format_number(factor.low) << " to "
        << scenario::format_number(factor.high) << '\n';
  }
  out << "targets fitted:\n";
  for (std::size_t t = 0; t < targets.size(); ++t) {
    if (fitted[t]) out << "  " << targets[t].name << '\n';
  }
  out << "generation 0 runs " << calibration.particles * runs_per_proposal
      << " (the prior); each later one at least as many, more as the tolerance tightens\n";
  out << "into " << database.string() << '\n';
}

/// Says how a generation went.
void log_generation(const calibration::Generation& g, std::size_t runs_per_proposal, double seconds,
                    std::ostream& log) {
  char line[200];
  std::snprintf(line, sizeof line,
                "policysim: generation %u: tolerance %.4g, %zu of %llu proposals accepted "
                "(%.1f%%), ESS %.1f, %llu runs, %.1f s\n",
                g.number, g.epsilon, static_cast<std::size_t>(g.particles.rows()),
                static_cast<unsigned long long>(g.proposals), 100.0 * g.acceptance(),
                g.effective_sample_size(),
                static_cast<unsigned long long>(g.proposals) *
                    static_cast<unsigned long long>(runs_per_proposal),
                seconds);
  log << line;
}

/// Each target's row with its prior predictive share (over generation 0's runs, `prior`): a
/// counted target is informative unless the prior already meets it.
std::vector<store::CalibrationTarget> prior_target_rows(
    std::span<const scenario::StylisedFact> targets, const std::vector<bool>& fitted,
    std::span<const ProposalValues> prior) {
  const std::vector<double> equal(prior.size(), 1.0);
  std::vector<store::CalibrationTarget> rows;
  for (std::size_t t = 0; t < targets.size(); ++t) {
    const scenario::StylisedFact& target = targets[t];
    store::CalibrationTarget row;
    row.target = target.name;
    row.counted = target.counted;
    row.fitted = fitted[t];
    row.share_required = target.share;
    row.arm = target.arm;
    row.prior_share = predictive_share(target, prior, equal, t).share;
    // A share no run could be judged on (NaN) says nothing is met: informative.
    row.informative = target.counted && !(row.prior_share >= target.share);
    rows.push_back(row);
  }
  return rows;
}

/// Adds to each target's row its posterior predictive share over the last generation's
/// particles (`posterior`, weighed by `weights`) on the fitting replicates, and on the held-out
/// ones (`held_out`; NaN where there are none).
void add_posterior_shares(std::span<const scenario::StylisedFact> targets,
                          std::span<const double> weights,
                          std::span<const ProposalValues> posterior,
                          std::span<const ProposalValues> held_out,
                          std::vector<store::CalibrationTarget>& rows) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t t = 0; t < rows.size(); ++t) {
    const scenario::StylisedFact& target = targets[t];
    const PredictiveShare fitting = predictive_share(target, posterior, weights, t);
    rows[t].posterior_share = fitting.share;
    rows[t].posterior_low = fitting.low;
    rows[t].posterior_high = fitting.high;
    const PredictiveShare held = held_out.empty() ? PredictiveShare{kNaN, kNaN, kNaN}
                                                  : predictive_share(target, held_out, weights, t);
    rows[t].held_out_share = held.share;
    rows[t].held_out_low = held.low;
    rows[t].held_out_high = held.high;
  }
}

/// How many of the counted, informative targets each proposal meets on its own runs
/// (`proposals`).
std::vector<double> informative_targets_met(std::span<const scenario::StylisedFact> targets,
                                            const std::vector<store::CalibrationTarget>& rows,
                                            std::span<const ProposalValues> proposals) {
  std::vector<double> met;
  for (const auto& proposal : proposals) {
    int count = 0;
    for (std::size_t t = 0; t < rows.size(); ++t) {
      const scenario::StylisedFact& target = targets[t];
      if (rows[t].counted && rows[t].informative &&
          share_met(target, proposal.targets[t]) >= target.share) {
        ++count;
      }
    }
    met.push_back(count);
  }
  return met;
}

}  // namespace

std::filesystem::path default_calibration_folder(const std::string& name) {
  return std::filesystem::path("results") / (name + "_calibration");
}

CalibrationResult run_calibration(const ExperimentOptions& options, std::ostream& out,
                                  std::ostream& log) {
  LocalCalibrationDispatch dispatch;
  return run_calibration(options, out, log, dispatch);
}

CalibrationResult run_calibration(const ExperimentOptions& options, std::ostream& out,
                                  std::ostream& log, CalibrationDispatch& dispatch) {
  const auto scenario = read_experiment_scenario(options.scenario_file, log);
  if (!scenario.calibration) {
    throw UsageError(scenario.file.string() +
                     " declares no calibration: add a `calibration:` block to it, or write a "
                     "calibration file that names it with `scenario:` (docs/calibration.md)");
  }
  const scenario::Calibration& calibration = *scenario.calibration;
  const auto replicates = static_cast<std::size_t>(
      options.replications.value_or(static_cast<int>(calibration.replications)));
  const int fitting_replicates = static_cast<int>(replicates);
  const int all_replicates = fitting_replicates + static_cast<int>(calibration.held_out);
  const std::uint64_t seed = options.seed.value_or(scenario.seed);
  const std::vector<scenario::StylisedFact> targets = calibration_targets(scenario);
  const std::vector<bool> fitted = fitted_targets(scenario, targets);

  calibration::UniformPrior prior;
  for (const auto& factor : calibration.parameters) {
    prior.low.push_back(factor.low);
    prior.high.push_back(factor.high);
  }
  const calibration::AbcSmc abc(prior, {.particles = calibration.particles,
                                        .epsilon_quantile = calibration.quantile,
                                        .max_generations = calibration.generations,
                                        .min_acceptance = calibration.min_acceptance,
                                        .batch = kBatchProposals,
                                        .seed = calibration.seed});

  CalibrationResult result;
  result.database = experiment_database_path(
      options.out_dir.value_or(default_calibration_folder(scenario.name)), scenario);
  const ThreadLimit thread_limit(options.threads);
  const int threads = thread_limit.threads();
  const model::Config* const config = &scenario.config;
  // Each proposal runs in the base and in every arm a paired target names.
  const std::size_t runs_per_proposal = replicates * (1 + paired_arm_names(scenario).size());
  const std::size_t first_runs = calibration.particles * runs_per_proposal;
  const MemoryEstimate memory = check_experiment_memory(scenario, {&config, 1}, first_runs,
                                                        targets.size(), threads, false, log, 0);
  const model::Country country = scenario::load_country(scenario);
  const DatabaseShape shape{first_runs, 0, country.region_count(), false};
  if (options.dry_run) {
    print_dry_run(scenario, targets, replicates, runs_per_proposal, fitted, result.database, out);
    print_estimates(out, scenario.config, country, seed, first_runs, threads, memory);
    return result;
  }
  const bool overwrite = options.overwrite && dispatch.owns_calibration();
  prepare_experiment_database(result.database, shape, overwrite, log);
  if (overwrite) remove_rank_databases(result.database);
  const nlohmann::json recorded = calibration_json(calibration, replicates);
  // The manifest records every setting; the stopping rules and the held-out runs are left out of
  // the inputs that resuming compares.
  nlohmann::json settings = recorded;
  settings["held_out"] = calibration.held_out;
  settings["generations"] = calibration.generations;
  settings["min_acceptance"] = calibration.min_acceptance;
  store::ResultsDatabase& db = dispatch.open(
      result.database,
      [&](const std::filesystem::path& path) {
        return open_experiment_database(
            path, scenario, country, {{"calibration", settings}}, all_replicates, seed, threads,
            false, {factor_columns(calibration.parameters, "calibrated parameter"), recorded});
      },
      log);
  // Every rank's databases have the same schema: a copy serves each of another rank's.
  const store::Schema schema = db.schema();
  const ReplicationRunner::JudgeRun judge = [&](const Job& /*job*/, store::RunRecord& run) {
    run.target_values = run_target_values(scenario, schema, run);
  };
  const CalibrationDispatch::MakeRunner make_runner = [&](const ProposalBatch& batch,
                                                          store::ResultsDatabase& database) {
    return std::make_unique<ReplicationRunner>(proposal_arms(scenario, batch), country, database,
                                               seed, false, false);
  };
  if (!dispatch.owns_calibration()) {
    const BatchResult served = dispatch.serve(make_runner, log, judge);
    result.runs_written = served.written;
    result.runs_failed = served.failed;
    result.stop_signal = stop_signal();
    return result;
  }
  db.set_manifest("complete", false);

  ProposalRuns runs(scenario, db, dispatch, make_runner, judge, log);
  // The values of the current generation's proposals, by index, for the distances and the
  // predictive shares; the targets informative, and their spreads, once the prior's runs are in.
  std::map<std::uint32_t, ProposalValues> values;
  std::vector<bool> distance_targets;  // fitted and informative; empty in generation 0
  std::vector<double> spreads;
  const calibration::Simulate simulate = [&](std::span<const calibration::Proposal> batch) {
    ProposalBatch proposals;
    for (const auto& proposal : batch) {
      proposals.names.push_back(proposal_name(proposal.generation, proposal.index));
      proposals.thetas.emplace_back(proposal.theta.begin(), proposal.theta.end());
    }
    auto batch_values = runs.run(proposals, 0, fitting_replicates);
    std::vector<double> distances;
    for (std::size_t b = 0; b < batch.size(); ++b) {
      // Generation 0 accepts every draw; its distances are set once the informative targets
      // and the spreads are known.
      distances.push_back(
          distance_targets.empty()
              ? 0.0
              : distance(targets, batch_values[b], distance_targets, spreads, replicates));
      values[batch[b].index] = std::move(batch_values[b]);
    }
    return distances;
  };
  // The values of a generation's particles, in particle order.
  const auto particle_values = [&](const calibration::Generation& g) {
    std::vector<ProposalValues> kept;
    for (const std::uint32_t index : g.indices) kept.push_back(values.at(index));
    return kept;
  };

  store::CalibrationTables tables;
  for (const auto& factor : calibration.parameters) {
    tables.parameter_columns.push_back(factor.column);
  }
  std::vector<calibration::Generation> generations;
  std::vector<double> held_out_met;  // of each final particle; empty without held-out runs
  try {
    auto started = std::chrono::steady_clock::now();
    const auto seconds_since = [&] {
      const auto now = std::chrono::steady_clock::now();
      const double seconds = std::chrono::duration<double>(now - started).count();
      started = now;
      return seconds;
    };
    generations.push_back(abc.first(simulate));
    // The prior predictive shares: a target most runs meet under the prior constrains nothing.
    const std::vector<ProposalValues> prior_values = particle_values(generations[0]);
    tables.targets = prior_target_rows(targets, fitted, prior_values);
    spreads = target_spreads(targets, prior_values);
    distance_targets.assign(targets.size(), false);
    for (std::size_t t = 0; t < targets.size(); ++t) {
      distance_targets[t] = tables.targets[t].fitted && tables.targets[t].informative;
    }
    calibration::Generation& first = generations[0];
    for (std::size_t p = 0; p < prior_values.size(); ++p) {
      first.distances[p] =
          distance(targets, prior_values[p], distance_targets, spreads, replicates);
    }
    log_generation(first, runs_per_proposal, seconds_since(), log);
    if (std::none_of(distance_targets.begin(), distance_targets.end(), [](bool b) { return b; })) {
      log << "policysim: every fitted target is met in most runs under the prior already, so "
             "the targets constrain nothing: the posterior is the prior\n";
    } else {
      while (!abc.done(generations.back())) {
        values.clear();
        generations.push_back(abc.next(generations.back(), simulate));
        log_generation(generations.back(), runs_per_proposal, seconds_since(), log);
      }
    }
    const calibration::Generation& last = generations.back();
    std::vector<ProposalValues> held_out;
    if (calibration.held_out > 0) {
      ProposalBatch particles;
      for (Eigen::Index p = 0; p < last.particles.rows(); ++p) {
        particles.names.push_back(
            proposal_name(last.number, last.indices[static_cast<std::size_t>(p)]));
        particles.thetas.emplace_back(last.particles.row(p).begin(), last.particles.row(p).end());
      }
      held_out = runs.run(particles, fitting_replicates, all_replicates);
    }
    add_posterior_shares(targets, last.weights, particle_values(last), held_out, tables.targets);
    held_out_met = informative_targets_met(targets, tables.targets, held_out);
    dispatch.finish();
  } catch (const Stopped& stopped) {
    dispatch.finish();
    mark_interrupted(db, stopped.signal);
    log << "policysim: stopped by " << signal_name(stopped.signal) << " after " << runs.written()
        << " new runs; the runs stored are kept, and the same command "
        << "replays them and goes on from where it stopped\n";
    result.runs_written = runs.written();
    result.runs_reused = runs.reused();
    result.stop_signal = stopped.signal;
    return result;
  }

  for (const auto& g : generations) {
    tables.generations.push_back({g.number, g.epsilon, g.particles.rows(),
                                  static_cast<std::int64_t>(g.proposals), g.acceptance(),
                                  g.effective_sample_size()});
    for (Eigen::Index p = 0; p < g.particles.rows(); ++p) {
      const auto i = static_cast<std::size_t>(p);
      tables.particles.push_back(
          {g.number, p, proposal_name(g.number, g.indices[i]), g.weights[i], g.distances[i],
           std::vector<double>(g.particles.row(p).begin(), g.particles.row(p).end())});
      if (&g == &generations.back() && !held_out_met.empty()) {
        tables.particles.back().held_out_targets_met = held_out_met[i];
      }
    }
  }
  tables.parameters = posterior_parameters(calibration, generations.back());
  store::write_calibration(db.path(), tables);
  db.set_manifest("finished_at", utc_now());
  db.set_manifest("complete", true);
  print_calibration(out, scenario.name, tables, replicates, calibration.held_out);
  out << "results: " << result.database.string() << '\n';
  result.generations = generations.size();
  result.runs_written = runs.written();
  result.runs_reused = runs.reused();
  result.runs_failed = runs.failed();
  if (result.runs_reused > 0) {
    log << "policysim: reused " << result.runs_reused << " runs already in "
        << result.database.string() << '\n';
  }
  return result;
}

}  // namespace policysim::runner
