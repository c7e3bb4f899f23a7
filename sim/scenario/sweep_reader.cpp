#include "sim/scenario/sweep_reader.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/model/metrics.hpp"
#include "sim/model/parameter_table.hpp"
#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/map_reader.hpp"
#include "sim/scenario/value_reader.hpp"

namespace policysim::scenario::detail {
namespace {

/// A sweep of more runs than this is a typo (levels: 100 of ten factors), not a plan.
constexpr std::uint64_t kMaxRuns = 100'000'000;
/// Levels of a Morris grid when the sweep gives none (Morris and Campolongo's usual choice).
constexpr std::size_t kDefaultMorrisLevels = 4;

constexpr std::array<SweepDesign, 6> kDesigns = {
    SweepDesign::grid,  SweepDesign::random,   SweepDesign::latin_hypercube,
    SweepDesign::sobol, SweepDesign::saltelli, SweepDesign::morris};

constexpr std::array<std::string_view, 3> kInterventionFields = {"intensity", "start", "end"};
constexpr std::array<std::string_view, 1> kDonorFields = {"foreignness"};

constexpr std::array<DistributionKind, 4> kDistributions = {
    DistributionKind::uniform, DistributionKind::triangular, DistributionKind::normal,
    DistributionKind::lognormal};

/// A distribution's own key under a factor.
struct DistributionKey {
  std::string_view key;
  DistributionKind kind;
  double FactorDistribution::*field;
};
constexpr std::array<DistributionKey, 5> kDistributionKeys = {{
    {"mode", DistributionKind::triangular, &FactorDistribution::mode},
    {"mean", DistributionKind::normal, &FactorDistribution::mean},
    {"sd", DistributionKind::normal, &FactorDistribution::sd},
    {"median", DistributionKind::lognormal, &FactorDistribution::median},
    {"sd_log", DistributionKind::lognormal, &FactorDistribution::sd_log},
}};

/// A range given to a normal or a lognormal must hold at least this share of its probability:
/// less is a range far out in its tail, a mistake in the range or in the distribution.
constexpr double kLeastProbabilityInRange = 1e-6;
/// A normal or a lognormal given no range is cut at its factor's valid range only where that
/// leaves out at most this share of its probability; more would change the distribution unseen.
constexpr double kMostProbabilityCutUnseen = 1e-3;

/// Where a factor's value must lie, and the range it takes when none is given.
struct Bounds {
  double valid_min, valid_max;
  double default_low, default_high;
};

/// `path` as a column name: letters, digits and `_` ("beta0.law" -> "beta0_law").
std::string column_of(std::string_view path) {
  std::string column;
  for (const char c : path) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      column += c;
    } else if (!column.empty() && column.back() != '_') {
      column += '_';
    }
  }
  while (!column.empty() && column.back() == '_') column.pop_back();
  if (!column.empty() && std::isdigit(static_cast<unsigned char>(column.front())) != 0) {
    column.insert(0, "f_");
  }
  return column;
}

std::vector<std::string> parameter_names() {
  std::vector<std::string> names;
  for (const auto& spec : model::parameter_specs()) {
    names.emplace_back(spec.name);
    if (!spec.symbol.empty() && spec.symbol != spec.name) names.emplace_back(spec.symbol);
  }
  return names;
}

class FactorReader {
 public:
  FactorReader(Diagnostics& diagnostics, const Scenario& scenario, std::string_view section)
      : diagnostics_(diagnostics), scenario_(scenario), section_(section) {}

