#pragma once
// What a variant changes from the scenario it extends, in words, for `policysim validate`: so a
// variant that drops or alters more than its author meant says so before anything runs.

#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace policysim::scenario {

/// One line per change from `base` to `variant`: the period, the country, replications and seed,
/// the adoption mode, each mechanism and parameter whose value differs, each donor and
/// intervention added, removed or changed (by name, with the fields that differ), the series,
/// forced events, initial adopters, NGOs, targets and arms. Empty when nothing differs.
std::vector<std::string> describe_changes(const Scenario& base, const Scenario& variant);

}  // namespace policysim::scenario
