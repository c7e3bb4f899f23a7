#include "sim/runner/comparison.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <ostream>

#include "sim/core/hashing.hpp"
#include "sim/model/metrics.hpp"
#include "sim/model/simulation.hpp"
#include "sim/runner/comparison_text.hpp"
#include "sim/runner/database_size.hpp"
#include "sim/runner/dry_run_estimate.hpp"
#include "sim/runner/experiment_database.hpp"
#include "sim/runner/experiment_setup.hpp"
#include "sim/runner/manifest.hpp"
#include "sim/runner/memory_estimate.hpp"
#include "sim/runner/paired_facts.hpp"
#include "sim/runner/paired_statistics.hpp"
#include "sim/runner/programme_regions.hpp"
#include "sim/runner/regional_comparison.hpp"
#include "sim/runner/replications.hpp"
#include "sim/runner/seeds.hpp"
#include "sim/runner/stop_signals.hpp"
#include "sim/runner/sweep_targets.hpp"
#include "sim/runner/thread_limit.hpp"
#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/value_reader.hpp"
#include "sim/store/region_snapshot.hpp"
#include "sim/store/store_error.hpp"

namespace policysim::runner {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// The arms to run, the reference first, with their configurations.
std::vector<ArmConfig> chosen_arms(const scenario::Scenario& scenario,
                                   const std::vector<std::string>& requested,
                                   const std::string& reference) {
  std::vector<ArmConfig> all;
  all.push_back({std::string(scenario::kBaseArm), scenario.config});
  for (const auto& arm : scenario.arms) all.push_back({arm.name, arm.config});
  std::vector<std::string> names;
  names.reserve(all.size());
  for (const auto& arm : all) names.push_back(arm.name);
  if (scenario.arms.empty()) {
    throw UsageError("scenario " + scenario.file.string() +
                     " declares no arms: add `arms:` (docs/compare.md) or use `policysim run`");
  }
  if (std::find(names.begin(), names.end(), reference) == names.end()) {
    throw UsageError(
        scenario::unknown_name_message("arm", reference, names, "arms", "--reference"));
  }
  std::vector<std::string> wanted = requested;
  if (wanted.empty()) wanted = names;
  for (const auto& name : wanted) {
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      throw UsageError(scenario::unknown_name_message("arm", name, names, "arms", "--arms"));
    }
  }
  std::vector<ArmConfig> chosen;
  auto take = [&](const std::string& name) {
    const bool taken = std::any_of(chosen.begin(), chosen.end(),
                                   [&](const ArmConfig& a) { return a.name == name; });
    if (taken) return;
    chosen.push_back(
        *std::find_if(all.begin(), all.end(), [&](const ArmConfig& a) { return a.name == name; }));
  };
  take(reference);
  for (const auto& name : wanted) take(name);
  if (chosen.size() < 2) {
    throw UsageError("--arms names only the reference arm `" + reference +
                     "`; name at least one arm to compare with it");
  }
  return chosen;
}

/// outcome values[arm][outcome][replicate] for replicates [0, replicates), NaN where not stored.
using OutcomeTable = std::vector<std::vector<std::vector<double>>>;

OutcomeTable read_outcomes(const store::ResultsDatabase& db, const std::vector<ArmConfig>& arms,
                           int replicates, std::uint64_t seed) {
  const std::size_t outcomes = model::kOutcomeNames.size();
  OutcomeTable table(
      arms.size(), std::vector<std::vector<double>>(
                       outcomes, std::vector<double>(static_cast<std::size_t>(replicates), kNaN)));
  for (const auto& run : db.runs()) {
    if (run.replicate < 0 || run.replicate >= replicates || run.status != "ok") continue;
    const auto arm = std::find_if(arms.begin(), arms.end(),
                                  [&](const ArmConfig& a) { return a.name == run.arm; });
    if (arm == arms.end()) continue;
    // Pairs are only pairs if both runs drew the same numbers.
    if (run.seed != replicate_seed(seed, run.replicate)) {
      throw store::StoreError(db.path().string() + " holds runs made with another base seed (arm " +
                                  run.arm + ", replicate " + std::to_string(run.replicate) +
                                  "); pass the same --seed, or a new output directory with -o",
                              store::StoreError::cannot_create_output);
    }
    const auto a = static_cast<std::size_t>(arm - arms.begin());
    for (std::size_t o = 0; o < outcomes; ++o) {
      table[a][o][static_cast<std::size_t>(run.replicate)] = run.outcomes.at(o);
    }
  }
  return table;
}

