#include "sim/runner/summary.hpp"

#include <cmath>
#include <cstdio>
#include <ostream>

#include "sim/core/reduce.hpp"

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
