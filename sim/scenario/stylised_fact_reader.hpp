#pragma once
// The `targets:` section: stylised facts a scenario's runs are judged against (MODEL.md §9).

#include <vector>

#include "sim/model/config.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_error.hpp"
#include "sim/scenario/yaml_reader.hpp"

namespace policysim::scenario::detail {

/// Reads a list of {name, metric, stat, window, threshold, range, share, source}; windows must lie
/// inside the run of `config`.
std::vector<StylisedFact> read_stylised_facts(const YamlNode& node, Diagnostics& diagnostics,
                                              const model::Config& config);

}  // namespace policysim::scenario::detail
