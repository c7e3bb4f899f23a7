#include "sim/scenario/parameter_reader.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/model/parameter_table.hpp"
#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/map_reader.hpp"
#include "sim/scenario/value_reader.hpp"

namespace policysim::scenario::detail {
namespace {

/// Parameter names never nest deeper than "effect.training.law"; a little slack beyond.
constexpr std::size_t kMaxParameterDepth = 6;

/// The names a scenario may write for a parameter: its name, and MODEL.md's symbol where that
/// differs ("beta_R" for beta_resistance).
std::vector<std::string_view> spellings(const model::ParameterSpec& spec) {
  if (spec.symbol.empty() || spec.symbol == spec.name) return {spec.name};
  return {spec.name, spec.symbol};
}

/// The next name segments valid after `prefix` ("" for the top level): "beta0", "gamma", ...
std::vector<std::string> names_below(std::string_view prefix) {
  std::vector<std::string> names;
  for (const auto& spec : model::parameter_specs()) {
    for (std::string_view name : spellings(spec)) {
      if (!prefix.empty()) {
        if (!name.starts_with(prefix) || name.size() <= prefix.size() ||
            name[prefix.size()] != '.') {
          continue;
        }
        name.remove_prefix(prefix.size() + 1);
      }
      const std::string segment(name.substr(0, name.find('.')));
      if (std::find(names.begin(), names.end(), segment) == names.end()) names.push_back(segment);
    }
  }
  return names;
}

std::vector<std::string> all_names() {
  std::vector<std::string> names;
  for (const auto& spec : model::parameter_specs()) {
    for (std::string_view name : spellings(spec)) names.emplace_back(name);
  }
  return names;
}

std::string join_path(std::string_view prefix, std::string_view key) {
  std::string path(prefix);
  if (!path.empty()) path += '.';
  path.append(key);
  return path;
}

/// The table's name of the parameter written as `path` (by name or by symbol), or `path` itself
/// when it names none.
std::string canonical_name(const std::string& path) {
  const model::ParameterSpec* spec = model::find_parameter(path);
  if (!spec) spec = model::find_parameter_by_symbol(path);
  return spec ? std::string(spec->name) : path;
}

/// The canonical names of every value that `node` sets below `prefix`.
void collect_set_names(const YamlNode& node, const std::string& prefix,
                       std::set<std::string>& names) {
  for (const auto& [key, value] : node.entries) {
    const std::string path = join_path(prefix, key.text);
    if (value.is_map()) {
      collect_set_names(value, path, names);
    } else {
      names.insert(canonical_name(path));
    }
  }
}

/// Erases the values of `node` below `prefix` named in `names`, and the groups left empty by that.
void erase_named(YamlNode& node, const std::string& prefix, const std::set<std::string>& names) {
  std::erase_if(node.entries, [&](YamlNode::Entry& entry) {
    const std::string path = join_path(prefix, entry.key.text);
    if (!entry.value.is_map()) return names.contains(canonical_name(path));
    if (entry.value.entries.empty()) return false;
    erase_named(entry.value, path, names);
    return entry.value.entries.empty();
  });
}

class ParameterWalker {
 public:
  ParameterWalker(Diagnostics& diagnostics, model::Params& params,
                  std::map<std::string, double>& given)
      : diagnostics_(diagnostics), params_(params), given_(given) {}

  void walk_map(const YamlNode& node, const std::string& prefix, std::size_t depth) {
    const std::string context = prefix.empty() ? "parameters" : "parameters." + prefix;
    if (!node.is_map()) {
      diagnostics_.error(node.mark, "expected a map of parameter names to numbers for `" + context +
                                        "`, got " + std::string(kind_name(node)));
      return;
    }
    if (depth > kMaxParameterDepth) {
      diagnostics_.error(node.mark, "parameter names are at most a few levels deep; `" + context +
                                        "` is not a parameter group");
      return;
    }
    for (const auto& [key, value] : node.entries) {
      const std::string path = join_path(prefix, key.text);
      if (value.is_map()) {
        if (!is_group(path)) {
          report_unknown(key, path, prefix, context);
          continue;
        }
        walk_map(value, path, depth + 1);
      } else {
        set(key, value, path, prefix, context);
      }
    }
  }

 private:
  bool is_group(const std::string& path) const { return !names_below(path).empty(); }

