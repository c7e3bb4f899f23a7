#include "sim/runner/sweep_targets.hpp"

#include <limits>
#include <optional>

#include "sim/runner/stylised_facts.hpp"
#include "sim/runner/sweep_points.hpp"

namespace policysim::runner {

std::string target_share_outcome(const scenario::StylisedFact& target) {
  return "target: " + target.name;
}

std::vector<store::TargetValue> run_target_values(const scenario::Scenario& scenario,
                                                  const store::Schema& schema,
                                                  const store::RunRecord& run) {
  const std::vector<double> statistics = run_target_statistics(scenario, schema, run);
  std::vector<store::TargetValue> values;
  for (std::size_t t = 0; t < scenario.targets.size(); ++t) {
    const scenario::StylisedFact& target = scenario.targets[t];
    double value = statistics[t];
    if (target.stat == scenario::StylisedFactStat::outcome) {
      value = run.outcomes.at(outcome_column(schema.outcomes, target.metric));
    }
    values.push_back({target.name, value});
  }
  // A paired target's value of each run, the base's or an arm's, is its own statistic (minus
  // its statistic of `minus`); the pairs are formed when the runs are read back.
  const auto statistic = [&](const scenario::StylisedFact& target, const std::string& metric) {
    if (target.stat == scenario::StylisedFactStat::outcome) {
      return run.outcomes.at(outcome_column(schema.outcomes, metric));
    }
    return target_statistic(target, series_of_run(schema, run, metric), scenario.config.start);
  };
  for (const scenario::StylisedFact& target : scenario.paired_targets) {
    double value = statistic(target, target.metric);
    if (!target.minus.empty()) value -= statistic(target, target.minus);
    values.push_back({target.name, value});
  }
  return values;
}

SweepTargets sweep_targets(const scenario::Scenario& scenario,
                           const store::ResultsDatabase& database, std::size_t points, int reps) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  SweepTargets result;
  for (const scenario::StylisedFact& target : scenario.targets) {
    std::vector<double> shares(points, kNaN);
    std::size_t runs = 0, known = 0, in_range = 0;
    std::optional<store::ResultsDatabase::OutcomeCondition> given;
    if (target.given) given = {target.given->outcome, target.given->low, target.given->high};
    database.visit_target_counts(target.name, target.low, target.high, reps, given,
                                 [&](const store::ResultsDatabase::TargetCount& count) {
                                   runs += count.runs;
                                   known += count.known;
                                   in_range += count.in_range;
                                   const auto point = point_of_name(count.arm, points);
                                   if (point && count.known == count.runs) {
                                     shares[*point] = static_cast<double>(count.in_range) /
                                                      static_cast<double>(count.runs);
                                   }
                                 });
    StylisedFactResult judged{target, {}};
    // A share over some of the runs would read as a share over all of them.
    // With a condition, the runs are those that meet it; none meeting it says nothing (NaN).
    judged.share_in_range = known < runs                ? kNaN
                            : runs == 0 && target.given ? kNaN
                            : runs == 0                 ? 0.0
                                        : static_cast<double>(in_range) / static_cast<double>(runs);
    judged.runs_judged = runs;
    judged.met = known == runs && judged.share_in_range >= target.share;
    result.verdicts.push_back(target_rows({judged}, {}).front());
    result.shares.push_back(std::move(shares));
    result.unknown.push_back(runs - known);
  }
  return result;
}

}  // namespace policysim::runner
