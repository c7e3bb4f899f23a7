#include "sim/runner/calibration_summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>

#include "sim/calibration/weighted_sample.hpp"

namespace policysim::runner {
namespace {

// A prior's outer 5 % holding a fifth of the posterior's weight (4 times its prior share) is
// where the data push the parameter against the range's end.
constexpr double kEdgeWidth = 0.05;
constexpr double kEdgeWeight = 0.2;
// A posterior nearly as wide as the uniform prior (sd = width / sqrt(12)) is not identified.
constexpr double kUnidentifiedSdRatio = 0.8;

std::string number(double value) {
  if (std::isnan(value)) return "-";
  char text[32];
  std::snprintf(text, sizeof text, "%.4g", value);
  return text;
}

std::string percent(double share) {
  if (std::isnan(share)) return "-";
  char text[16];
  std::snprintf(text, sizeof text, "%.0f%%", 100.0 * share);
  return text;
}

}  // namespace

std::vector<store::CalibrationParameter> posterior_parameters(
    const scenario::Calibration& calibration, const calibration::Generation& last) {
  const calibration::WeightedMoments moments =
      calibration::weighted_moments(last.particles, last.weights);
  std::vector<store::CalibrationParameter> rows;
  for (std::size_t i = 0; i < calibration.parameters.size(); ++i) {
    const scenario::SweepFactor& factor = calibration.parameters[i];
    const auto column = static_cast<Eigen::Index>(i);
    std::vector<double> values(static_cast<std::size_t>(last.particles.rows()));
    for (Eigen::Index p = 0; p < last.particles.rows(); ++p) {
      values[static_cast<std::size_t>(p)] = last.particles(p, column);
    }
    store::CalibrationParameter row;
    row.parameter = factor.path;
    row.column = factor.column;
    row.prior_low = factor.low;
    row.prior_high = factor.high;
    row.mean = moments.mean[column];
    row.sd = std::sqrt(moments.covariance(column, column));
    row.q05 = calibration::weighted_quantile(values, last.weights, 0.05);
    row.q50 = calibration::weighted_quantile(values, last.weights, 0.5);
    row.q95 = calibration::weighted_quantile(values, last.weights, 0.95);
    const double width = factor.high - factor.low;
    double low_weight = 0.0, high_weight = 0.0;
    for (std::size_t p = 0; p < values.size(); ++p) {
      if (values[p] <= factor.low + kEdgeWidth * width) low_weight += last.weights[p];
      if (values[p] >= factor.high - kEdgeWidth * width) high_weight += last.weights[p];
    }
    if (low_weight >= kEdgeWeight) row.note = "crowds the low edge";
    if (high_weight >= kEdgeWeight) row.note = "crowds the high edge";
    if (row.sd > kUnidentifiedSdRatio * width / std::sqrt(12.0)) {
      row.note += row.note.empty() ? "not identified" : "; not identified";
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

void print_calibration(std::ostream& out, const std::string& name,
                       const store::CalibrationTables& tables, std::size_t replicates,
                       std::size_t held_out) {
  char line[256];
  out << '\n'
      << name << ": ABC-SMC over " << tables.parameters.size() << " parameters, "
      << (tables.generations.empty() ? 0 : tables.generations.front().particles) << " particles of "
      << replicates << " replicates each\n";
  out << "generation  tolerance  proposals  acceptance     ESS\n";
  for (const auto& g : tables.generations) {
    std::snprintf(line, sizeof line, "%10lld  %9s  %9lld  %10s  %6.1f\n",
                  static_cast<long long>(g.generation), number(g.tolerance).c_str(),
                  static_cast<long long>(g.proposals), percent(g.acceptance).c_str(),
                  g.effective_sample_size);
    out << line;
  }
  out << "\nposterior (weighted, last generation)\n";
  std::snprintf(line, sizeof line, "%-28s %21s %10s %10s %23s  %s\n", "parameter", "prior range",
                "mean", "sd", "90% interval", "note");
  out << line;
  for (const auto& p : tables.parameters) {
    const std::string prior = "[" + number(p.prior_low) + ", " + number(p.prior_high) + "]";
    const std::string interval = "[" + number(p.q05) + ", " + number(p.q95) + "]";
    std::snprintf(line, sizeof line, "%-28s %21s %10s %10s %23s  %s\n", p.parameter.c_str(),
                  prior.c_str(), number(p.mean).c_str(), number(p.sd).c_str(), interval.c_str(),
                  p.note.c_str());
    out << line;
  }
  const bool has_held_out = held_out > 0;
  out << "\ntargets: share of runs meeting each (required; under the prior; under the posterior "
         "on the fitting seeds"
      << (has_held_out ? "; on " + std::to_string(held_out) + " held-out seeds, 90% interval" : "")
      << ")\n";
  // Informative targets, fitted and predicted, and how many of each are met.
  std::size_t fitted = 0, fitted_met = 0, predicted = 0, predicted_met = 0, uninformative = 0;
  std::size_t paired = 0;
  for (const auto& t : tables.targets) {
    paired += t.arm.empty() ? 0 : 1;
    const double headline = has_held_out ? t.held_out_share : t.posterior_share;
    const bool is_met = !std::isnan(headline) && headline >= t.share_required;
    const char* role = !t.counted       ? "check"
                       : !t.informative ? "uninformative"
                       : t.fitted       ? "fitted"
                                        : "predicted";
    std::string held;
    if (has_held_out) {
      held = percent(t.held_out_share) + " [" + percent(t.held_out_low) + ", " +
             percent(t.held_out_high) + "]";
    }
    std::snprintf(line, sizeof line, "  %-52.52s %5s %6s %6s %18s  %-13s %s\n", t.target.c_str(),
                  percent(t.share_required).c_str(), percent(t.prior_share).c_str(),
                  percent(t.posterior_share).c_str(), held.c_str(), role,
                  is_met ? "met" : "not met");
    out << line;
    if (t.counted && !t.informative) ++uninformative;
    if (t.counted && t.informative && t.fitted) {
      ++fitted;
      fitted_met += is_met ? 1 : 0;
    }
    if (t.counted && t.informative && !t.fitted) {
      ++predicted;
      predicted_met += is_met ? 1 : 0;
    }
  }
  if (paired > 0) {
    out << "  (the " << paired << " paired targets, each an arm against the base: the share of "
        << "parameter points, not runs, whose 95% interval over their pairs lies in the range)\n";
  }
  out << fitted_met + predicted_met << " of " << fitted + predicted << " informative targets met"
      << (has_held_out ? " on held-out seeds" : " on the fitting seeds") << " by the posterior";
  if (predicted > 0) {
    out << " (fitted: " << fitted_met << " of " << fitted
        << "; predicted, not fitted: " << predicted_met << " of " << predicted << ")";
  }
  if (uninformative > 0) {
    out << "; " << uninformative << (uninformative == 1 ? " target is" : " targets are")
        << " met under the prior already: reported, not counted";
  }
  out << '\n';
  // Each final particle on its own held-out runs: how many informative targets one parameter
  // vector of the posterior meets, with its spread over the posterior.
  std::vector<double> counts, weights;
  for (const auto& p : tables.particles) {
    if (!std::isnan(p.held_out_targets_met)) {
      counts.push_back(p.held_out_targets_met);
      weights.push_back(p.weight);
    }
  }
  if (!counts.empty()) {
    out << "one posterior particle on its own held-out runs meets a median of "
        << calibration::weighted_quantile(counts, weights, 0.5) << " of the " << fitted + predicted
        << " (90% of the posterior: " << calibration::weighted_quantile(counts, weights, 0.05)
        << " to " << calibration::weighted_quantile(counts, weights, 0.95)
        << "; the best particle: " << *std::max_element(counts.begin(), counts.end()) << ")\n";
  }
}

}  // namespace policysim::runner
