#pragma once
// The `arms:` section: named changes to the base scenario that `policysim compare` runs on common
// random numbers. Each arm is read with the same readers as the base and resolved into its own
// model::Config (docs/compare.md).

#include "sim/scenario/region_directory.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_error.hpp"
#include "sim/scenario/yaml_reader.hpp"

namespace policysim::scenario::detail {

/// Reads `arms:` (a list of {name, description, parameters, mechanisms, series, forced_events,
/// donors_replace, donors_add, interventions, interventions_remove, interventions_replace,
/// interventions_add}) against the scenario's config read so far, and `reference:` (the arm the
/// others are compared with, `base` by default; `reference` may be null).
void read_arms(const YamlNode& node, const YamlNode* reference, Diagnostics& diagnostics,
               const RegionDirectory& regions, Scenario& scenario);

}  // namespace policysim::scenario::detail