  /// The factor `key: value` of `factors:`, or nothing when it has a problem (recorded).
  std::optional<SweepFactor> read(const YamlNode& key, const YamlNode& value) {
    SweepFactor factor;
    factor.path = key.text;
    const auto bounds = resolve(key, factor);
    if (!bounds) return std::nullopt;
    const std::string what = "factor `" + factor.path + "`";
    factor.column = column_of(factor.kind == FactorKind::parameter ? factor.target : factor.path);
    // A factor with nothing after its colon takes its default range.
    YamlNode empty;
    empty.kind = YamlNode::Kind::map;
    const MapReader map(
        value.is_null() ? empty : value, diagnostics_, what,
        {"range", "values", "distribution", "mode", "mean", "sd", "median", "sd_log", "column"});
    if (!map.is_map()) return std::nullopt;
    const std::size_t problems = diagnostics_.count();
    const YamlNode* range = map.get("range");
    const YamlNode* values = map.get("values");
    const YamlNode* distribution = map.get("distribution");
    if (range && values) {
      diagnostics_.error(values->mark, what + " gives both `range` and `values`; keep one");
      return std::nullopt;
    }
    if (distribution && values) {
      diagnostics_.error(values->mark, what + " gives both `distribution` and `values`; keep " +
                                           "one (a list of values takes no distribution)");
      return std::nullopt;
    }
    if (!distribution) {
      for (const auto& entry : kDistributionKeys) {
        if (const YamlNode* v = map.get(entry.key)) {
          diagnostics_.error(v->mark, "`" + std::string(entry.key) + "` of " + what +
                                          " belongs to a distribution: add `distribution: " +
                                          std::string(distribution_name(entry.kind)) +
                                          "`, or remove it");
        }
      }
    }
    if (values) {
      read_values(*values, what, factor, *bounds);
    } else if (distribution) {
      read_distribution(map, *distribution, what, factor, *bounds);
    } else if (range) {
      read_range(*range, what, factor, *bounds);
    } else {
      factor.low = bounds->default_low;
      factor.high = bounds->default_high;
    }
    if (const YamlNode* v = map.get("column")) {
      if (auto column = read_string(*v, diagnostics_, "`column` of " + what)) {
        if (column_of(*column) != *column) {
          diagnostics_.error(v->mark, "`column` of " + what + " must be letters, digits and `_`, " +
                                          "not starting with a digit, e.g. `" + column_of(*column) +
                                          "`");
        }
        factor.column = *column;
      }
    }
    check_column(factor, key.mark, what);
    if (diagnostics_.count() > problems) return std::nullopt;
    return factor;
  }

  /// Problems between factors: a start swept past its intervention's end, a column used twice.
  void check_together(const std::vector<SweepFactor>& factors, const std::vector<Mark>& marks) {
    for (std::size_t i = 0; i < factors.size(); ++i) {
      const SweepFactor& factor = factors[i];
      for (std::size_t j = 0; j < i; ++j) {
        if (lowered(factors[j].column) == lowered(factor.column)) {
          diagnostics_.error(marks[i], "factor `" + factor.path + "` has the column `" +
                                           factor.column + "` of factor `" + factors[j].path +
                                           "`; give one of them another with `column: NAME`");
        }
        if (factor.target == factors[j].target && factor.kind == factors[j].kind) {
          diagnostics_.error(marks[i], "factor `" + factor.path + "` varies what factor `" +
                                           factors[j].path + "` varies; keep one");
        }
      }
      if (!is_quarter_factor(factor.kind)) continue;
      // The latest start must not pass the earliest end, each swept or as written; checked once
      // per intervention, at the later of its two factors.
      const auto swept = [&](FactorKind kind) -> const SweepFactor* {
        for (const auto& f : factors) {
          if (f.target == factor.target && f.kind == kind) return &f;
        }
        return nullptr;
      };
      const auto& intervention = intervention_named(factor.target);
      const SweepFactor* start = swept(FactorKind::intervention_start);
      const SweepFactor* end = swept(FactorKind::intervention_end);
      const double latest_start = start ? largest(*start) : year_of_quarter(intervention.start);
      const double earliest_end = end ? smallest(*end) : year_of_quarter(intervention.end);
      const SweepFactor* later = !start ? end : !end ? start : std::max(start, end);
      if (latest_start > earliest_end && later == &factor) {
        diagnostics_.error(marks[i], "factor `" + factor.path + "` lets intervention `" +
                                         factor.target + "` start after it ends (" +
                                         quarter_of_year(latest_start).str() + " after " +
                                         quarter_of_year(earliest_end).str() +
                                         "); narrow the range so that start <= end at every point");
      }
    }
  }

