#include "sim/runner/sweep_targets.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace policysim::runner {

std::string target_share_outcome(const scenario::Target& target) {
  return "target: " + target.name;
}

SweepTargets sweep_targets(const scenario::Scenario& scenario,
                           const std::vector<std::string>& outcome_columns,
                           const std::vector<store::StoredRun>& runs,
                           const std::vector<std::vector<double>>& computed_by_run,
                           const std::map<std::string, std::map<std::int64_t, double>>& stored) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  SweepTargets result;
  for (std::size_t t = 0; t < scenario.targets.size(); ++t) {
    const scenario::Target& target = scenario.targets[t];
    std::vector<double> values(runs.size(), kNaN);
    std::vector<bool> known(runs.size(), false);
    const auto stored_values = stored.find(target.name);
    for (std::size_t i = 0; i < runs.size(); ++i) {
      if (target.stat == scenario::TargetStat::outcome) {
        const auto column = static_cast<std::size_t>(
            std::find(outcome_columns.begin(), outcome_columns.end(), target.metric) -
            outcome_columns.begin());
        values[i] = runs[i].outcomes.at(column);
        known[i] = true;
      } else if (!computed_by_run[i].empty()) {
        values[i] = computed_by_run[i][t];
        known[i] = true;
      } else if (stored_values != stored.end()) {
        if (const auto it = stored_values->second.find(runs[i].run_id);
            it != stored_values->second.end()) {
          values[i] = it->second;
          known[i] = true;
        }
      }
    }
    std::vector<double> known_values;
    for (std::size_t i = 0; i < runs.size(); ++i) {
      if (known[i]) known_values.push_back(values[i]);
    }
    std::vector<double> known_given;
    const std::vector<double> given = given_values(target, outcome_columns, runs);
    for (std::size_t i = 0; i < given.size(); ++i) {
      if (known[i]) known_given.push_back(given[i]);
    }
    TargetResult judged = judge(target, known_values, known_given);
    judged.values = std::move(values);
    if (known_values.size() < runs.size()) {
      // A share over some of the runs would read as a share over all of them.
      judged.share_in_range = kNaN;
      judged.met = false;
    }
    result.results.push_back(std::move(judged));
    result.unknown.push_back(runs.size() - known_values.size());
    result.known.push_back(std::move(known));
  }
  return result;
}

std::vector<std::vector<double>> point_target_shares(const SweepTargets& targets,
                                                     const std::vector<store::StoredRun>& runs,
                                                     const std::vector<std::string>& point_names) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  std::map<std::string, std::size_t> point_of;
  for (std::size_t p = 0; p < point_names.size(); ++p) point_of.emplace(point_names[p], p);
  std::vector<std::vector<double>> shares;
  for (std::size_t t = 0; t < targets.results.size(); ++t) {
    const TargetResult& result = targets.results[t];
    std::vector<double> inside(point_names.size(), 0.0), count(point_names.size(), 0.0);
    std::vector<bool> complete(point_names.size(), true);
    for (std::size_t i = 0; i < runs.size(); ++i) {
      const auto it = point_of.find(runs[i].arm);
      if (it == point_of.end()) continue;
      const std::size_t p = it->second;
      if (!targets.known[t][i]) complete[p] = false;
      const double value = result.values[i];
      // A NaN value (the statistic undefined in the run) is outside, as share_in_range has it.
      inside[p] += value >= result.target.low && value <= result.target.high ? 1.0 : 0.0;
      count[p] += 1.0;
    }
    std::vector<double> point_shares(point_names.size());
    for (std::size_t p = 0; p < point_names.size(); ++p) {
      point_shares[p] = count[p] == 0.0 || !complete[p] ? kNaN : inside[p] / count[p];
    }
    shares.push_back(std::move(point_shares));
  }
  return shares;
}

}  // namespace policysim::runner
