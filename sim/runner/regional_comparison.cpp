#include "sim/runner/regional_comparison.hpp"

#include <limits>

#include "sim/runner/comparison.hpp"
#include "sim/runner/paired_statistics.hpp"

namespace policysim::runner {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr const char* kTargetedPrefix = "targeted_";
constexpr const char* kElsewherePrefix = "elsewhere_";

/// Mean of metric `m` over `regions` in one snapshot (NaN if any value is missing).
double mean_over(const store::RegionSnapshot& snapshot, std::size_t m, std::size_t metrics,
                 const std::vector<std::uint32_t>& regions) {
  double sum = 0;
  for (const std::uint32_t r : regions) sum += snapshot.values[r * metrics + m];
  return sum / static_cast<double>(regions.size());
}

}  // namespace

const std::vector<RegionalOutcome>& regional_outcomes() {
  using model::Outcome, model::RegionMetric;
  static const std::vector<RegionalOutcome> outcomes = {
      {RegionMetric::a_law, Outcome::final_mean_law},
      {RegionMetric::a_victim, Outcome::final_mean_victim},
      {RegionMetric::a_multi, Outcome::final_mean_multi},
      {RegionMetric::a_unit, Outcome::final_mean_unit},
      {RegionMetric::rho, Outcome::final_resistance}};
  return outcomes;
}

std::string_view regional_outcome_unit(std::string_view row_outcome) {
  for (const auto prefix :
       {std::string_view(kTargetedPrefix), std::string_view(kElsewherePrefix)}) {
    if (!row_outcome.starts_with(prefix)) continue;
    for (const auto& described : model::kOutcomes) {
      if (described.name == row_outcome.substr(prefix.size())) return described.unit;
    }
  }
  return {};
}

std::vector<store::ComparisonRow> compare_over_regions(
    const std::vector<store::RegionSnapshot>& snapshots, const std::string& arm,
    const std::string& reference, const std::vector<std::uint32_t>& regions,
    std::size_t region_count, int replicates, std::uint64_t seed, int bootstrap_resamples) {
  std::vector<std::uint32_t> others;
  for (std::uint32_t r = 0, next = 0; r < region_count; ++r) {
    if (next < regions.size() && regions[next] == r) {
      ++next;
    } else {
      others.push_back(r);
    }
  }
  const auto& outcomes = regional_outcomes();
  const std::size_t metrics = outcomes.size();
  std::vector<store::ComparisonRow> rows;
  for (const auto& [prefix, set] :
       {std::pair{kTargetedPrefix, &regions}, {kElsewherePrefix, &others}}) {
    if (set->empty()) continue;
    for (std::size_t m = 0; m < metrics; ++m) {
      const auto count = static_cast<std::size_t>(replicates);
      std::vector<double> arm_values(count, kNaN), ref_values(count, kNaN);
      for (const auto& snapshot : snapshots) {
        const auto r = static_cast<std::size_t>(snapshot.replicate);
        if (snapshot.arm == arm) arm_values[r] = mean_over(snapshot, m, metrics, *set);
        if (snapshot.arm == reference) ref_values[r] = mean_over(snapshot, m, metrics, *set);
      }
      std::string outcome = prefix;
      outcome.append(model::kOutcomes[model::column(outcomes[m].outcome)].name);
      PairedOptions options;
      options.bootstrap_resamples = bootstrap_resamples;
      options.bootstrap_seed = comparison_seed(seed, arm, reference, outcome);
      const PairedEffect e = compare_paired(arm_values, ref_values, options);
      rows.push_back({arm, reference, outcome, replicates, e.pairs, e.mean_arm, e.mean_ref,
                      e.mean_diff, e.sd_diff, e.t_low, e.t_high, e.boot_low, e.boot_high, e.ratio,
                      e.effect_dz, e.cohens_d, e.vrf});
    }
  }
  return rows;
}

}  // namespace policysim::runner