std::vector<store::ComparisonRow> compare_all(const OutcomeTable& table,
                                              const std::vector<ArmConfig>& arms, int replicates,
                                              std::uint64_t seed, int bootstrap_resamples) {
  const std::size_t outcomes = model::kOutcomeNames.size();
  const std::size_t cells = (arms.size() - 1) * outcomes;
  std::vector<store::ComparisonRow> rows(cells);
  const std::string& reference = arms.front().name;
  // Every cell is independent and seeded by its names: parallel, and the same bits at any count.
  tbb::parallel_for(std::size_t{0}, cells, [&](std::size_t cell) {
    const std::size_t a = 1 + cell / outcomes, o = cell % outcomes;
    const std::string outcome(model::kOutcomeNames[o]);
    PairedOptions options;
    options.bootstrap_resamples = bootstrap_resamples;
    options.bootstrap_seed = comparison_seed(seed, arms[a].name, reference, outcome);
    const PairedEffect e = compare_paired(table[a][o], table[0][o], options);
    rows[cell] = {arms[a].name, reference,   outcome,     replicates, e.pairs,  e.mean_arm,
                  e.mean_ref,   e.mean_diff, e.sd_diff,   e.t_low,    e.t_high, e.boot_low,
                  e.boot_high,  e.ratio,     e.effect_dz, e.cohens_d, e.vrf};
  });
  return rows;
}

/// The largest t half-width of `outcome` over the arms (NaN if any arm has fewer than 2 pairs).
double worst_half_width(const OutcomeTable& table, std::size_t outcome,
                        std::vector<double>& per_arm) {
  double worst = 0;
  per_arm.assign(table.size(), kNaN);
  for (std::size_t a = 1; a < table.size(); ++a) {
    const auto d = paired_differences(table[a][outcome], table[0][outcome]);
    const auto [low, high] = t_interval(d, 0.95);
    per_arm[a] = (high - low) / 2;
    if (std::isnan(per_arm[a])) return kNaN;
    worst = std::max(worst, per_arm[a]);
  }
  return worst;
}

std::string number(double value) { return format_fixed(value, 4); }

/// What the printed table needs beside each stored row, counted from the runs: censored values
/// among the pairs and the standard error of the reference mean.
PrintedOutcome printed_outcome(const store::ComparisonRow& row, const OutcomeTable& table,
                               std::size_t arm, std::size_t outcome, double run_length) {
  PrintedOutcome printed{row, std::string(model::kOutcomes[outcome].unit), 0, 0, kNaN};
  const auto& arm_values = table[arm][outcome];
  const auto& ref_values = table[0][outcome];
  std::vector<double> reference;
  for (std::size_t r = 0; r < arm_values.size(); ++r) {
    if (std::isnan(arm_values[r]) || std::isnan(ref_values[r])) continue;
    reference.push_back(ref_values[r]);
    if (is_censored_outcome(row.outcome)) {
      printed.arm_censored += arm_values[r] >= run_length ? 1 : 0;
      printed.ref_censored += ref_values[r] >= run_length ? 1 : 0;
    }
  }
  if (reference.size() >= 2) {
    double mean = 0, squares = 0;
    for (double value : reference) mean += value;
    mean /= static_cast<double>(reference.size());
    for (double value : reference) squares += (value - mean) * (value - mean);
    const auto n = static_cast<double>(reference.size());
    printed.ref_standard_error = std::sqrt(squares / (n - 1) / n);
  }
  return printed;
}

/// Where an arm's programmes differ from the reference's, and the effects there and elsewhere.
struct ProgrammeEffects {
  ProgrammeRegions where;
  std::vector<store::ComparisonRow> rows;  ///< empty without regional series
};

/// "20 regions (Far Eastern 9, Northwestern 11)".
std::string describe_regions(const std::vector<std::uint32_t>& regions,
                             const model::Country& country) {
  std::vector<std::size_t> per_district(country.district_names.size(), 0);
  for (const std::uint32_t r : regions) ++per_district[country.district[r]];
  std::string text =
      std::to_string(regions.size()) + (regions.size() == 1 ? " region" : " regions");
  std::string districts;
  for (std::size_t d = 0; d < per_district.size(); ++d) {
    if (per_district[d] == 0) continue;
    districts.append(districts.empty() ? "" : ", ")
        .append(country.district_names[d])
        .append(" ")
        .append(std::to_string(per_district[d]));
  }
  return districts.empty() ? text : text.append(" (").append(districts).append(")");
}

/// "A, B, C and 5 more".
std::string name_list(const std::vector<std::string>& names) {
  constexpr std::size_t kShown = 4;
  std::string text;
  for (std::size_t i = 0; i < names.size() && i < kShown; ++i) {
    text.append(i == 0 ? "" : ", ").append(names[i]);
  }
  if (names.size() > kShown)
    text.append(" and ").append(std::to_string(names.size() - kShown)).append(" more");
  return text;
}