 private:
  static std::string lowered(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
  }
  static double largest(const SweepFactor& f) {
    return f.values.empty() ? f.high : *std::max_element(f.values.begin(), f.values.end());
  }
  static double smallest(const SweepFactor& f) {
    return f.values.empty() ? f.low : *std::min_element(f.values.begin(), f.values.end());
  }

  const model::Intervention& intervention_named(const std::string& name) const {
    const auto& list = scenario_.config.interventions;
    return *std::find_if(list.begin(), list.end(),
                         [&](const model::Intervention& iv) { return iv.name == name; });
  }

  /// What `key` names: sets the factor's kind and target and returns its bounds.
  std::optional<Bounds> resolve(const YamlNode& key, SweepFactor& factor) {
    const std::string& path = key.text;
    for (const std::string_view list : {"intervention", "donor"}) {
      if (!path.starts_with(std::string(list) + ".")) continue;
      const std::size_t first = list.size(), last = path.rfind('.');
      const bool intervention = list == "intervention";
      const auto fields = intervention ? std::span<const std::string_view>(kInterventionFields)
                                       : std::span<const std::string_view>(kDonorFields);
      const std::vector<std::string> field_names(fields.begin(), fields.end());
      const std::string example = intervention ? "`intervention.Task force tour.intensity`"
                                               : "`donor.US government.foreignness`";
      if (last == first) {
        std::string message = "factor `" + path + "` names no field; write ";
        message += example;
        message += " (fields: " + join_names(field_names) + ")";
        diagnostics_.error(key.mark, message);
        return std::nullopt;
      }
      factor.target = path.substr(first + 1, last - first - 1);
      const std::string field = path.substr(last + 1);
      const auto known = intervention ? names_of(scenario_.config.interventions)
                                      : names_of(scenario_.config.donors);
      if (std::find(known.begin(), known.end(), factor.target) == known.end()) {
        diagnostics_.error(key.mark, unknown_name_message(list, factor.target, known,
                                                          intervention ? "interventions" : "donors",
                                                          "factor `" + path + "`"));
        return std::nullopt;
      }
      const auto it = std::find(field_names.begin(), field_names.end(), field);
      if (it == field_names.end()) {
        diagnostics_.error(
            key.mark, unknown_name_message("field", field, field_names,
                                           std::string(list) + " fields", "factor `" + path + "`") +
                          " (" + (intervention ? "an intervention's" : "a donor's") +
                          " fields that a sweep may vary)");
        return std::nullopt;
      }
      if (!intervention) {
        factor.kind = FactorKind::donor_foreignness;
        return Bounds{0, 1, 0, 1};
      }
      const double run_start = year_of_quarter(scenario_.config.start);
      const double run_end = year_of_quarter(scenario_.config.end);
      const auto& iv = intervention_named(factor.target);
      if (field == "intensity") {
        factor.kind = FactorKind::intervention_intensity;
        return Bounds{0, 1, 0, 1};
      }
      if (field == "start") {
        factor.kind = FactorKind::intervention_start;
        return Bounds{run_start, run_end, run_start, year_of_quarter(iv.end)};
      }
      factor.kind = FactorKind::intervention_end;
      return Bounds{run_start, run_end, year_of_quarter(iv.start), run_end};
    }
    const model::ParameterSpec* spec = model::find_parameter(path);
    if (!spec) spec = model::find_parameter_by_symbol(path);
    if (!spec) {
      // The valid names are hundreds: a suggestion and where to find them, not the list.
      diagnostics_.error(key.mark,
                         "unknown factor `" + path + "` in `" + section_ + "`" +
                             did_you_mean(path, parameter_names()) +
                             "; a factor is a parameter's name or symbol (`policysim list "
                             "parameters`), `intervention.NAME.intensity|start|end` or "
                             "`donor.NAME.foreignness`");
      return std::nullopt;
    }
    factor.kind = FactorKind::parameter;
    factor.target = std::string(spec->name);
    return Bounds{spec->valid_min, spec->valid_max, spec->plausible_low, spec->plausible_high};
  }

