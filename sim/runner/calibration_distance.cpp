#include "sim/runner/calibration_distance.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "sim/calibration/weighted_sample.hpp"

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

std::vector<ProposalValues> read_proposal_values(const scenario::Scenario& scenario,
                                                 const store::ResultsDatabase& database,
                                                 std::span<const std::string> arms,
                                                 int first_replicate, int end_replicate) {
  std::vector<ProposalValues> proposals(arms.size());
  for (auto& proposal : proposals) proposal.targets.resize(scenario.targets.size());
  if (arms.empty() || scenario.targets.empty()) return proposals;
  const store::ResultsDatabase::RunSelection runs{first_replicate, end_replicate, arms.front(),
                                                  arms.back()};
  // The arms between the first and the last are the proposals asked for, and perhaps others
  // (of another batch, whose names sort between): those are skipped.
  const auto index_of = [&](const std::string& arm) -> std::optional<std::size_t> {
    const auto it = std::lower_bound(arms.begin(), arms.end(), arm);
    if (it == arms.end() || *it != arm) return std::nullopt;
    return static_cast<std::size_t>(it - arms.begin());
  };
  for (std::size_t t = 0; t < scenario.targets.size(); ++t) {
    const scenario::StylisedFact& target = scenario.targets[t];
    std::optional<store::ResultsDatabase::OutcomeCondition> given;
    if (target.given) given = {target.given->outcome, target.given->low, target.given->high};
    database.visit_target_values(target.name, runs, given,
                                 [&](const std::string& arm, const std::vector<double>& values) {
                                   if (const auto p = index_of(arm)) {
                                     proposals[*p].targets[t] = values;
                                   }
                                 });
  }
  // Every run with results: as a target without a condition reads them.
  database.visit_target_values(scenario.targets.front().name, runs, std::nullopt,
                               [&](const std::string& arm, const std::vector<double>& values) {
                                 if (const auto p = index_of(arm)) {
                                   proposals[*p].runs = values.size();
                                 }
                               });
  return proposals;
}

double share_met(const scenario::StylisedFact& target, const std::vector<double>& values) {
  if (values.empty()) return 0.0;
  const auto met =
      std::count_if(values.begin(), values.end(), [&](double v) { return in_range(target, v); });
  return static_cast<double>(met) / static_cast<double>(values.size());
}

std::vector<double> target_spreads(const scenario::Scenario& scenario,
                                   std::span<const ProposalValues> prior) {
  std::vector<double> spreads;
  for (std::size_t t = 0; t < scenario.targets.size(); ++t) {
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
    const scenario::StylisedFact& target = scenario.targets[t];
    const double width = target.high - target.low;
    if (!(spread > 0.0)) spread = std::isfinite(width) && width > 0.0 ? width : 1.0;
    spreads.push_back(spread);
  }
  return spreads;
}

double target_excess(const scenario::StylisedFact& target, const std::vector<double>& values,
                     double spread) {
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

double distance(const scenario::Scenario& scenario, const ProposalValues& proposal,
                const std::vector<bool>& fitted, const std::vector<double>& spreads,
                std::size_t replicates) {
  if (proposal.runs < replicates) return std::numeric_limits<double>::quiet_NaN();
  double sum = 0.0;
  for (std::size_t t = 0; t < scenario.targets.size(); ++t) {
    if (fitted[t]) sum += target_excess(scenario.targets[t], proposal.targets[t], spreads[t]);
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
    judged += weights[p] * static_cast<double>(values.size());
    met += weights[p] * share * static_cast<double>(values.size());
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
