#pragma once
// The `sweep:` section: factors by the paths of `parameters:` (and `intervention.NAME.intensity`,
// `.start`, `.end`, `donor.NAME.foreignness`), each over a range, a list of values or a
// distribution, and the design that picks the points (docs/sweeps.md).

#include <optional>
#include <string_view>
#include <vector>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_error.hpp"
#include "sim/scenario/sweep.hpp"
#include "sim/scenario/yaml_reader.hpp"

namespace policysim::scenario::detail {

/// The factors of a map of factors to their ranges (a sweep's `factors:`, a calibration's
/// `parameters:`), each checked against the scenario read so far, which names the interventions
/// and donors a factor may change; `section` says where they are in messages ("sweep.factors").
/// Factors with problems are left out, each problem recorded.
std::vector<SweepFactor> read_factors(const YamlNode& node, Diagnostics& diagnostics,
                                      const Scenario& scenario, std::string_view section);

/// Where `factor`, one of those read from `factors`, is written: its key's mark.
Mark factor_mark(const YamlNode& factors, const SweepFactor& factor);

/// Reads `sweep:` against the scenario read so far (its config names the interventions and
/// donors a factor may change); nothing when the node has problems, each recorded.
std::optional<Sweep> read_sweep(const YamlNode& node, Diagnostics& diagnostics,
                                const Scenario& scenario);

}  // namespace policysim::scenario::detail