  /// One value of a range or a list: a number, or a quarter for a start or an end.
  std::optional<double> read_value(const YamlNode& node, const std::string& what,
                                   const SweepFactor& factor, const Bounds& bounds) {
    if (is_quarter_factor(factor.kind)) {
      const auto quarter = read_quarter(node, diagnostics_, what);
      if (!quarter) return std::nullopt;
      const double year = year_of_quarter(*quarter);
      if (year < bounds.valid_min || year > bounds.valid_max) {
        diagnostics_.error(node.mark, what + " " + quarter->str() + " is outside the run, " +
                                          scenario_.config.start.str() + " to " +
                                          scenario_.config.end.str());
        return std::nullopt;
      }
      return year;
    }
    const auto number = read_number(node, diagnostics_, what);
    if (!number) return std::nullopt;
    if (*number < bounds.valid_min || *number > bounds.valid_max) {
      diagnostics_.error(
          node.mark, what + " = " + format_number(*number) + " is outside its valid range [" +
                         format_number(bounds.valid_min) + ", " + format_number(bounds.valid_max) +
                         "] (plausible range " + format_number(bounds.default_low) + " to " +
                         format_number(bounds.default_high) + ")");
      return std::nullopt;
    }
    return number;
  }

  void read_range(const YamlNode& node, const std::string& what, SweepFactor& factor,
                  const Bounds& bounds) {
    const std::string example = is_quarter_factor(factor.kind) ? "[2003Q1, 2006Q4]" : "[1.5, 4.5]";
    if (!node.is_sequence() || node.items.size() != 2) {
      diagnostics_.error(node.mark, "`range` of " + what + " must be a list of two values, low " +
                                        "and high, e.g. " + example);
      return;
    }
    const auto low = read_value(node.items[0], "the low end of " + what, factor, bounds);
    const auto high = read_value(node.items[1], "the high end of " + what, factor, bounds);
    if (!low || !high) return;
    if (!(*low < *high)) {
      diagnostics_.error(node.mark, "`range` of " + what + " must go from low to high, e.g. " +
                                        example + "; for a single value set it in the scenario " +
                                        "instead of sweeping it");
      return;
    }
    factor.low = *low;
    factor.high = *high;
  }

  void read_values(const YamlNode& node, const std::string& what, SweepFactor& factor,
                   const Bounds& bounds) {
    if (!node.is_sequence() || node.items.size() < 2) {
      diagnostics_.error(node.mark, "`values` of " + what + " must be a list of at least two " +
                                        "values, e.g. [1.5, 3, 4.5]");
      return;
    }
    for (const auto& item : node.items) {
      const auto value = read_value(item, "a value of " + what, factor, bounds);
      if (!value) continue;
      if (std::find(factor.values.begin(), factor.values.end(), *value) != factor.values.end()) {
        diagnostics_.error(item.mark, "a value of " + what + " is listed twice; list each once");
        continue;
      }
      factor.values.push_back(*value);
    }
    if (!factor.values.empty()) {
      factor.low = *std::min_element(factor.values.begin(), factor.values.end());
      factor.high = *std::max_element(factor.values.begin(), factor.values.end());
    }
  }

