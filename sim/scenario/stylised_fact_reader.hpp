#pragma once
// The `targets:` section: stylised facts a scenario's runs are judged against (MODEL.md §9).

#include <string>
#include <vector>

#include "sim/model/config.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_error.hpp"
#include "sim/scenario/yaml_reader.hpp"

namespace policysim::scenario::detail {

/// Reads a list of {name, metric, stat, window, threshold, range, share, source, given,
/// counted, arm, minus}; windows must lie inside the run of `config`, and `arm` must be one of
/// `arm_names`.
std::vector<StylisedFact> read_stylised_facts(const YamlNode& node, Diagnostics& diagnostics,
                                              const model::Config& config,
                                              const std::vector<std::string>& arm_names);

}  // namespace policysim::scenario::detail
