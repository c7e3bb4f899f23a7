#include "sim/runner/stylised_facts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <ostream>
#include <string>

#include "sim/core/reduce.hpp"
#include "sim/store/target_table.hpp"

namespace policysim::runner {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string window_text(const scenario::StylisedFact& target) {
  const std::string from = target.window_start ? target.window_start->str() : "start";
  const std::string to = target.window_end ? target.window_end->str() : "end";
  return from == to ? from : from + ".." + to;
}

std::string format_number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

std::string condition_text(const scenario::StylisedFactCondition& given) {
  return given.outcome + " in [" + format_number(given.low) + ", " + format_number(given.high) +
         "]";
}

}  // namespace

std::string statistic_text(const scenario::StylisedFact& target) {
  if (target.stat == scenario::StylisedFactStat::outcome) return target.metric;
  return std::string(scenario::stylised_fact_stat_name(target.stat)) + " " + target.metric +
         (target.threshold ? " >= " + format_number(*target.threshold) : "") + " over " +
         window_text(target);
}

double decimal_year(core::Quarter quarter) {
  return quarter.year() + (quarter.quarter() - 1) / 4.0;
}

double target_statistic(const scenario::StylisedFact& target, const std::vector<double>& series,
                        core::Quarter run_start) {
  const int tick_count = static_cast<int>(series.size());
  const int first = target.window_start ? std::max(0, *target.window_start - run_start) : 0;
  const int last =
      target.window_end ? std::min(tick_count - 1, *target.window_end - run_start) : tick_count - 1;
  if (first > last) return kNaN;  // the window lies outside the run

  using scenario::StylisedFactStat;
  if (target.stat == StylisedFactStat::change) {
    return series[static_cast<std::size_t>(last)] - series[static_cast<std::size_t>(first)];
  }
  if (target.stat == StylisedFactStat::first_reached) {
    for (int tick = first; tick <= last; ++tick) {
      if (series[static_cast<std::size_t>(tick)] >= target.threshold.value_or(0.0)) {
        return decimal_year(run_start + tick);
      }
    }
    return kNaN;  // never reached within the window
  }
  if (target.stat == StylisedFactStat::last) return series[static_cast<std::size_t>(last)];

  double sum = 0.0, lowest = kNaN, highest = kNaN;
  int count = 0;
  for (int tick = first; tick <= last; ++tick) {
    const double value = series[static_cast<std::size_t>(tick)];
    if (std::isnan(value)) continue;
    sum += value;
    lowest = count == 0 ? value : std::min(lowest, value);
    highest = count == 0 ? value : std::max(highest, value);
    ++count;
  }
  if (count == 0) return kNaN;
  switch (target.stat) {
    case StylisedFactStat::mean:
      return sum / count;
    case StylisedFactStat::sum:
      return sum;
    case StylisedFactStat::min:
      return lowest;
    case StylisedFactStat::max:
      return highest;
    default:
      return kNaN;
  }
}

std::vector<double> series_of_run(const store::Schema& schema, const store::RunRecord& run,
                                  const std::string& metric) {
  const std::vector<std::string>& metrics = schema.series_metrics;
  const std::size_t width = metrics.size(), ticks = run.quarters.size();
  const auto m =
      static_cast<std::size_t>(std::find(metrics.begin(), metrics.end(), metric) - metrics.begin());
  std::vector<double> column(ticks);
  for (std::size_t tick = 0; tick < ticks; ++tick) column[tick] = run.series[tick * width + m];
  return column;
}

std::vector<double> run_target_statistics(const scenario::Scenario& scenario,
                                          const store::Schema& schema,
                                          const store::RunRecord& run) {
  return target_statistics(
      scenario, [&](const std::string& metric) { return series_of_run(schema, run, metric); });
}

double share_in_range(const std::vector<double>& values, double low, double high) {
  if (values.empty()) return 0.0;
  const auto inside =
      std::count_if(values.begin(), values.end(), [&](double v) { return v >= low && v <= high; });
  return static_cast<double>(inside) / static_cast<double>(values.size());
}