  /// `distribution:` and its keys: the distribution's parameters, its range (given, else the
  /// valid range that a normal or a lognormal is cut to, the plausible range for the others).
  void read_distribution(const MapReader& map, const YamlNode& node, const std::string& what,
                         SweepFactor& factor, const Bounds& bounds) {
    if (is_quarter_factor(factor.kind)) {
      diagnostics_.error(node.mark, what + " is a quarter and takes no `distribution`; give it " +
                                        "`range: [2003Q1, 2006Q4]` or `values: [...]`");
      return;
    }
    std::vector<std::string_view> names;
    names.reserve(kDistributions.size());
    for (const auto kind : kDistributions) names.push_back(distribution_name(kind));
    const auto choice = read_choice(node, diagnostics_, "`distribution` of " + what, names);
    if (!choice) return;
    const std::size_t problems = diagnostics_.count();
    FactorDistribution& distribution = factor.distribution;
    distribution.kind = kDistributions[*choice];
    for (const auto& entry : kDistributionKeys) {
      read_distribution_key(map, entry, node, what, distribution);
    }
    const YamlNode* range = map.get("range");
    if (range) {
      read_range(*range, what, factor, bounds);
    } else if (distribution.kind == DistributionKind::normal ||
               distribution.kind == DistributionKind::lognormal) {
      distribution.open = true;
      factor.low = bounds.valid_min;
      factor.high = bounds.valid_max;
    } else {
      factor.low = bounds.default_low;
      factor.high = bounds.default_high;
    }
    if (diagnostics_.count() > problems) return;
    const std::string range_text =
        "[" + format_number(factor.low) + ", " + format_number(factor.high) + "]";
    if (distribution.kind == DistributionKind::triangular &&
        !(distribution.mode >= factor.low && distribution.mode <= factor.high)) {
      diagnostics_.error(map.get("mode")->mark,
                         "`mode` of " + what + " is " + format_number(distribution.mode) +
                             ", outside its range " + range_text +
                             "; give a mode inside the range, or a range around it");
      return;
    }
    const double held = probability_between(distribution, factor.low, factor.high);
    const std::string text = distribution_text(distribution);
    if (range && held < kLeastProbabilityInRange) {
      diagnostics_.error(range->mark, "`range` " + range_text + " of " + what + " holds " +
                                          percent(held) + " of its " + text +
                                          "; check the distribution's parameters, or widen the " +
                                          "range");
    } else if (distribution.open && 1 - held > kMostProbabilityCutUnseen) {
      diagnostics_.error(node.mark, "the " + text + " of " + what + " puts " + percent(1 - held) +
                                        " of its probability outside the factor's valid range " +
                                        range_text + "; cut it there with `range: " + range_text +
                                        "` (or a narrower range), or choose parameters that " +
                                        "keep it inside");
    }
  }

  /// The key `entry` of a factor whose distribution is `distribution.kind`: a number where it
  /// belongs to that distribution, where it is required; a problem where it does not.
  void read_distribution_key(const MapReader& map, const DistributionKey& entry,
                             const YamlNode& node, const std::string& what,
                             FactorDistribution& distribution) {
    const YamlNode* v = map.get(entry.key);
    const std::string key(entry.key);
    const std::string name(distribution_name(distribution.kind));
    if (entry.kind != distribution.kind) {
      if (v) {
        diagnostics_.error(v->mark, "`" + key + "` of " + what + " is a parameter of a " +
                                        std::string(distribution_name(entry.kind)) + ", not of a " +
                                        name + "; " + distribution_usage(distribution.kind));
      }
      return;
    }
    if (!v) {
      diagnostics_.error(node.mark, "the " + name + " of " + what + " needs `" + key + "`; " +
                                        distribution_usage(distribution.kind));
      return;
    }
    const auto number = read_number(*v, diagnostics_, "`" + key + "` of " + what);
    if (!number) return;
    // A spread, and a lognormal's median, must be positive; a mean or a mode may be anything
    // that its range allows.
    const bool positive = entry.key == "sd" || entry.key == "sd_log" || entry.key == "median";
    if (positive && !(*number > 0)) {
      diagnostics_.error(v->mark, "`" + key + "` of " + what + " is " + format_number(*number) +
                                      "; it must be above 0");
      return;
    }
    distribution.*entry.field = *number;
  }

