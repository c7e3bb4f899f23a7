#include "sim/runner/sweep_sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <ostream>
#include <stdexcept>

#include "sim/core/hashing.hpp"
#include "sim/runner/comparison_text.hpp"
#include "sim/runner/seeds.hpp"
#include "sim/runner/sweep_points.hpp"
#include "sim/sensitivity/morris_effects.hpp"
#include "sim/sensitivity/sobol_indices.hpp"

namespace policysim::runner {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// The seed of one outcome's bootstrap: a pure function of the design's seed and the outcome's
/// name, so that the intervals are the same at any thread count and in any order of outcomes.
std::uint64_t bootstrap_seed(std::uint64_t design_seed, const std::string& outcome) {
  return replicate_seed(core::fnv1a_64(outcome, core::kFnv1a64Offset ^ design_seed), 0);
}

std::string interval_text(double low, double high) {
  // Appended piecewise: a chain of + trips a false -Wrestrict in GCC 12.
  std::string text = "[";
  text.append(format_fixed(low, 3)).append(", ").append(format_fixed(high, 3)).append("]");
  return text;
}

}  // namespace

bool has_sensitivity(scenario::SweepDesign design) {
  return design == scenario::SweepDesign::saltelli || design == scenario::SweepDesign::morris;
}

std::vector<double> point_means(const store::ResultsDatabase& database, int replicates,
                                std::size_t points, const std::string& outcome) {
  std::vector<double> means(points, kNaN);
  database.visit_arm_means(outcome, replicates, [&](const std::string& arm, double mean) {
    if (const auto point = point_of_name(arm, points)) means[*point] = mean;
  });
  return means;
}

SweepSensitivity sweep_sensitivity(const scenario::Sweep& sweep,
                                   const sensitivity::UnitDesign& design,
                                   const std::vector<std::string>& outcome_names,
                                   const PointMeans& means_of) {
  SweepSensitivity result;
  const bool sobol = sweep.design == scenario::SweepDesign::saltelli;
  for (std::size_t o = 0; o < outcome_names.size(); ++o) {
    const std::vector<double> outputs = means_of(o);
    const auto missing = std::count_if(outputs.begin(), outputs.end(),
                                       [](double value) { return std::isnan(value); });
    if (missing > 0) {
      result.undefined.push_back(outcome_names[o] + " (no value at " + std::to_string(missing) +
                                 " points)");
      continue;
    }
    if (std::all_of(outputs.begin(), outputs.end(),
                    [&](double value) { return value == outputs.front(); })) {
      result.undefined.push_back(outcome_names[o] + " (the same at every point)");
      continue;
    }
    if (sobol) {
      const auto indices =
          sensitivity::sobol_indices(sweep.factors.size(), outputs, kSobolResamples,
                                     bootstrap_seed(sweep.seed, outcome_names[o]));
      for (std::size_t f = 0; f < sweep.factors.size(); ++f) {
        const auto& s1 = indices.first_order[f];
        const auto& st = indices.total[f];
        result.rows.push_back({outcome_names[o], sweep.factors[f].column, "sobol", s1.estimate,
                               s1.low, s1.high, st.estimate, st.low, st.high, kNaN, kNaN, kNaN});
      }
    } else {
      // Effects per unit of the design's coordinate, made per unit of the factor's range or, for
      // a distribution, of its probability (where a Morris design's levels span less of it).
      const auto effects = sensitivity::morris_effects(design, outputs);
      for (std::size_t f = 0; f < sweep.factors.size(); ++f) {
        const double span = probability_per_unit(sweep.factors[f], sweep);
        result.rows.push_back({outcome_names[o], sweep.factors[f].column, "morris", kNaN, kNaN,
                               kNaN, kNaN, kNaN, kNaN, effects[f].mu / span,
                               effects[f].mu_star / span, effects[f].sigma / span});
      }
    }
  }
  return result;
}

void print_sensitivity(std::ostream& out, const SweepSensitivity& measures,
                       const std::vector<std::string>& outcomes, int replicates) {
  if (measures.rows.empty()) {
    out << "\nSensitivity: no outcome varies across the points\n";
    return;
  }
  const bool sobol = measures.rows.front().method == "sobol";
  out << "\nSensitivity of each point's mean over " << replicates << " replicates: "
      << (sobol ? "Sobol' first-order (S1) and total (ST) indices with 95% bootstrap intervals, "
                  "factors ranked by ST"
                : "Morris elementary effects per unit of each factor's range (of its "
                  "probability, for a distribution): mu* (mean of |effect|), mu (mean effect) and "
                  "sigma (their spread), factors ranked by mu*")
      << "\n";
  std::size_t width = 6;
  // A target's share ("target: " and its name) may be longer than the outcomes' column.
  std::size_t outcome_width = 24;
  for (const auto& row : measures.rows) {
    width = std::max(width, row.factor.size());
    outcome_width = std::max(outcome_width, row.outcome.size() + 2);
  }
  const auto pad = [](const std::string& text, std::size_t to) {
    return text + std::string(to > text.size() ? to - text.size() : 0, ' ');
  };
  out << pad("outcome", outcome_width) << pad("factor", width + 2)
      << (sobol ? "       S1  S1 interval                ST  ST interval\n"
                : "       mu*          mu       sigma\n");
  for (const auto& outcome : outcomes) {
    std::vector<store::SensitivityRow> rows;
    for (const auto& row : measures.rows) {
      if (row.outcome == outcome) rows.push_back(row);
    }
    std::stable_sort(rows.begin(), rows.end(), [sobol](const auto& a, const auto& b) {
      return sobol ? a.total > b.total : a.mu_star > b.mu_star;
    });
    bool first = true;
    for (const auto& row : rows) {
      out << pad(first ? outcome : std::string(), outcome_width) << pad(row.factor, width + 2);
      char line[160];
      if (sobol) {
        std::snprintf(line, sizeof line, "%9s  %-20s  %9s  %s\n",
                      format_fixed(row.first_order, 3).c_str(),
                      interval_text(row.first_order_low, row.first_order_high).c_str(),
                      format_fixed(row.total, 3).c_str(),
                      interval_text(row.total_low, row.total_high).c_str());
      } else {
        std::snprintf(line, sizeof line, "%10s  %10s  %10s\n", format_fixed(row.mu_star, 4).c_str(),
                      format_fixed(row.mu, 4).c_str(), format_fixed(row.sigma, 4).c_str());
      }
      out << line;
      first = false;
    }
  }
  std::vector<std::string> undefined;
  for (const auto& entry : measures.undefined) {
    const bool shown = std::any_of(outcomes.begin(), outcomes.end(), [&](const std::string& name) {
      return entry.rfind(name + " (", 0) == 0;
    });
    if (shown) undefined.push_back(entry);
  }
  if (!undefined.empty()) {
    out << "no measures (the estimators need a value at every point, and one that varies): ";
    for (std::size_t i = 0; i < undefined.size(); ++i) out << (i == 0 ? "" : ", ") << undefined[i];
    out << '\n';
  }
}

}  // namespace policysim::runner
