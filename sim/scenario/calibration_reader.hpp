#pragma once
// The `calibration:` section: the parameters `policysim calibrate` fits, over their prior
// ranges, the targets it fits them to and its settings (docs/calibration.md).

#include <optional>

#include "sim/scenario/calibration.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_error.hpp"
#include "sim/scenario/yaml_reader.hpp"

namespace policysim::scenario::detail {

/// Reads `calibration:` against the scenario read so far (its targets, interventions and
/// donors); nothing when the node has problems, each recorded.
std::optional<Calibration> read_calibration(const YamlNode& node, Diagnostics& diagnostics,
                                            const Scenario& scenario);

}  // namespace policysim::scenario::detail