  /// What a distribution takes, for messages.
  static std::string distribution_usage(DistributionKind kind) {
    switch (kind) {
      case DistributionKind::uniform:
        return "a uniform takes `range: [low, high]` only, e.g. {distribution: uniform, range: "
               "[1.5, 4.5]}";
      case DistributionKind::triangular:
        return "a triangular takes `mode` and `range: [low, high]`, e.g. {distribution: "
               "triangular, range: [1.5, 4.5], mode: 2}";
      case DistributionKind::normal:
        return "a normal takes `mean`, `sd` and, to cut it, `range: [low, high]`, e.g. "
               "{distribution: normal, mean: 3, sd: 0.5}";
      case DistributionKind::lognormal:
        return "a lognormal takes `median`, `sd_log` (the standard deviation of the value's log) "
               "and, to cut it, `range: [low, high]`, e.g. {distribution: lognormal, median: "
               "0.02, sd_log: 0.4}";
      case DistributionKind::none:
        break;
    }
    return "";
  }

  /// A probability as a percentage for messages: "15.9%", "1e-07%".
  static std::string percent(double probability) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3g%%", 100 * probability);
    return text;
  }

  void check_column(const SweepFactor& factor, Mark mark, const std::string& what) {
    if (factor.column.empty() || factor.column.size() > 64) {
      diagnostics_.error(mark, what + " makes the column name `" + factor.column +
                                   "`, which is empty or longer than 64 characters; give it a " +
                                   "short one with `column: NAME`");
      return;
    }
    const auto& outcomes = model::kOutcomeNames;
    if (std::find(outcomes.begin(), outcomes.end(), factor.column) != outcomes.end()) {
      diagnostics_.error(mark, what + " makes the column `" + factor.column +
                                   "`, an outcome's name; give it another with `column: NAME`");
    }
  }

  Diagnostics& diagnostics_;
  const Scenario& scenario_;
  std::string section_;  ///< where the factors are, for messages: "sweep.factors"
};

/// The levels or points of the design: a whole number from 1 (or `minimum`) to kMaxPoints.
std::optional<std::size_t> read_size(const YamlNode& node, Diagnostics& diagnostics,
                                     std::string_view what, std::uint64_t minimum) {
  return read_count(node, diagnostics, what, minimum, kMaxRuns);
}

}  // namespace

std::vector<SweepFactor> read_factors(const YamlNode& node, Diagnostics& diagnostics,
                                      const Scenario& scenario, std::string_view section) {
  std::vector<SweepFactor> factors;
  if (!node.is_map() || node.entries.empty()) {
    diagnostics.error(node.mark, "`" + std::string(section) +
                                     "` must be a map of factors to their ranges, e.g.\n"
                                     "  beta_resistance: {range: [1.5, 4.5]}\n"
                                     "  beta0.law: {}   # the parameter's plausible range");
    return factors;
  }
  FactorReader reader(diagnostics, scenario, section);
  std::vector<Mark> marks;
  for (const auto& [key, value] : node.entries) {
    if (auto factor = reader.read(key, value)) {
      factors.push_back(std::move(*factor));
      marks.push_back(key.mark);
    }
  }
  reader.check_together(factors, marks);
  return factors;
}

Mark factor_mark(const YamlNode& factors, const SweepFactor& factor) {
  const auto entry =
      std::find_if(factors.entries.begin(), factors.entries.end(),
                   [&](const YamlNode::Entry& e) { return e.key.text == factor.path; });
  return entry == factors.entries.end() ? factors.mark : entry->key.mark;
}

