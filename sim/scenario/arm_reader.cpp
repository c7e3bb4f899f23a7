#include "sim/scenario/arm_reader.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/config_reader.hpp"
#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/map_reader.hpp"
#include "sim/scenario/parameter_reader.hpp"
#include "sim/scenario/value_reader.hpp"

namespace policysim::scenario::detail {
namespace {

/// "arm `name`" (or "an arm" before its name is known), for messages.
std::string arm_label(const std::string& name) {
  if (name.empty()) return "an arm";
  std::string label = "arm `";
  label += name;
  label += '`';
  return label;
}

/// Arm names go on the command line (`--arms a,b`) and into the database: keep them plain.
bool plain_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
  });
}

/// The mark of each map item's `name` value, in the order the list readers push items (they
/// skip items that are not maps); the item's own mark when it has no name.
std::vector<Mark> name_marks(const YamlNode& list) {
  std::vector<Mark> marks;
  if (!list.is_sequence()) return marks;
  for (const auto& item : list.items) {
    if (!item.is_map()) continue;
    Mark mark = item.mark;
    for (const auto& [key, value] : item.entries) {
      if (key.text == "name") mark = value.mark;
    }
    marks.push_back(mark);
  }
  return marks;
}

/// Interventions read from `node` against the arm's current donors.
std::vector<model::Intervention> read_intervention_list(const YamlNode& node,
                                                        Diagnostics& diagnostics,
                                                        const RegionDirectory& regions,
                                                        const model::Config& arm) {
  model::Config scratch;
  scratch.start = arm.start;
  scratch.end = arm.end;
  scratch.donors = arm.donors;
  scratch.params = arm.params;  // the visibility an override is compared with
  read_interventions(node, diagnostics, regions, scratch);
  return std::move(scratch.interventions);
}

void apply_series(const YamlNode& node, Diagnostics& diagnostics, model::Config& arm) {
  // Only the series the arm names change; the others stay as in the base.
  model::Config scratch;
  scratch.start = arm.start;
  scratch.end = arm.end;
  read_series(node, diagnostics, scratch);
  if (!node.is_map()) return;
  for (const auto& [key, value] : node.entries) {
    if (key.text == "tip") arm.tip = scratch.tip;
    if (key.text == "elections") arm.elections = scratch.elections;
    if (key.text == "un") arm.un = scratch.un;
  }
}

void apply_donors_replace(const YamlNode& node, Diagnostics& diagnostics, const std::string& label,
                          model::Config& arm) {
  model::Config scratch;
  read_donors(node, diagnostics, scratch);
  const auto marks = name_marks(node);
  const auto known = names_of(arm.donors);
  for (std::size_t i = 0; i < scratch.donors.size(); ++i) {
    auto& donor = scratch.donors[i];
    if (donor.name.empty()) continue;
    auto it = std::find_if(arm.donors.begin(), arm.donors.end(),
                           [&](const model::Donor& d) { return d.name == donor.name; });
    if (it == arm.donors.end()) {
      diagnostics.error(
          i < marks.size() ? marks[i] : node.mark,
          unknown_name_message("donor", donor.name, known, "donors", "donors_replace") + " (in " +
              label + "; use `donors_add` for a new donor)");
      continue;
    }
    *it = std::move(donor);  // in place: interventions keep pointing at it
  }
}

void apply_donors_add(const YamlNode& node, Diagnostics& diagnostics, model::Config& arm) {
  // read_donors appends and reports a name that is already a donor.
  read_donors(node, diagnostics, arm);
}

void apply_interventions_remove(const YamlNode& node, Diagnostics& diagnostics,
                                const std::string& label, model::Config& arm) {
  if (!node.is_sequence()) {
    diagnostics.error(node.mark,
                      "expected a list of intervention names for "
                      "`interventions_remove` of " +
                          label + ", e.g. [Task force tour, Legislation push]");
    return;
  }
  const auto known = names_of(arm.interventions);
  std::vector<std::string> removed;
  for (const auto& item : node.items) {
    auto name = read_string(item, diagnostics, "an item of `interventions_remove` of " + label);
    if (!name) continue;
    if (std::find(known.begin(), known.end(), *name) == known.end()) {
      diagnostics.error(item.mark, unknown_name_message("intervention", *name, known,
                                                        "interventions", "interventions_remove") +
                                       " (in " + label + ")");
      continue;
    }
    if (std::find(removed.begin(), removed.end(), *name) != removed.end()) {
      diagnostics.error(item.mark, "intervention `" + *name + "` is removed twice in " + label);
      continue;
    }
    removed.push_back(*name);
  }
  std::erase_if(arm.interventions, [&](const model::Intervention& iv) {
    return std::find(removed.begin(), removed.end(), iv.name) != removed.end();
  });
}

void apply_interventions_replace(const YamlNode& node, Diagnostics& diagnostics,
                                 const RegionDirectory& regions, const std::string& label,
                                 model::Config& arm) {
  auto replacements = read_intervention_list(node, diagnostics, regions, arm);
  const auto marks = name_marks(node);
  const auto known = names_of(arm.interventions);
  for (std::size_t i = 0; i < replacements.size(); ++i) {
    auto& replacement = replacements[i];
    if (replacement.name.empty()) continue;
    auto it =
        std::find_if(arm.interventions.begin(), arm.interventions.end(),
                     [&](const model::Intervention& iv) { return iv.name == replacement.name; });
    if (it == arm.interventions.end()) {
      diagnostics.error(i < marks.size() ? marks[i] : node.mark,
                        unknown_name_message("intervention", replacement.name, known,
                                             "interventions", "interventions_replace") +
                            " (in " + label + "; use `interventions_add` for a new one)");
      continue;
    }
    *it = std::move(replacement);
  }
}

