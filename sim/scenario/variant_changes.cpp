#include "sim/scenario/variant_changes.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>
#include <tuple>

#include "sim/model/parameter_table.hpp"
#include "sim/scenario/parameter_reader.hpp"
#include "sim/scenario/value_reader.hpp"

namespace policysim::scenario {
namespace {

constexpr std::array<std::string_view, 3> kFrameNames = {"balanced", "prosecution", "protection"};
constexpr std::array<std::string_view, 3> kAdoptionModeNames = {"hazard", "threshold",
                                                                "complex_contagion"};

std::string in_backticks(std::string_view name) {
  // Appended, not `"`" + name + "`"`: GCC 12 warns (-Wrestrict) falsely on that form.
  std::string text = "`";
  text.append(name);
  text += '`';
  return text;
}

std::string on_off(bool on) { return on ? "on" : "off"; }

std::string quarter_text(const std::optional<core::Quarter>& quarter) {
  return quarter ? quarter->str() : "none";
}

std::string number_text(const std::optional<double>& value) {
  return value ? format_number(*value) : "the instrument's default";
}

/// Appends "field old -> new" to `fields` when the two differ.
template <class T, class Text>
void compare_field(std::vector<std::string>& fields, std::string_view field, const T& before,
                   const T& after, Text text) {
  if (before == after) return;
  fields.push_back(std::string(field) + " " + text(before) + " -> " + text(after));
}

std::string joined(const std::vector<std::string>& parts) {
  std::string text;
  for (const auto& part : parts) {
    if (!text.empty()) text += ", ";
    text += part;
  }
  return text;
}

std::vector<std::string> donor_differences(const model::Donor& a, const model::Donor& b) {
  std::vector<std::string> fields;
  const auto number = [](double v) { return format_number(v); };
  compare_field(fields, "foreignness", a.foreignness, b.foreignness, number);
  compare_field(fields, "local_ownership", a.local_ownership, b.local_ownership, number);
  compare_field(fields, "foreign", a.foreign, b.foreign,
                [](bool v) { return std::string(v ? "true" : "false"); });
  compare_field(fields, "frame", a.frame, b.frame, [](model::Frame f) {
    return std::string(kFrameNames[static_cast<std::size_t>(f)]);
  });
  compare_field(fields, "horizon", a.horizon, b.horizon, quarter_text);
  return fields;
}

bool same_targets(const model::TargetedRegions& a, const model::TargetedRegions& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case model::TargetedRegions::Kind::regions:
      return a.regions == b.regions;
    case model::TargetedRegions::Kind::district:
      return a.district == b.district;
    case model::TargetedRegions::Kind::most_exposed:
    case model::TargetedRegions::Kind::random:
      return a.count == b.count;
    case model::TargetedRegions::Kind::all:
      return true;
  }
  return false;
}

std::vector<std::string> intervention_differences(const model::Config& base,
                                                  const model::Intervention& a,
                                                  const model::Config& variant,
                                                  const model::Intervention& b) {
  std::vector<std::string> fields;
  compare_field(fields, "donor", base.donors[a.donor].name, variant.donors[b.donor].name,
                in_backticks);
  compare_field(fields, "instrument", a.instrument, b.instrument, [](model::Instrument i) {
    return std::string(model::kInstrumentNames[static_cast<std::size_t>(i)]);
  });
  const auto quarter = [](core::Quarter q) { return q.str(); };
  compare_field(fields, "start", a.start, b.start, quarter);
  compare_field(fields, "end", a.end, b.end, quarter);
  if (!same_targets(a.targets, b.targets)) fields.emplace_back("targets");
  compare_field(fields, "intensity", a.intensity, b.intensity,
                [](double v) { return format_number(v); });
  compare_field(fields, "visibility", a.visibility, b.visibility, number_text);
  return fields;
}

/// Whether two series differ on any quarter of either run (0 outside a run, as in the model's
/// input), so that a changed period alone does not count as a changed series.
bool series_differ(const model::Series& a, core::Quarter a_start, const model::Series& b,
                   core::Quarter b_start) {
  const auto value_at = [](const model::Series& s, core::Quarter start, core::Quarter q) {
    const int tick = q - start;
    return tick >= 0 && tick < static_cast<int>(s.size()) ? s[static_cast<std::size_t>(tick)] : 0.0;
  };
  const core::Quarter first = std::min(a_start, b_start);
  const core::Quarter last =
      std::max(a_start + static_cast<int>(a.size()), b_start + static_cast<int>(b.size()));
  for (core::Quarter q = first; q < last; q = q + 1) {
    if (value_at(a, a_start, q) != value_at(b, b_start, q)) return true;
  }
  return false;
}

/// Added, removed and changed items of two lists matched by name.
template <class Item, class Differences>
void compare_named(std::vector<std::string>& changes, std::string_view thing,
                   const std::vector<Item>& before, const std::vector<Item>& after,
                   Differences differences) {
  const auto find = [](const std::vector<Item>& items, const std::string& name) {
    return std::find_if(items.begin(), items.end(),
                        [&](const Item& item) { return item.name == name; });
  };
  for (const auto& item : before) {
    auto it = find(after, item.name);
    if (it == after.end()) {
      changes.push_back(std::string(thing) + " " + in_backticks(item.name) + " removed");
    } else if (auto fields = differences(item, *it); !fields.empty()) {
      changes.push_back(std::string(thing) + " " + in_backticks(item.name) +
                        " changed: " + joined(fields));
    }
  }
  for (const auto& item : after) {
    if (find(before, item.name) == before.end()) {
      changes.push_back(std::string(thing) + " " + in_backticks(item.name) + " added");
    }
  }
}

template <class T>
void compare_count(std::vector<std::string>& changes, std::string_view what, const T& before,
                   const T& after, bool same) {
  if (same) return;
  changes.push_back(std::string(what) + " changed (" + std::to_string(before.size()) + " -> " +
                    std::to_string(after.size()) + ")");
}

}  // namespace