std::optional<Sweep> read_sweep(const YamlNode& node, Diagnostics& diagnostics,
                                const Scenario& scenario) {
  const std::size_t problems = diagnostics.count();
  Sweep sweep;
  const MapReader map(node, diagnostics, "sweep",
                      {"design", "points", "levels", "replications", "seed", "factors"});
  if (!map.is_map()) return std::nullopt;
  const YamlNode* design = map.require("design");
  if (design) {
    std::vector<std::string_view> names;
    names.reserve(kDesigns.size());
    for (const auto kind : kDesigns) names.push_back(sensitivity::design_kind_name(kind));
    if (auto kind = read_choice(*design, diagnostics, "sweep design", names)) {
      sweep.design = kDesigns[*kind];
    } else {
      design = nullptr;
    }
  }
  const YamlNode* points = map.get("points");
  const YamlNode* levels = map.get("levels");
  if (points) sweep.points = read_size(*points, diagnostics, "`sweep.points`", 1).value_or(0);
  if (levels) sweep.levels = read_size(*levels, diagnostics, "`sweep.levels`", 2).value_or(0);
  if (const YamlNode* v = map.get("replications")) {
    sweep.replications = read_size(*v, diagnostics, "`sweep.replications`", 1).value_or(1);
  }
  if (const YamlNode* v = map.get("seed")) {
    sweep.seed = read_count(*v, diagnostics, "`sweep.seed`").value_or(1);
  }

  const YamlNode* factors = map.require("factors");
  if (factors) sweep.factors = read_factors(*factors, diagnostics, scenario, "sweep.factors");

  if (design) {
    const std::string name(sensitivity::design_kind_name(sweep.design));
    if (sweep.design == SweepDesign::grid) {
      if (points) {
        diagnostics.error(points->mark,
                          "a grid has no `points`: its size is the product of each factor's "
                          "levels (`levels:` for a range, the count of its `values`); remove it");
      }
      const bool any_range = std::any_of(sweep.factors.begin(), sweep.factors.end(),
                                         [](const SweepFactor& f) { return f.values.empty(); });
      if (any_range && !levels) {
        diagnostics.error(design->mark,
                          "a grid over a `range` needs `levels:` (values per factor, e.g. "
                          "`levels: 5` for low, three between and high; a distribution's "
                          "quantiles at 0, 1/4, ..., 1), or give `values:`");
      }
      // A grid's levels include the unit interval's ends, where a distribution cut only at its
      // factor's valid range takes those bounds: no values a grid should be made of.
      for (std::size_t f = 0; f < sweep.factors.size(); ++f) {
        const SweepFactor& factor = sweep.factors[f];
        if (!factor.distribution.open) continue;
        diagnostics.error(factor_mark(*factors, factor),
                          "a grid takes factor `" + factor.path + "` at quantiles " +
                              "0 and 1 of its " + distribution_text(factor.distribution) +
                              ", which has no ends of its own (only the factor's valid " +
                              "range cuts it); give it `range: [low, high]` to cut it, " +
                              "or use a sampled design (latin_hypercube, sobol, " +
                              "saltelli, morris, random)");
      }
    } else {
      if (!points) {
        diagnostics.error(design->mark,
                          "a " + name + " design needs `points:` (" +
                              (sweep.design == SweepDesign::saltelli
                                   ? "base samples N; it runs N x (factors + 2) points"
                               : sweep.design == SweepDesign::morris
                                   ? "trajectories r; it runs r x (factors + 1) points"
                                   : "the number of points") +
                              ")");
      }
      if (levels && sweep.design != SweepDesign::morris) {
        diagnostics.error(levels->mark, "`levels` applies to grid and morris designs, not " + name +
                                            "; remove it");
      }
      if (sweep.design == SweepDesign::morris && !levels) sweep.levels = kDefaultMorrisLevels;
    }
  }
  if (diagnostics.count() > problems) return std::nullopt;
  // The design's own checks (a Morris grid's levels, a Sobol' sequence's dimensions), and a size
  // that is a plan rather than a typo.
  try {
    const std::uint64_t rows = sensitivity::design_rows(design_request(sweep));
    if (rows > kMaxRuns / sweep.replications) {
      diagnostics.error(design->mark,
                        "the sweep has " + std::to_string(rows) + " points of " +
                            std::to_string(sweep.replications) + " replicates, more than " +
                            std::to_string(kMaxRuns) +
                            " runs; use fewer points, levels, factors or replications");
    }
  } catch (const std::invalid_argument& e) {
    diagnostics.error(design->mark, std::string(e.what()) + " (in `sweep`)");
  }
  if (diagnostics.count() > problems) return std::nullopt;
  return sweep;
}

}  // namespace policysim::scenario::detail
