#pragma once
// The sections of a scenario that fill model::Config besides parameters and mechanisms: donors,
// interventions, national series, forced events, initial adopters and named NGOs.

#include "sim/model/config.hpp"
#include "sim/scenario/region_directory.hpp"
#include "sim/scenario/scenario_error.hpp"
#include "sim/scenario/yaml_reader.hpp"

namespace policysim::scenario::detail {

/// False when the scenario's `start` or `end` was missing or rejected: the config's period is then
/// left empty (no valid scenario has one), and nothing is checked against it, since any claim
/// about it would rest on a value the file did not give.
inline bool period_known(const model::Config& config) { return config.tick_count() > 0; }

/// `donors:` a list of {name, foreignness, local_ownership, foreign, frame, horizon}.
void read_donors(const YamlNode& node, Diagnostics& diagnostics, model::Config& config);

/// `interventions:` a list of {name, donor, instrument, start, end, targets, intensity,
/// visibility}; donors must be read first. One entirely outside the run gets a warning.
void read_interventions(const YamlNode& node, Diagnostics& diagnostics,
                        const RegionDirectory& regions, model::Config& config);

/// `series:` {tip, elections, un}, each a list of quarters or {from, to, value} spans, or a map
/// of quarter -> value holding until the next quarter given. One value per tick of the config.
void read_series(const YamlNode& node, Diagnostics& diagnostics, model::Config& config);

/// `forced_events:` a list of {event, quarter}.
void read_forced_events(const YamlNode& node, Diagnostics& diagnostics, model::Config& config);

/// `initial_adopters:` a list of {region, law, victim, multi, unit}.
void read_initial_adopters(const YamlNode& node, Diagnostics& diagnostics,
                           const RegionDirectory& regions, model::Config& config);

/// `ngos:` a list of {name, region, resources, foreign_share, legitimacy, tie}.
void read_named_ngos(const YamlNode& node, Diagnostics& diagnostics, const RegionDirectory& regions,
                     model::Config& config);

}  // namespace policysim::scenario::detail