  void report_unknown(const YamlNode& key, const std::string& path, const std::string& prefix,
                      const std::string& context) {
    const auto candidates = names_below(prefix);
    std::string message = unknown_name_message("key", key.text, candidates, "keys", context);
    // A dotted name typed in full ("beta0.lawx") gets a suggestion among all dotted names too.
    if (path.find('.') != std::string::npos) {
      if (auto best = closest_name(path, all_names())) {
        message += " (closest full name: `" + *best + "`)";
      }
    }
    diagnostics_.error(key.mark, message);
  }

  void set(const YamlNode& key, const YamlNode& value, const std::string& path,
           const std::string& prefix, const std::string& context) {
    const model::ParameterSpec* spec = model::find_parameter(path);
    if (!spec) spec = model::find_parameter_by_symbol(path);
    if (!spec) {
      if (is_group(path)) {
        diagnostics_.error(value.mark, "`" + path + "` is a group of parameters; give a map " +
                                           "such as `" + key.text + ": {" +
                                           join_names(names_below(path)) +
                                           "}` with a number for each");
      } else {
        report_unknown(key, path, prefix, context);
      }
      return;
    }
    const std::string name(spec->name);
    const std::string what =
        "parameter `" + name + "`" + (name == path ? "" : " (written `" + path + "`)");
    auto number = read_number(value, diagnostics_, what);
    if (!number) return;
    if (*number < spec->valid_min || *number > spec->valid_max) {
      diagnostics_.error(
          value.mark, what + " = " + format_number(*number) + " is outside its valid range [" +
                          format_number(spec->valid_min) + ", " + format_number(spec->valid_max) +
                          "] (plausible range " + format_number(spec->plausible_low) + " to " +
                          format_number(spec->plausible_high) + ")");
      return;
    }
    if (!given_.emplace(name, *number).second) {
      diagnostics_.error(key.mark, what + " is given twice; keep one");
      return;
    }
    spec->field(params_) = *number;
    // Valid but outside what the spec considers plausible: allowed (sweeps probe such values),
    // yet a mistyped magnitude (9 for 0.9) looks exactly like this.
    if (*number < spec->plausible_low || *number > spec->plausible_high) {
      diagnostics_.warning(value.mark, what + " = " + format_number(*number) +
                                           " is outside its plausible range " +
                                           format_number(spec->plausible_low) + " to " +
                                           format_number(spec->plausible_high) +
                                           " (MODEL.md §7); it is used as given");
    }
  }

  Diagnostics& diagnostics_;
  model::Params& params_;
  std::map<std::string, double>& given_;
};

}  // namespace

void read_parameters(const YamlNode& node, Diagnostics& diagnostics, model::Params& params,
                     std::map<std::string, double>& given) {
  ParameterWalker(diagnostics, params, given).walk_map(node, "", 0);
}

void drop_overridden_parameters(YamlNode& inherited, const YamlNode& overriding) {
  if (!inherited.is_map() || !overriding.is_map()) return;
  std::set<std::string> names;
  collect_set_names(overriding, "", names);
  erase_named(inherited, "", names);
}

std::span<const MechanismSwitch> mechanism_switches() {
  static constexpr std::array<MechanismSwitch, 11> kSwitches = {{
      {"learning", &model::Mechanisms::learning},
      {"emulation", &model::Mechanisms::emulation},
      {"competition", &model::Mechanisms::competition},
      {"coercion", &model::Mechanisms::coercion},
      {"ngo_push", &model::Mechanisms::ngo_push},
      {"direct_effects", &model::Mechanisms::direct_effects},
      {"resistance", &model::Mechanisms::resistance},
      {"obstruction", &model::Mechanisms::obstruction},
      {"restrictive_laws", &model::Mechanisms::restrictive_laws},
      {"legislation", &model::Mechanisms::legislation},
      {"federal_unit", &model::Mechanisms::federal_unit},
  }};
  return kSwitches;
}

void read_mechanisms(const YamlNode& node, Diagnostics& diagnostics,
                     model::Mechanisms& mechanisms) {
  const auto switches = mechanism_switches();
  std::vector<std::string_view> names;
  for (const auto& s : switches) names.push_back(s.name);
  const MapReader map(node, diagnostics, "mechanisms", names);
  for (const auto& [name, field] : switches) {
    if (const YamlNode* value = map.get(name)) {
      if (auto on = read_bool(*value, diagnostics, "mechanism `" + std::string(name) + "`")) {
        mechanisms.*field = *on;
      }
    }
  }
}

}  // namespace policysim::scenario::detail