void apply_interventions_add(const YamlNode& node, Diagnostics& diagnostics,
                             const RegionDirectory& regions, const std::string& label,
                             model::Config& arm) {
  auto added = read_intervention_list(node, diagnostics, regions, arm);
  const auto marks = name_marks(node);
  for (std::size_t i = 0; i < added.size(); ++i) {
    const bool exists =
        std::any_of(arm.interventions.begin(), arm.interventions.end(),
                    [&](const model::Intervention& iv) { return iv.name == added[i].name; });
    if (exists && !added[i].name.empty()) {
      diagnostics.error(i < marks.size() ? marks[i] : node.mark,
                        "intervention `" + added[i].name + "` already exists in " + label +
                            "; use `interventions_replace` to change it, or another name");
      continue;
    }
    arm.interventions.push_back(std::move(added[i]));
  }
}

Arm read_arm(const YamlNode& item, Diagnostics& diagnostics, const RegionDirectory& regions,
             const Scenario& base) {
  Arm arm;
  arm.config = base.config;
  arm.parameters = base.parameters;
  const MapReader map(item, diagnostics, "arm",
                      {"name", "description", "parameters", "mechanisms", "series", "forced_events",
                       "donors_replace", "donors_add", "interventions", "interventions_remove",
                       "interventions_replace", "interventions_add"});
  if (!map.is_map()) return arm;
  if (const YamlNode* v = map.require("name")) {
    arm.name = read_string(*v, diagnostics, "`name` of an arm").value_or("");
    if (!arm.name.empty() && !plain_name(arm.name)) {
      diagnostics.error(v->mark, "arm name `" + arm.name +
                                     "` may hold only letters, digits, `_`, `-` and `.`, so that "
                                     "it can be given to `--arms`");
      arm.name.clear();
    } else if (arm.name == kBaseArm) {
      diagnostics.error(v->mark, "`base` is the base scenario itself; give the arm another name");
      arm.name.clear();
    }
  }
  const std::string label = arm_label(arm.name);
  if (const YamlNode* v = map.get("description")) {
    arm.description = read_string(*v, diagnostics, "`description` of " + label).value_or("");
  }
  model::Config& config = arm.config;
  // Scalar settings first, then donors (interventions refer to them), then interventions.
  if (const YamlNode* v = map.get("parameters"); v && !v->is_null()) {
    // Read on their own, so a parameter the base also sets is the arm's change, not a repeat.
    std::map<std::string, double> given_by_arm;
    read_parameters(*v, diagnostics, config.params, given_by_arm);
    for (const auto& [name, value] : given_by_arm) arm.parameters[name] = value;
  }
  if (const YamlNode* v = map.get("mechanisms"); v && !v->is_null()) {
    read_mechanisms(*v, diagnostics, config.mechanisms);
  }
  if (const YamlNode* v = map.get("series")) apply_series(*v, diagnostics, config);
  if (const YamlNode* v = map.get("forced_events")) {
    config.forced_events.clear();
    read_forced_events(*v, diagnostics, config);
  }
  if (const YamlNode* v = map.get("donors_replace")) {
    apply_donors_replace(*v, diagnostics, label, config);
  }
  if (const YamlNode* v = map.get("donors_add")) apply_donors_add(*v, diagnostics, config);
  if (const YamlNode* v = map.get("interventions")) {
    config.interventions = read_intervention_list(*v, diagnostics, regions, config);
  }
  if (const YamlNode* v = map.get("interventions_remove")) {
    apply_interventions_remove(*v, diagnostics, label, config);
  }
  if (const YamlNode* v = map.get("interventions_replace")) {
    apply_interventions_replace(*v, diagnostics, regions, label, config);
  }
  if (const YamlNode* v = map.get("interventions_add")) {
    apply_interventions_add(*v, diagnostics, regions, label, config);
  }
  return arm;
}

}  // namespace

void read_arms(const YamlNode& node, const YamlNode* reference, Diagnostics& diagnostics,
               const RegionDirectory& regions, Scenario& scenario) {
  if (!node.is_null() && !node.is_sequence()) {
    diagnostics.error(node.mark, "expected a list for `arms`, got " + std::string(kind_name(node)) +
                                     "; write arms as `- {name: us_style, parameters: {...}}`");
  }
  std::vector<Arm> arms;
  std::vector<Mark> marks = name_marks(node);
  if (node.is_sequence()) {
    for (const auto& item : node.items) {
      Arm arm = read_arm(item, diagnostics, regions, scenario);
      if (!item.is_map()) continue;
      const bool repeated = std::any_of(arms.begin(), arms.end(), [&](const Arm& other) {
        return !arm.name.empty() && other.name == arm.name;
      });
      if (repeated) {
        diagnostics.error(marks[arms.size()],
                          "arm `" + arm.name + "` is defined twice; arm names must differ");
      }
      arms.push_back(std::move(arm));
    }
  }
  if (reference && !reference->is_null()) {
    if (auto name = read_string(*reference, diagnostics, "`reference`")) {
      std::vector<std::string> names = {std::string(kBaseArm)};
      for (const auto& arm : arms) names.push_back(arm.name);
      if (std::find(names.begin(), names.end(), *name) == names.end()) {
        diagnostics.error(reference->mark,
                          unknown_name_message("arm", *name, names, "arms", "reference"));
      } else {
        scenario.reference = *name;
      }
    }
  }
  scenario.arms = std::move(arms);
}

}  // namespace policysim::scenario::detail