void print_programme_effects(std::ostream& out, const ProgrammeEffects& effects,
                             const std::string& arm, const std::string& reference,
                             const model::Country& country, int run_length) {
  const auto& where = effects.where;
  if (!where.unfixed.empty()) {
    out << "  targets drawn run by run, not counted below: " << name_list(where.unfixed) << '\n';
  }
  if (where.regions.empty()) return;  // the same programmes, or only drawn targets
  const std::string regions = describe_regions(where.regions, country);
  if (where.regions.size() == country.region_count()) {
    out << "  their programmes differ in every region (" << name_list(where.interventions)
        << "): the table above is the effect where they differ\n";
    return;
  }
  if (effects.rows.empty()) {
    out << "  their programmes (" << name_list(where.interventions) << ") differ in " << regions
        << "; run with --regions for the effects there and elsewhere\n";
    return;
  }
  // Levels on 0-1 compared in place: no censoring, and no ratio (no standard error is kept).
  std::vector<PrintedOutcome> printed;
  for (const auto& row : effects.rows) {
    printed.push_back({row, std::string(regional_outcome_unit(row.outcome)), 0, 0, kNaN});
  }
  print_arm_table(out,
                  arm + " - " + reference + " where their programmes differ (" +
                      name_list(where.interventions) + "): targeted_* over " + regions +
                      ", elsewhere_* over the other " +
                      std::to_string(country.region_count() - where.regions.size()),
                  arm, reference, printed, run_length);
}

void print_table(std::ostream& out, const std::vector<store::ComparisonRow>& rows,
                 const std::vector<ProgrammeEffects>& programmes, const OutcomeTable& table,
                 const std::vector<ArmConfig>& arms, const model::Country& country, int run_length,
                 bool all_outcomes) {
  // The key outcomes in their order, or every outcome in the engine's order.
  std::vector<std::size_t> shown;
  const auto& names = model::kOutcomeNames;
  for (std::size_t o = 0; o < names.size(); ++o) shown.push_back(o);
  if (!all_outcomes) {
    shown.clear();
    for (const auto& key : key_outcomes()) {
      shown.push_back(
          static_cast<std::size_t>(std::find(names.begin(), names.end(), key) - names.begin()));
    }
  }
  const std::string& reference = arms.front().name;
  for (std::size_t a = 1; a < arms.size(); ++a) {
    std::vector<PrintedOutcome> printed;
    for (const std::size_t o : shown) {
      const auto& row = rows[(a - 1) * names.size() + o];
      printed.push_back(printed_outcome(row, table, a, o, run_length));
    }
    print_arm_table(out, arms[a].name + " - " + reference, arms[a].name, reference, printed,
                    run_length);
    print_programme_effects(out, programmes[a - 1], arms[a].name, reference, country, run_length);
  }
  print_column_notes(out);
}

void print_dry_run(const scenario::Scenario& scenario, const model::Country& country,
                   const std::vector<ArmConfig>& arms, int reps, std::uint64_t seed,
                   const CompareOptions& options, int threads, const MemoryEstimate& memory,
                   const std::filesystem::path& database, std::ostream& out) {
  out << scenario::describe(scenario) << '\n';
  out << "reference arm: " << arms.front().name << '\n';
  for (const auto& arm : arms) {
    out << "arm " << arm.name << ": " << arm.config.donors.size() << " donors, "
        << arm.config.interventions.size() << " interventions";
    if (arm.name != scenario::kBaseArm) {
      const auto it = std::find_if(scenario.arms.begin(), scenario.arms.end(),
                                   [&](const scenario::Arm& a) { return a.name == arm.name; });
      for (const auto& [name, value] : it->parameters) {
        const auto base = scenario.parameters.find(name);
        if (base == scenario.parameters.end() || base->second != value) {
          out << ", " << name << " = " << scenario::format_number(value);
        }
      }
      if (!it->description.empty()) out << " (" << it->description << ")";
    }
    out << '\n';
  }
  out << "runs: " << arms.size() << " arms x " << reps << " replicates = " << arms.size() * reps
      << " runs, seeds from " << seed << " (replicate r has the same seed in every arm)\n";
  if (options.precision) {
    out << "adaptive: batches of " << options.batch << " replicates until the 95% t half-width of "
        << options.outcome << " is at most " << scenario::format_number(*options.precision)
        << " for every arm, at most " << options.max_replications << " replicates\n";
  }
  out << "into " << database.string() << '\n';
  print_estimates(out, scenario.config, country, seed, arms.size() * static_cast<std::size_t>(reps),
                  threads, memory);
}

}  // namespace

