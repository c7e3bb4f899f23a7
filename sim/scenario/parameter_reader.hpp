#pragma once
// The `parameters:` and `mechanisms:` sections: numeric parameters by dotted name through the
// model's parameter table, and mechanism switches by name.

#include <map>
#include <span>
#include <string>
#include <string_view>

#include "sim/model/params.hpp"
#include "sim/scenario/scenario_error.hpp"
#include "sim/scenario/yaml_reader.hpp"

namespace policysim::scenario::detail {

/// Fills `params` from a map of names to numbers; nested maps join names with dots, so
/// `beta0: {law: -4}` and `beta0.law: -4` both set "beta0.law". Each value is checked against
/// the parameter's valid range; given values are also recorded in `given`.
void read_parameters(const YamlNode& node, Diagnostics& diagnostics, model::Params& params,
                     std::map<std::string, double>& given);

/// Removes from `inherited` (a base scenario's `parameters:` map) every entry for a parameter that
/// `overriding` (a variant's `parameters:` map) also sets, however either spells it: by name or
/// by MODEL.md's symbol, dotted or nested. So a variant's `beta_R: 4` or `beta0: {law: -4}`
/// replaces its base's `beta_resistance: 3` or `beta0.law: -5` instead of giving it twice. Names
/// that are no parameter are left for read_parameters to report.
void drop_overridden_parameters(YamlNode& inherited, const YamlNode& overriding);

/// A mechanism's name in scenarios and its switch.
struct MechanismSwitch {
  std::string_view name;
  bool model::Mechanisms::*field;
};

/// Every mechanism switch, in the order of MODEL.md §7.
std::span<const MechanismSwitch> mechanism_switches();

/// Fills `mechanisms` from a map of mechanism names to true/false.
void read_mechanisms(const YamlNode& node, Diagnostics& diagnostics, model::Mechanisms& mechanisms);

}  // namespace policysim::scenario::detail
