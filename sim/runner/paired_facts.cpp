#include "sim/runner/paired_facts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <ostream>
#include <string>
#include <tuple>

#include "sim/runner/paired_statistics.hpp"
#include "sim/runner/stylised_facts.hpp"

namespace policysim::runner {

std::vector<std::string> paired_arm_names(const scenario::Scenario& scenario) {
  std::vector<std::string> names;
  for (const auto& target : scenario.paired_targets) names.push_back(target.arm);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

std::vector<double> paired_values(const scenario::StylisedFact& target, std::span<const double> arm,
                                  std::span<const double> base) {
  if (target.minus.empty()) return paired_differences(arm, base);
  std::vector<double> values;
  for (const double v : arm) {
    if (std::isfinite(v)) values.push_back(v);
  }
  return values;
}

PairedFactResult judge_paired(const scenario::StylisedFact& target, std::vector<double> values) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  PairedFactResult result{target, std::move(values), kNaN, kNaN, kNaN, false};
  if (result.values.empty()) return result;
  double sum = 0.0;
  for (const double v : result.values) sum += v;
  result.mean = sum / static_cast<double>(result.values.size());
  std::tie(result.low, result.high) = t_interval(result.values, 0.95);
  // False for a NaN interval (fewer than two pairs): too few to say.
  result.met = result.low >= target.low && result.high <= target.high;
  return result;
}

std::vector<PairedFactResult> judge_paired_targets(const scenario::Scenario& scenario,
                                                   const store::ResultsDatabase& database,
                                                   std::span<const std::string> arms,
                                                   int replicates) {
  const auto ran = [&](const std::string& arm) {
    return std::find(arms.begin(), arms.end(), arm) != arms.end();
  };
  std::vector<PairedFactResult> results;
  const std::string base_arm(scenario::kBaseArm);
  if (!ran(base_arm)) return results;
  for (const scenario::StylisedFact& target : scenario.paired_targets) {
    if (!ran(target.arm)) continue;
    // The runs read span both arms, whichever name sorts first.
    const std::string first = std::min(base_arm, target.arm);
    const std::string last = std::max(base_arm, target.arm);
    std::map<std::string, std::vector<double>> values;
    database.visit_target_values(
        target.name, {0, replicates, first, last}, std::nullopt,
        [&](const std::string& arm, const std::vector<double>& v) { values[arm] = v; });
    const std::vector<double>& arm = values[target.arm];
    std::vector<double>& base = values[base_arm];
    // Pairs line up replicate by replicate only where both arms have every run.
    if (target.minus.empty() && arm.size() != base.size()) base.clear();
    results.push_back(judge_paired(target, paired_values(target, arm, base)));
  }
  return results;
}

std::vector<store::PairedTargetRow> paired_target_rows(std::span<const PairedFactResult> results) {
  std::vector<store::PairedTargetRow> rows;
  for (const auto& result : results) {
    const scenario::StylisedFact& t = result.target;
    rows.push_back(
        {t.name, t.arm, t.metric, t.minus, std::string(scenario::stylised_fact_stat_name(t.stat)),
         t.window_start ? t.window_start->str() : "", t.window_end ? t.window_end->str() : "",
         t.source, t.low, t.high, static_cast<int>(result.values.size()), result.mean, result.low,
         result.high, result.met});
  }
  return rows;
}

void print_paired_targets(std::ostream& out, std::span<const PairedFactResult> results) {
  int met = 0;
  for (const auto& result : results) {
    const scenario::StylisedFact& t = result.target;
    const std::string what = t.minus.empty()
                                 ? statistic_text(t) + ", " + t.arm + " minus base"
                                 : statistic_text(t) + " minus " + t.minus + ", in " + t.arm;
    char line[768];
    std::snprintf(line, sizeof line,
                  "%-8s %s\n         %s: mean %.4g, 95%% interval [%.4g, %.4g] over %zu pairs; "
                  "needed inside [%g, %g]\n",
                  result.met ? "MET" : "NOT MET", t.name.c_str(), what.c_str(), result.mean,
                  result.low, result.high, result.values.size(), t.low, t.high);
    out << line;
    met += result.met ? 1 : 0;
  }
  out << met << " of " << results.size() << " paired targets met\n";
}

}  // namespace policysim::runner
