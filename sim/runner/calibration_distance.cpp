#include "sim/runner/calibration_distance.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>

#include "sim/calibration/weighted_sample.hpp"
#include "sim/runner/paired_facts.hpp"

namespace policysim::runner {
namespace {

bool in_range(const scenario::StylisedFact& target, double value) {
  return value >= target.low && value <= target.high;  // false for NaN
}

double median(std::vector<double> values) {
  const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  if (values.size() % 2 == 1) return *middle;
  const double upper = *middle;
  return 0.5 * (*std::max_element(values.begin(), middle) + upper);
}

}  // namespace

std::vector<scenario::StylisedFact> calibration_targets(const scenario::Scenario& scenario) {
  std::vector<scenario::StylisedFact> targets = scenario.targets;
  targets.insert(targets.end(), scenario.paired_targets.begin(), scenario.paired_targets.end());
  return targets;
}

std::string paired_run_arm(const std::string& proposal, const std::string& arm) {
  return proposal + "+" + arm;
}

std::vector<ProposalValues> read_proposal_values(const scenario::Scenario& scenario,
                                                 const store::ResultsDatabase& database,
                                                 std::span<const std::string> proposals,
                                                 int first_replicate, int end_replicate) {
  const std::vector<scenario::StylisedFact> targets = calibration_targets(scenario);
  std::vector<ProposalValues> result(proposals.size());
  for (auto& proposal : result) proposal.targets.resize(targets.size());
  if (proposals.empty() || targets.empty()) return result;
  // Every arm whose runs are read, in name order: each proposal's own, then its runs in the
  // arms paired targets name.
  std::vector<std::string> arms_read(proposals.begin(), proposals.end());
  for (const auto& proposal : proposals) {
    for (const auto& target : scenario.paired_targets) {
      arms_read.push_back(paired_run_arm(proposal, target.arm));
    }
  }
  std::sort(arms_read.begin(), arms_read.end());
  arms_read.erase(std::unique(arms_read.begin(), arms_read.end()), arms_read.end());
  const store::ResultsDatabase::RunSelection runs{first_replicate, end_replicate, arms_read.front(),
                                                  arms_read.back()};
  // The values of each arm read, by name; the arms between the first and the last may include
  // others (of another batch, whose names sort between), which are left out.
  using ArmValues = std::map<std::string, std::vector<double>>;
  const auto read = [&](const std::string& target,
                        const std::optional<store::ResultsDatabase::OutcomeCondition>& given) {
    ArmValues values;
    database.visit_target_values(
        target, runs, given, [&](const std::string& arm, const std::vector<double>& v) {
          if (std::binary_search(arms_read.begin(), arms_read.end(), arm)) {
            values[arm] = v;
          }
        });
    return values;
  };
  const auto of = [](const ArmValues& values, const std::string& arm) {
    const auto it = values.find(arm);
    return it == values.end() ? std::vector<double>{} : it->second;
  };
  for (std::size_t t = 0; t < targets.size(); ++t) {
    const scenario::StylisedFact& target = targets[t];
    std::optional<store::ResultsDatabase::OutcomeCondition> given;
    if (target.given) given = {target.given->outcome, target.given->low, target.given->high};
    const ArmValues values = read(target.name, given);
    for (std::size_t p = 0; p < proposals.size(); ++p) {
      result[p].targets[t] =
          target.paired()
              ? paired_values(target, of(values, paired_run_arm(proposals[p], target.arm)),
                              of(values, proposals[p]))
              : of(values, proposals[p]);
    }
  }
  // Every run with results: as a target without a condition reads them, the fewest of any arm.
  const ArmValues all = read(targets.front().name, std::nullopt);
  for (std::size_t p = 0; p < proposals.size(); ++p) {
    result[p].runs = of(all, proposals[p]).size();
    for (const auto& target : scenario.paired_targets) {
      result[p].runs =
          std::min(result[p].runs, of(all, paired_run_arm(proposals[p], target.arm)).size());
    }
  }
  return result;
}

double share_met(const scenario::StylisedFact& target, const std::vector<double>& values) {
  if (target.paired()) return judge_paired(target, values).met ? 1.0 : 0.0;
  if (values.empty()) return 0.0;
  const auto met =
      std::count_if(values.begin(), values.end(), [&](double v) { return in_range(target, v); });
  return static_cast<double>(met) / static_cast<double>(values.size());
}

std::vector<double> target_spreads(std::span<const scenario::StylisedFact> targets,
                                   std::span<const ProposalValues> prior) {
  std::vector<double> spreads;
  for (std::size_t t = 0; t < targets.size(); ++t) {
    std::vector<double> values;
    for (const auto& proposal : prior) {
      for (const double v : proposal.targets[t]) {
        if (std::isfinite(v)) values.push_back(v);
      }
    }
    double spread = 0.0;
    if (!values.empty()) {
      const double centre = median(values);
      for (double& v : values) v = std::abs(v - centre);
      spread = median(values);
    }
    const scenario::StylisedFact& target = targets[t];
    const double width = target.high - target.low;
    if (!(spread > 0.0)) spread = std::isfinite(width) && width > 0.0 ? width : 1.0;
    spreads.push_back(spread);
  }
  return spreads;
}

double target_excess(const scenario::StylisedFact& target, const std::vector<double>& values,
                     double spread) {
  if (target.paired()) {
    const PairedFactResult judged = judge_paired(target, values);
    if (std::isnan(judged.low) || std::isnan(judged.high)) return kMaxExcess;
    return std::min(std::max({0.0, target.low - judged.low, judged.high - target.high}) / spread,
                    kMaxExcess);
  }
  if (values.empty()) return kMaxExcess;
  std::vector<double> excess;
  excess.reserve(values.size());
  for (const double v : values) {
    const double outside = std::max({0.0, target.low - v, v - target.high}) / spread;
    excess.push_back(std::isnan(v) ? kMaxExcess : std::min(outside, kMaxExcess));
  }
  // The ceil(share x n)-th smallest: zero when that many values lie in the range.
  const double wanted = std::ceil(target.share * static_cast<double>(values.size()) - 1e-9);
  const auto rank =
      static_cast<std::size_t>(std::clamp(wanted, 1.0, static_cast<double>(values.size())));
  const auto nth = excess.begin() + static_cast<std::ptrdiff_t>(rank - 1);
  std::nth_element(excess.begin(), nth, excess.end());
  return *nth;
}

double distance(std::span<const scenario::StylisedFact> targets, const ProposalValues& proposal,
                const std::vector<bool>& fitted, const std::vector<double>& spreads,
                std::size_t replicates) {
  if (proposal.runs < replicates) return std::numeric_limits<double>::quiet_NaN();
  double sum = 0.0;
  for (std::size_t t = 0; t < targets.size(); ++t) {
    if (fitted[t]) sum += target_excess(targets[t], proposal.targets[t], spreads[t]);
  }
  return sum;
}

PredictiveShare predictive_share(const scenario::StylisedFact& target,
                                 std::span<const ProposalValues> proposals,
                                 std::span<const double> weights, std::size_t target_index) {
  double judged = 0.0, met = 0.0;
  std::vector<double> shares, share_weights;
  for (std::size_t p = 0; p < proposals.size(); ++p) {
    const std::vector<double>& values = proposals[p].targets[target_index];
    const double share = share_met(target, values);
    // A paired target is met or not by each proposal: each counts once.
    const double runs = target.paired() ? 1.0 : static_cast<double>(values.size());
    judged += weights[p] * runs;
    met += weights[p] * share * runs;
    if (!values.empty() && weights[p] > 0.0) {
      shares.push_back(share);
      share_weights.push_back(weights[p]);
    }
  }
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  if (shares.empty()) return {kNaN, kNaN, kNaN};
  return {met / judged, calibration::weighted_quantile(shares, share_weights, 0.05),
          calibration::weighted_quantile(shares, share_weights, 0.95)};
}

}  // namespace policysim::runner