std::vector<std::string> describe_changes(const Scenario& base, const Scenario& variant) {
  std::vector<std::string> changes;
  const model::Config& a = base.config;
  const model::Config& b = variant.config;
  if (a.start != b.start || a.end != b.end) {
    changes.push_back("period " + a.start.str() + "-" + a.end.str() + " -> " + b.start.str() + "-" +
                      b.end.str());
  }
  if (base.region_count != variant.region_count || base.country.kind != variant.country.kind) {
    changes.push_back("country " + std::to_string(base.region_count) + " regions -> " +
                      std::to_string(variant.region_count) + " regions");
  }
  if (base.country.include_edges != variant.country.include_edges) {
    changes.emplace_back("include_edges changed");
  }
  if (base.replications != variant.replications) {
    changes.push_back("replications " + std::to_string(base.replications) + " -> " +
                      std::to_string(variant.replications));
  }
  if (base.seed != variant.seed) {
    changes.push_back("seed " + std::to_string(base.seed) + " -> " + std::to_string(variant.seed));
  }
  if (a.adoption_mode != b.adoption_mode) {
    changes.push_back("adoption_mode " +
                      std::string(kAdoptionModeNames[static_cast<std::size_t>(a.adoption_mode)]) +
                      " -> " +
                      std::string(kAdoptionModeNames[static_cast<std::size_t>(b.adoption_mode)]));
  }
  for (const auto& [name, field] : detail::mechanism_switches()) {
    if (a.mechanisms.*field != b.mechanisms.*field) {
      changes.push_back("mechanism " + in_backticks(name) + " " + on_off(a.mechanisms.*field) +
                        " -> " + on_off(b.mechanisms.*field));
    }
  }
  model::Params before = a.params;
  model::Params after = b.params;
  for (const auto& spec : model::parameter_specs()) {
    const double x = spec.field(before);
    const double y = spec.field(after);
    if (x != y) {
      changes.push_back("parameter " + in_backticks(spec.name) + " " + format_number(x) + " -> " +
                        format_number(y));
    }
  }
  compare_named(changes, "donor", a.donors, b.donors, donor_differences);
  compare_named(changes, "intervention", a.interventions, b.interventions,
                [&](const model::Intervention& x, const model::Intervention& y) {
                  return intervention_differences(a, x, b, y);
                });
  for (const auto& [name, x, y] :
       {std::tuple{"tip", &a.tip, &b.tip}, std::tuple{"elections", &a.elections, &b.elections},
        std::tuple{"un", &a.un, &b.un}}) {
    if (series_differ(*x, a.start, *y, b.start)) {
      changes.push_back("series " + in_backticks(name) + " changed");
    }
  }
  const auto same_events =
      std::equal(a.forced_events.begin(), a.forced_events.end(), b.forced_events.begin(),
                 b.forced_events.end(),
                 [](const auto& x, const auto& y) { return x.kind == y.kind && x.when == y.when; });
  compare_count(changes, "forced_events", a.forced_events, b.forced_events, same_events);
  const auto same_adopters = std::equal(
      a.initial_adopters.begin(), a.initial_adopters.end(), b.initial_adopters.begin(),
      b.initial_adopters.end(),
      [](const auto& x, const auto& y) { return x.region == y.region && x.level == y.level; });
  compare_count(changes, "initial_adopters", a.initial_adopters, b.initial_adopters, same_adopters);
  const auto same_ngos = std::equal(a.named_ngos.begin(), a.named_ngos.end(), b.named_ngos.begin(),
                                    b.named_ngos.end(), [](const auto& x, const auto& y) {
                                      return x.name == y.name && x.region == y.region &&
                                             x.resources == y.resources &&
                                             x.foreign_share == y.foreign_share &&
                                             x.legitimacy == y.legitimacy && x.tie == y.tie;
                                    });
  compare_count(changes, "ngos", a.named_ngos, b.named_ngos, same_ngos);
  if (a.default_ngos != b.default_ngos) {
    changes.push_back("default_ngos " + on_off(a.default_ngos) + " -> " + on_off(b.default_ngos));
  }
  const auto same_target_names =
      std::equal(base.targets.begin(), base.targets.end(), variant.targets.begin(),
                 variant.targets.end(), [](const StylisedFact& x, const StylisedFact& y) {
                   return x.name == y.name && x.metric == y.metric && x.low == y.low &&
                          x.high == y.high && x.share == y.share;
                 });
  compare_count(changes, "targets", base.targets, variant.targets, same_target_names);
  const auto same_arms =
      std::equal(base.arms.begin(), base.arms.end(), variant.arms.begin(), variant.arms.end(),
                 [](const Arm& x, const Arm& y) { return x.name == y.name; });
  compare_count(changes, "arms", base.arms, variant.arms, same_arms);
  return changes;
}

}  // namespace policysim::scenario