const std::vector<std::string>& key_outcomes() {
  static const std::vector<std::string> keys = {
      "final_mean_law",    "final_mean_victim",    "final_mean_multi",    "final_mean_unit",
      "final_adopted_law", "final_adopted_victim", "final_adopted_multi", "final_adopted_unit",
      "peak_resistance",   "final_resistance",     "law_passed_year",     "z1_year",
      "total_cases",       "total_convictions"};
  return keys;
}

std::uint64_t comparison_seed(std::uint64_t base_seed, const std::string& arm,
                              const std::string& reference, const std::string& outcome) {
  std::uint64_t hash = core::kFnv1a64Offset ^ base_seed;
  hash = core::fnv1a_64(arm, hash);
  hash = core::fnv1a_64("\x1f" + reference, hash);
  hash = core::fnv1a_64("\x1f" + outcome, hash);
  return replicate_seed(hash, 0);  // a final mix
}

CompareResult run_comparison(const CompareOptions& options, std::ostream& out, std::ostream& log) {
  const auto scenario = read_experiment_scenario(options.scenario_file, log);
  const auto arms =
      chosen_arms(scenario, options.arms, options.reference.value_or(scenario.reference));
  std::size_t precision_outcome = 0;
  if (options.precision) {
    std::vector<std::string> names(model::kOutcomeNames.begin(), model::kOutcomeNames.end());
    const auto it = std::find(names.begin(), names.end(), options.outcome);
    if (options.outcome.empty()) throw UsageError("--precision needs --outcome NAME");
    if (it == names.end()) {
      throw UsageError(scenario::unknown_name_message("outcome", options.outcome, names, "outcomes",
                                                      "--outcome"));
    }
    if (!(*options.precision > 0)) throw UsageError("--precision must be above 0");
    precision_outcome = static_cast<std::size_t>(it - names.begin());
  }
  if (options.batch < 1 || options.max_replications < 2) {
    throw UsageError("--batch must be at least 1 and --max-reps at least 2");
  }
  const std::uint64_t seed = options.seed.value_or(scenario.seed);
  // Adaptive: start from --reps, else one batch; otherwise --reps or the scenario's replications.
  int reps = options.replications.value_or(
      options.precision ? options.batch : static_cast<int>(scenario.replications));
  if (options.precision) reps = std::min(std::max(reps, 2), options.max_replications);
  CompareResult result;
  result.database = experiment_database_path(options.out_dir, scenario);
  result.reference = arms.front().name;
  for (const auto& arm : arms) result.arms.push_back(arm.name);

  const ThreadLimit thread_limit(options.threads);
  const int threads = thread_limit.threads();
  const int most_reps = options.precision ? options.max_replications : reps;
  std::vector<const model::Config*> arm_configs;
  arm_configs.reserve(arms.size());
  for (const auto& arm : arms) arm_configs.push_back(&arm.config);
  const MemoryEstimate memory = check_experiment_memory(
      scenario, arm_configs, arms.size() * static_cast<std::size_t>(most_reps), 0, threads,
      options.region_series, log);
  const model::Country country = scenario::load_country(scenario);
  const DatabaseShape shape{arms.size() * static_cast<std::size_t>(most_reps),
                            static_cast<std::size_t>(scenario.config.tick_count()),
                            country.region_count(), options.region_series};
  if (options.dry_run) {
    print_dry_run(scenario, country, arms, reps, seed, options, threads, memory, result.database,
                  out);
    out << database_size_line(shape) << '\n';
    return result;
  }
  prepare_experiment_database(result.database, shape, options.overwrite, log);

  nlohmann::json extra;
  extra["compare_reference"] = result.reference;
  extra["compare_arms"] = result.arms;
  auto db = open_experiment_database(result.database, scenario, country, extra, reps, seed, threads,
                                     options.region_series);
  ReplicationRunner runner(arms, country, db, seed, options.region_series);
  // Paired targets read each run's statistics back from the database: store them with the runs.
  ReplicationRunner::JudgeRun judge;
  if (!scenario.paired_targets.empty()) {
    judge = [&](const Job& /*job*/, store::RunRecord& run) {
      run.target_values = run_target_values(scenario, db.schema(), run);
    };
  }

  // Each step looks only at replicates [0, reps), so the step at which the precision is reached,
  // and the final table, do not depend on what an interrupted earlier invocation stored.
  std::vector<double> half_widths;
  double worst = kNaN;
  int covered = 0;  // replicates whose jobs have been looked at
  // Until the comparisons are written, an export of this database must say they are not made.
  db.set_manifest("complete", false);
  while (true) {
    const auto jobs = runner.missing_jobs(reps);
    const int new_jobs = static_cast<int>(arms.size()) * (reps - covered);
    result.runs_reused += std::max(0, new_jobs - static_cast<int>(jobs.size()));
    covered = reps;
    const BatchResult batch = runner.run(jobs, options.quiet, log, judge);
    result.runs_written += batch.written;
    result.runs_failed += batch.failed;
    if (const int signal = stop_signal()) {
      const std::size_t asked = arms.size() * static_cast<std::size_t>(reps);
      const std::size_t missing =
          jobs.size() - static_cast<std::size_t>(batch.written + batch.failed_stored);
      report_interrupted(db, signal, asked - missing, asked, log);
      result.stop_signal = signal;
      return result;
    }
    if (!options.precision) break;
    const auto table = read_outcomes(db, arms, reps, seed);
    worst = worst_half_width(table, precision_outcome, half_widths);
    if (!options.quiet) {
      log << "policysim: " << reps << " replicates: largest half-width of " << options.outcome
          << " is " << number(worst) << " (target " << number(*options.precision) << ")\n";
    }
    if (worst <= *options.precision) {
      result.precision_reached = true;
      break;
    }
    if (reps >= options.max_replications) break;
    reps = std::min(reps + options.batch, options.max_replications);
  }
  result.replicates = reps;
  if (result.runs_reused > 0) {
    log << "policysim: reused " << result.runs_reused << " runs already in "
        << result.database.string() << '\n';
  }
  db.set_manifest("finished_at", utc_now());
  db.set_manifest("compare_replicates", reps);
  db.set_manifest("compare_bootstrap_resamples", options.bootstrap_resamples);

  const auto table = read_outcomes(db, arms, reps, seed);
  result.rows = compare_all(table, arms, reps, seed, options.bootstrap_resamples);
  // Where the arms' programmes differ: the effects there and elsewhere, from the regional series.
  std::vector<std::string> regional_metrics;
  for (const auto& regional : regional_outcomes()) {
    regional_metrics.emplace_back(model::kRegionMetrics[model::column(regional.metric)].name);
  }
  const auto snapshots =
      store::read_region_snapshots(result.database, scenario.config.tick_count() - 1,
                                   regional_metrics, country.region_count(), reps);
  std::vector<ProgrammeEffects> programmes;
  for (std::size_t a = 1; a < arms.size(); ++a) {
    ProgrammeEffects effects{programme_regions(arms[a].config, arms[0].config, country), {}};
    if (!snapshots.empty() && !effects.where.regions.empty()) {
      effects.rows =
          compare_over_regions(snapshots, arms[a].name, arms[0].name, effects.where.regions,
                               country.region_count(), reps, seed, options.bootstrap_resamples);
      result.rows.insert(result.rows.end(), effects.rows.begin(), effects.rows.end());
    }
    programmes.push_back(std::move(effects));
  }
  store::write_comparisons(result.database, result.rows);
  const auto paired = judge_paired_targets(scenario, db, result.arms, reps);
  if (!scenario.paired_targets.empty()) {
    store::write_paired_targets(result.database, paired_target_rows(paired));
  }
  db.set_manifest("complete", true);

  out << '\n'
      << scenario.name << ": " << arms.size() << " arms x " << reps
      << " replicates on common random numbers, reference " << result.reference
      << "; mean paired differences (arm - reference) with 95% intervals\n";
  if (options.precision) {
    out << (result.precision_reached ? "precision reached: " : "precision NOT reached: ")
        << "largest 95% t half-width of " << options.outcome << " is " << number(worst)
        << " (target " << number(*options.precision) << ") after " << reps << " replicates per arm"
        << (result.precision_reached ? "" : " (the cap, --max-reps)") << '\n';
  }
  print_table(out, result.rows, programmes, table, arms, country, scenario.config.tick_count(),
              options.all_outcomes);
  if (!paired.empty()) {
    out << "\nPaired targets (arm against base, replicates 0 to " << reps - 1 << ")\n";
    print_paired_targets(out, paired);
  }
  out << "results: " << result.database.string()
      << (paired.empty() ? " (table `comparisons`)\n"
                         : " (tables `comparisons` and `paired_targets`)\n");
  if (result.runs_failed > 0) {
    log << "policysim: " << result.runs_failed
        << " runs failed; the others are stored. Re-run the same command to retry them.\n";
  }
  return result;
}

}  // namespace policysim::runner