StylisedFactResult judge(const scenario::StylisedFact& target, std::vector<double> values,
                         const std::vector<double>& given_values) {
  StylisedFactResult result{target, std::move(values)};
  if (!target.given) {
    result.share_in_range = share_in_range(result.values, target.low, target.high);
    result.runs_judged = result.values.size();
  } else {
    // Only the runs that meet the condition: the others say nothing about the fact.
    std::vector<double> judged;
    for (std::size_t i = 0; i < result.values.size() && i < given_values.size(); ++i) {
      const double given = given_values[i];
      if (given >= target.given->low && given <= target.given->high) {
        judged.push_back(result.values[i]);
      }
    }
    result.runs_judged = judged.size();
    result.share_in_range = judged.empty() ? kNaN : share_in_range(judged, target.low, target.high);
    result.judged_values = std::move(judged);
  }
  result.met = result.share_in_range >= target.share;  // false for NaN
  return result;
}

std::size_t outcome_column(const std::vector<std::string>& outcome_columns,
                           const std::string& name) {
  return static_cast<std::size_t>(std::find(outcome_columns.begin(), outcome_columns.end(), name) -
                                  outcome_columns.begin());
}

std::vector<double> outcome_values(const std::vector<std::string>& outcome_columns,
                                   const std::vector<store::StoredRun>& runs,
                                   const std::string& name) {
  const std::size_t column = outcome_column(outcome_columns, name);
  std::vector<double> values;
  values.reserve(runs.size());
  for (const auto& run : runs) values.push_back(run.outcomes.at(column));
  return values;
}

std::vector<double> given_values(const scenario::StylisedFact& target,
                                 const std::vector<std::string>& outcome_columns,
                                 const std::vector<store::StoredRun>& runs) {
  if (!target.given) return {};
  return outcome_values(outcome_columns, runs, target.given->outcome);
}

std::vector<store::TargetRow> target_rows(const std::vector<StylisedFactResult>& results,
                                          const std::vector<store::StoredRun>& runs) {
  std::vector<store::TargetRow> rows;
  for (const auto& result : results) {
    const auto& t = result.target;
    store::TargetRow row{t.name,
                         t.metric,
                         std::string(scenario::stylised_fact_stat_name(t.stat)),
                         t.window_start ? t.window_start->str() : "",
                         t.window_end ? t.window_end->str() : "",
                         t.source,
                         t.low,
                         t.high,
                         t.share,
                         result.share_in_range,
                         result.met,
                         t.counted,
                         t.given ? condition_text(*t.given) : "",
                         {}};
    for (std::size_t i = 0; i < runs.size(); ++i)
      row.values.emplace_back(runs[i].run_id, result.values[i]);
    rows.push_back(std::move(row));
  }
  return rows;
}

void print_targets(std::ostream& out, const std::vector<StylisedFactResult>& results) {
  // Two lines a target: the verdict and name, then what was measured against what was required.
  int met = 0, counted = 0, checks = 0;
  for (const auto& result : results) {
    const auto& t = result.target;
    // The spread of the runs the share is over: with a condition, only those meeting it.
    const std::vector<double>& judged = t.given ? result.judged_values : result.values;
    std::vector<double> present;
    for (double v : judged) {
      if (!std::isnan(v)) present.push_back(v);
    }
    std::string spread = "never";
    if (!present.empty()) {
      const double ps[] = {0.5, 0.05, 0.95};
      const auto q = core::quantiles(present, ps);
      char text[80];
      std::snprintf(text, sizeof text, "median %.4g [5%%: %.4g, 95%%: %.4g]", q[0], q[1], q[2]);
      spread = text;
      if (present.size() < judged.size()) {
        spread += ", " + std::to_string(judged.size() - present.size()) + " runs: none";
      }
    }
    const std::string statistic = statistic_text(t);
    const std::string runs = t.given ? "of the " + std::to_string(result.runs_judged) +
                                           " runs with " + condition_text(*t.given)
                                     : "of runs";
    const char* verdict = result.met ? "MET" : "NOT MET";
    if (!t.counted) verdict = result.met ? "CHECK" : "CHECK FAILED";
    char line[768];
    std::snprintf(
        line, sizeof line, "%-8s %s%s\n         %s in [%g, %g] in %.0f%% %s (needed %.0f%%); %s\n",
        verdict, t.name.c_str(), t.counted ? "" : " (a check, not counted)", statistic.c_str(),
        t.low, t.high, 100 * result.share_in_range, runs.c_str(), 100 * t.share, spread.c_str());
    out << line;
    if (t.counted) {
      ++counted;
      met += result.met ? 1 : 0;
    } else {
      ++checks;
    }
  }
  out << met << " of " << counted << " targets met";
  if (checks > 0) out << " (" << checks << (checks == 1 ? " check" : " checks") << " not counted)";
  out << '\n';
}

}  // namespace policysim::runner
