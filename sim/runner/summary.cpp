#include "sim/runner/summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>
#include <stdexcept>

#include "sim/core/reduce.hpp"
#include "sim/core/streamed_sum.hpp"

namespace policysim::runner {

std::vector<OutcomeSummary> summarise_outcomes(std::span<const std::string_view> names,
                                               const std::vector<std::vector<double>>& outcomes) {
  std::vector<OutcomeSummary> rows;
  rows.reserve(names.size());
  std::vector<double> present;
  for (std::size_t o = 0; o < names.size(); ++o) {
    OutcomeSummary row{std::string(names[o])};
    present.clear();
    for (const auto& run : outcomes) {
      if (std::isnan(run[o])) {
        ++row.missing;
      } else {
        present.push_back(run[o]);
      }
    }
    row.present = static_cast<int>(present.size());
    if (!present.empty()) {
      row.mean = core::deterministic_mean(present);
      const double ps[] = {0.05, 0.95};
      const auto range = core::quantiles(present, ps);
      row.q05 = range[0];
      row.q95 = range[1];
    } else {
      row.mean = row.q05 = row.q95 = std::nan("");
    }
    rows.push_back(row);
  }
  return rows;
}

std::vector<OutcomeSummary> summarise_stored_outcomes(const store::ResultsDatabase& database,
                                                      std::span<const std::string_view> names,
                                                      int replicates) {
  std::vector<OutcomeSummary> rows;
  rows.reserve(names.size());
  const auto finished = database.count_runs(replicates);
  for (const std::string_view name_view : names) {
    const std::string name(name_view);
    OutcomeSummary row{name};
    const std::size_t present = database.count_outcome_values(name, replicates);
    row.present = static_cast<int>(present);
    row.missing = static_cast<int>(finished.ok - present);
    if (present == 0) {
      row.mean = row.q05 = row.q95 = std::nan("");
      rows.push_back(row);
      continue;
    }
    core::StreamedSum sum(present);
    database.visit_outcome_values(name, replicates, [&sum](double value) { sum.add(value); });
    if (!sum.complete()) {
      throw std::logic_error("the runs of " + database.path().string() + " changed while read");
    }
    row.mean = sum.sum() / static_cast<double>(present);
    // R's type 7 as core::quantiles: between the order statistics at floor(h) and the next.
    const double last = static_cast<double>(present - 1);
    double* const ends[] = {&row.q05, &row.q95};
    const double ps[] = {0.05, 0.95};
    for (std::size_t i = 0; i < 2; ++i) {
      const double h = last * ps[i];
      const auto below = static_cast<std::size_t>(std::floor(h));
      const std::size_t above = std::min(below + 1, present - 1);
      // Counted from the nearer end, so that the sort holds a twentieth of the values.
      if (below < present / 2) {
        const auto around = database.outcome_order_statistics(name, replicates, below, 2);
        *ends[i] = core::type7_between(around.front(), around.back(), h);
      } else {
        const auto around = database.outcome_order_statistics(name, replicates, present - 1 - above,
                                                              above - below + 1, true);
        *ends[i] = core::type7_between(around.back(), around.front(), h);
      }
    }
    rows.push_back(row);
  }
  return rows;
}

void print_summary(std::ostream& out, const std::vector<OutcomeSummary>& rows) {
  char line[160];
  std::snprintf(line, sizeof line, "%-40s %11s %11s %11s %9s\n", "outcome", "mean", "5%", "95%",
                "runs");
  out << line;
  for (const auto& row : rows) {
    // "runs" counts the runs with a value: an event that never happened leaves it out.
    if (row.present == 0) {
      std::snprintf(line, sizeof line, "%-40s %11s %11s %11s %5d/%-3d\n", row.name.c_str(), "-",
                    "-", "-", row.present, row.present + row.missing);
    } else {
      std::snprintf(line, sizeof line, "%-40s %11.4g %11.4g %11.4g %5d/%-3d\n", row.name.c_str(),
                    row.mean, row.q05, row.q95, row.present, row.present + row.missing);
    }
    out << line;
  }
}

}  // namespace policysim::runner
