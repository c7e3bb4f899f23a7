#include "sim/scenario/stylised_fact_reader.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include "sim/model/metrics.hpp"
#include "sim/scenario/config_reader.hpp"
#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/map_reader.hpp"
#include "sim/scenario/value_reader.hpp"

namespace policysim::scenario::detail {
namespace {

bool is_identifier(const std::string& text) {
  if (text.empty() || std::isdigit(static_cast<unsigned char>(text.front()))) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

/// A two-element list [a, b] of whatever `read` returns.
template <typename Read>
auto read_pair(const YamlNode& node, Diagnostics& diagnostics, const std::string& what,
               const std::string& example, Read read)
    -> std::optional<std::pair<typename decltype(read(node))::value_type,
                               typename decltype(read(node))::value_type>> {
  if (!node.is_sequence() || node.items.size() != 2) {
    diagnostics.error(node.mark, "expected a list of two values for " + what + ", e.g. " + example);
    return std::nullopt;
  }
  auto first = read(node.items[0]);
  auto second = read(node.items[1]);
  if (!first || !second) return std::nullopt;
  if (*second < *first) {
    diagnostics.error(node.items[1].mark, "the end of " + what + " is before its start; write [" +
                                              "low, high], e.g. " + example);
    return std::nullopt;
  }
  return std::pair(*first, *second);
}

template <std::size_t N>
std::vector<std::string> to_strings(const std::array<std::string_view, N>& names) {
  return {names.begin(), names.end()};
}

// A target must name something the model records: a series metric, or for stat `outcome` a
// per-run outcome. Checked here so that a typo is a scenario error, not a failure after the runs.
void check_metric_name(const StylisedFact& target, const YamlNode& node, Diagnostics& diagnostics) {
  const bool outcome = target.stat == StylisedFactStat::outcome;
  const auto names =
      outcome ? to_strings(model::kOutcomeNames) : to_strings(model::kSeriesMetricNames);
  if (std::find(names.begin(), names.end(), target.metric) != names.end()) return;
  diagnostics.error(node.mark,
                    "target `" + target.name + "`: " +
                        unknown_name_message(outcome ? "outcome" : "series metric", target.metric,
                                             names, outcome ? "outcomes" : "series metrics"));
}

// `given: {outcome: NAME, range: [low, high]}`: the runs whose outcome lies in the range.
std::optional<StylisedFactCondition> read_condition(const YamlNode& node, Diagnostics& diagnostics,
                                                    const std::string& of) {
  const MapReader map(node, diagnostics, "`given`" + of, {"outcome", "range"});
  if (!map.is_map()) return std::nullopt;
  StylisedFactCondition condition;
  bool complete = true;
  if (const YamlNode* v = map.require("outcome")) {
    condition.outcome = read_string(*v, diagnostics, "`outcome` in `given`" + of).value_or("");
    const auto names = to_strings(model::kOutcomeNames);
    if (std::find(names.begin(), names.end(), condition.outcome) == names.end()) {
      diagnostics.error(v->mark,
                        "`given`" + of + ": " +
                            unknown_name_message("outcome", condition.outcome, names, "outcomes"));
      complete = false;
    }
  } else {
    complete = false;
  }
  if (const YamlNode* v = map.require("range")) {
    auto range = read_pair(
        *v, diagnostics, "`range` in `given`" + of, "[2003.0, 2004.75]",
        [&](const YamlNode& n) { return read_number(n, diagnostics, "a bound in `given`" + of); });
    if (range) {
      condition.low = range->first;
      condition.high = range->second;
    } else {
      complete = false;
    }
  } else {
    complete = false;
  }
  return complete ? std::optional(condition) : std::nullopt;
}

// `arm: NAME` makes a paired target (StylisedFact::arm), `minus: METRIC` a difference within each
// of the arm's runs. A paired target is judged on the interval of a mean, so what says how many
// runs must meet a range, or which runs, does not apply to it.
void read_pairing(const MapReader& map, Diagnostics& diagnostics,
                  const std::vector<std::string>& arm_names, StylisedFact& target) {
  const std::string of = " of target `" + target.name + "`";
  const YamlNode* arm = map.get("arm");
  if (const YamlNode* minus = map.get("minus")) {
    if (!arm) {
      diagnostics.error(minus->mark, "`minus`" + of + " compares two metrics in an arm's runs; " +
                                         "add `arm: NAME` or remove `minus`");
    }
    target.minus = read_string(*minus, diagnostics, "`minus`" + of).value_or("");
    if (!target.minus.empty() && !target.metric.empty()) {
      StylisedFact second = target;
      second.metric = target.minus;
      check_metric_name(second, *minus, diagnostics);
    }
  }
  if (!arm) return;
  target.arm = read_string(*arm, diagnostics, "`arm`" + of).value_or("");
  if (!target.arm.empty() &&
      std::find(arm_names.begin(), arm_names.end(), target.arm) == arm_names.end()) {
    diagnostics.error(arm->mark, "target `" + target.name + "`: " +
                                     unknown_name_message("arm", target.arm, arm_names, "arms"));
  }
  for (const char* key : {"given", "counted"}) {
    if (const YamlNode* v = map.get(key)) {
      diagnostics.error(v->mark, "`" + std::string(key) + "`" + of +
                                     " does not apply to a paired target, which is judged on " +
                                     "the 95 % interval of the mean difference over all pairs; " +
                                     "remove it");
    }
  }
}

}  // namespace

std::vector<StylisedFact> read_stylised_facts(const YamlNode& node, Diagnostics& diagnostics,
                                              const model::Config& config,
                                              const std::vector<std::string>& arm_names) {
  std::vector<StylisedFact> targets;
  if (node.is_null()) return targets;
  if (!node.is_sequence()) {
    diagnostics.error(node.mark, "expected a list for `targets`, got " +
                                     std::string(kind_name(node)) +
                                     "; write items as `- {name: ..., metric: ..., stat: ...}`");
    return targets;
  }
  std::vector<std::string_view> stats(std::begin(kStylisedFactStatNames),
                                      std::end(kStylisedFactStatNames));
  for (const auto& item : node.items) {
    const MapReader map(item, diagnostics, "target",
                        {"name", "metric", "stat", "window", "threshold", "range", "share",
                         "source", "given", "counted", "arm", "minus"});
    if (!map.is_map()) continue;
    StylisedFact target;
    if (const YamlNode* v = map.require("name")) {
      target.name = read_string(*v, diagnostics, "`name` of a target").value_or("");
      const bool repeated = std::any_of(targets.begin(), targets.end(), [&](const StylisedFact& t) {
        return t.name == target.name;
      });
      if (repeated && !target.name.empty()) {
        diagnostics.error(v->mark, "target `" + target.name + "` is defined twice");
      }
    }
    const std::string of = " of target `" + target.name + "`";
    const YamlNode* metric_node = map.require("metric");
    if (const YamlNode* v = metric_node) {
      if (auto metric = read_string(*v, diagnostics, "`metric`" + of)) {
        if (!is_identifier(*metric)) {
          diagnostics.error(v->mark, "`metric`" + of + " is `" + *metric +
                                         "`; a metric name is letters, digits and _ (e.g. "
                                         "share_regions_with_cases or law_passed_year)");
        }
        target.metric = *metric;
      }
    }
    bool stat_known = false;
    if (const YamlNode* v = map.require("stat")) {
      if (auto stat = read_choice(*v, diagnostics, "stat", stats)) {
        target.stat = static_cast<StylisedFactStat>(*stat);
        stat_known = true;
      }
    }
    if (stat_known && metric_node && !target.metric.empty()) {
      check_metric_name(target, *metric_node, diagnostics);
    }
    const YamlNode* window = map.get("window");
    if (stat_known && target.stat == StylisedFactStat::outcome) {
      if (window) {
        diagnostics.error(window->mark, "`window`" + of + " is not used with stat `outcome` (a " +
                                            "per-run outcome has no window); remove it");
      }
    } else if (stat_known && !window) {
      map.require("window");
    }
    if (window && stat_known && target.stat != StylisedFactStat::outcome) {
      auto quarters = read_pair(*window, diagnostics, "`window`" + of, "[2004Q1, 2004Q4]",
                                [&](const YamlNode& n) {
                                  return read_quarter(n, diagnostics, "a quarter in `window`" + of);
                                });
      if (quarters) {
        if (period_known(config) &&
            (quarters->first < config.start || quarters->second > config.end)) {
          diagnostics.error(window->mark, "`window`" + of + " " + quarters->first.str() + " to " +
                                              quarters->second.str() + " is outside the run " +
                                              config.start.str() + " to " + config.end.str());
        } else {
          target.window_start = quarters->first;
          target.window_end = quarters->second;
        }
      }
    }
    const YamlNode* threshold = map.get("threshold");
    if (stat_known && target.stat == StylisedFactStat::first_reached) {
      if (!threshold) {
        map.require("threshold");
      } else {
        target.threshold = read_number(*threshold, diagnostics, "`threshold`" + of);
      }
    } else if (threshold && stat_known) {
      diagnostics.error(threshold->mark, "`threshold`" + of + " is used only with stat " +
                                             "`first_reached`; remove it or change the stat");
    }
    if (const YamlNode* v = map.require("range")) {
      auto range = read_pair(*v, diagnostics, "`range`" + of, "[0.1, 0.3]", [&](const YamlNode& n) {
        return read_number(n, diagnostics, "a bound in `range`" + of);
      });
      if (range) {
        target.low = range->first;
        target.high = range->second;
      }
    }
    if (const YamlNode* v = map.get("share")) {
      target.share = read_probability(*v, diagnostics, "`share`" + of).value_or(target.share);
    }
    if (const YamlNode* v = map.get("source")) {
      target.source = read_string(*v, diagnostics, "`source`" + of).value_or("");
    }
    if (const YamlNode* v = map.get("given")) target.given = read_condition(*v, diagnostics, of);
    if (const YamlNode* v = map.get("counted")) {
      target.counted = read_bool(*v, diagnostics, "`counted`" + of).value_or(true);
    }
    read_pairing(map, diagnostics, arm_names, target);
    targets.push_back(std::move(target));
  }
  return targets;
}

}  // namespace policysim::scenario::detail
