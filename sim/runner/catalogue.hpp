#pragma once
// What a researcher can look up (`policysim list`): the parameters, instruments, outcomes,
// metrics and events of the model, from its own tables, and the regions and districts of a
// country. Each list is a JSON array of objects, one per entry, which the command prints as JSON,
// as a text table or as the Markdown of docs/glossary.md.

#include <filesystem>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/model/config.hpp"

namespace policysim::runner {

/// The kinds of list, in the order the glossary shows them.
inline constexpr std::array<std::string_view, 6> kCatalogueKinds = {
    "parameters", "instruments", "outcomes", "metrics", "events", "regions"};

/// Every parameter: name, symbol (MODEL.md's, as a scenario may write it; "" when none),
/// description, unit, default (MODEL.md §7's prior), plausible_range [low, high] (for sweeps),
/// valid_range [min, max] (values outside are an error).
nlohmann::json parameter_catalogue();

/// Every instrument: name, description, visibility (its default), effects (the default direct
/// effect on each reform's hazard: {law, victim, multi, unit}), builds_ties.
nlohmann::json instrument_catalogue();

/// Every per-run outcome (a column of `runs`): name, unit, description.
nlohmann::json outcome_catalogue();

/// Every metric: table (series: national, per quarter; region_series: per quarter and region),
/// name, unit, description.
nlohmann::json metric_catalogue();

/// Every event: kind "forced" (a federal event a scenario's `forced_events` may name) or
/// "reported" (a kind of the results' `events` table), name, description.
nlohmann::json event_catalogue();

/// The regions of `country`: index, code, name, district, district_centre (whether it is its
/// district's centre), national_centre, high_exposure.
nlohmann::json region_catalogue(const model::Country& country);

/// The districts of `country`: name, centre (its centre's code), regions (how many).
nlohmann::json district_catalogue(const model::Country& country);

}  // namespace policysim::runner
