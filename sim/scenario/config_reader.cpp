#include "sim/scenario/config_reader.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/map_reader.hpp"
#include "sim/scenario/value_reader.hpp"

namespace policysim::scenario::detail {
namespace {

/// The items of a list section; records an error for anything else. A null section is empty.
const std::vector<YamlNode>* list_items(const YamlNode& node, Diagnostics& diagnostics,
                                        std::string_view section, std::string_view example) {
  static const std::vector<YamlNode> empty;
  if (node.is_null()) return &empty;
  if (node.is_sequence()) return &node.items;
  diagnostics.error(node.mark, "expected a list for `" + std::string(section) + "`, got " +
                                   std::string(kind_name(node)) + "; write items as `- " +
                                   std::string(example) + "`");
  return nullptr;
}

/// "`key` of <thing> `name`" for messages about a field of a named item.
std::string field_of(std::string_view key, std::string_view thing, std::string_view name) {
  std::string text = "`";
  text.append(key);
  text += "` of ";
  text.append(thing);
  if (!name.empty()) {
    text += " `";
    text.append(name);
    text += '`';
  }
  return text;
}

std::string item_name(const MapReader& map, Diagnostics& diagnostics, std::string_view thing) {
  if (const YamlNode* name = map.require("name")) {
    if (auto text = read_string(*name, diagnostics, "`name` of " + std::string(thing))) {
      return *text;
    }
  }
  return {};
}

std::optional<std::uint32_t> read_region(const YamlNode& node, Diagnostics& diagnostics,
                                         const RegionDirectory& regions, std::string_view what) {
  auto code = read_string(node, diagnostics, what);
  if (!code) return std::nullopt;
  auto index = regions.find_region(*code);
  if (!index) diagnostics.error(node.mark, regions.unknown_region_message(*code));
  return index;
}

/// `{district: [Far Eastern, Northwestern]}`: the regions of several districts, as a region list
/// (the model resolves a district to its regions in the same way).
std::optional<model::TargetedRegions> read_district_list(const YamlNode& node,
                                                         Diagnostics& diagnostics,
                                                         const RegionDirectory& regions,
                                                         const std::string& what) {
  if (node.items.empty()) {
    diagnostics.error(node.mark, "`district` in " + what +
                                     " is an empty list; name at least one "
                                     "district");
    return std::nullopt;
  }
  model::TargetedRegions targets;
  targets.kind = model::TargetedRegions::Kind::regions;
  std::vector<std::uint32_t> seen;
  bool ok = true;
  for (const auto& item : node.items) {
    auto name = read_string(item, diagnostics, "a district in " + what);
    if (!name) {
      ok = false;
      continue;
    }
    auto index = regions.find_district(*name);
    if (!index) {
      diagnostics.error(item.mark, regions.unknown_district_message(*name));
      ok = false;
      continue;
    }
    if (std::find(seen.begin(), seen.end(), *index) != seen.end()) {
      diagnostics.error(item.mark, "district `" + *name + "` is listed twice in " + what);
      ok = false;
      continue;
    }
    seen.push_back(*index);
    auto members = regions.regions_of_district(*index);
    if (!members) {
      diagnostics.error(node.mark, "a list of districts in " + what + " needs the region table " +
                                       "(`regions: russia83`); for a synthetic country give one " +
                                       "intervention per district");
      return std::nullopt;
    }
    targets.regions.insert(targets.regions.end(), members->begin(), members->end());
  }
  if (!ok) return std::nullopt;
  std::sort(targets.regions.begin(), targets.regions.end());
  return targets;
}

std::optional<model::TargetedRegions> read_targeted_regions(const YamlNode& node,
                                                            Diagnostics& diagnostics,
                                                            const RegionDirectory& regions,
                                                            std::string_view intervention) {
  const std::string what = field_of("targets", "intervention", intervention);
  const std::string forms =
      "all; a list of region codes like [RU-MOW, RU-SPE]; {district: \"Far Eastern\"} or "
      "{district: [Far Eastern, Northwestern]}; "
      "{most_exposed: 10}; or {random: 17}";
  model::TargetedRegions targets;
  if (node.is_scalar()) {
    if (node.text == "all") {
      targets.kind = model::TargetedRegions::Kind::all;
      return targets;
    }
    diagnostics.error(node.mark, what + " is `" + node.text + "`; expected " + forms);
    return std::nullopt;
  }
  if (node.is_sequence()) {
    targets.kind = model::TargetedRegions::Kind::regions;
    bool ok = !node.items.empty();
    if (!ok) diagnostics.error(node.mark, what + " is an empty list; name at least one region");
    for (const auto& item : node.items) {
      auto region = read_region(item, diagnostics, regions, "a region code in " + what);
      if (!region) {
        ok = false;
        continue;
      }
      if (std::find(targets.regions.begin(), targets.regions.end(), *region) !=
          targets.regions.end()) {
        diagnostics.error(item.mark, "region `" + item.text + "` is listed twice in " + what);
        ok = false;
        continue;
      }
      targets.regions.push_back(*region);
    }
    if (!ok) return std::nullopt;
    return targets;
  }
  if (node.is_map()) {
    const MapReader map(node, diagnostics, "targets", {"district", "most_exposed", "random"});
    if (node.entries.size() != 1) {
      diagnostics.error(node.mark, what + " must have exactly one of district, most_exposed, " +
                                       "random; expected " + forms);
      return std::nullopt;
    }
    if (const YamlNode* district = map.get("district"); district && district->is_sequence()) {
      return read_district_list(*district, diagnostics, regions, what);
    }
    if (const YamlNode* district = map.get("district")) {
      auto name = read_string(*district, diagnostics, "`district` in " + what);
      if (!name) return std::nullopt;
      auto index = regions.find_district(*name);
      if (!index) {
        diagnostics.error(district->mark, regions.unknown_district_message(*name));
        return std::nullopt;
      }
      targets.kind = model::TargetedRegions::Kind::district;
      targets.district = *index;
      return targets;
    }
    for (auto [key, kind] : {std::pair{"most_exposed", model::TargetedRegions::Kind::most_exposed},
                             std::pair{"random", model::TargetedRegions::Kind::random}}) {
      if (const YamlNode* count = map.get(key)) {
        auto n = read_count(*count, diagnostics, "`" + std::string(key) + "` in " + what, 1);
        if (!n) return std::nullopt;
        if (*n > regions.region_count()) {
          diagnostics.error(count->mark, "`" + std::string(key) + "` in " + what + " is " +
                                             std::to_string(*n) + " but the country has only " +
                                             std::to_string(regions.region_count()) + " regions");
          return std::nullopt;
        }
        targets.kind = kind;
        targets.count = static_cast<std::uint32_t>(*n);
        return targets;
      }
    }
    return std::nullopt;  // an unknown key, already reported by MapReader
  }
  diagnostics.error(node.mark, what + " is missing; expected " + forms);
  return std::nullopt;
}

/// Sets series values for ticks in [from, to], clipped to the run.
void fill(model::Series& series, const model::Config& config, core::Quarter from, core::Quarter to,
          double value) {
  const int ticks = config.tick_count();
  const int first = std::max(0, from - config.start);
  const int last = std::min(ticks - 1, to - config.start);
  for (int t = first; t <= last; ++t) series[static_cast<std::size_t>(t)] = value;
}

void read_one_series(const YamlNode& node, Diagnostics& diagnostics, std::string_view name,
                     const model::Config& config, model::Series& series) {
  series.assign(static_cast<std::size_t>(std::max(0, config.tick_count())), 0.0);
  const std::string what = "series `" + std::string(name) + "`";
  if (node.is_null()) return;
  if (node.is_map()) {
    // A step function: each value holds from its quarter until the next quarter given.
    std::vector<std::pair<core::Quarter, double>> steps;
    for (const auto& [key, value] : node.entries) {
      auto quarter = read_quarter(key, diagnostics, "a key of " + what);
      auto number = read_probability(value, diagnostics, "a value of " + what);
      if (quarter && number) steps.emplace_back(*quarter, *number);
    }
    for (std::size_t i = 1; i < steps.size(); ++i) {
      if (steps[i].first <= steps[i - 1].first) {
        diagnostics.error(node.entries[i].key.mark, "quarters in " + what + " must increase; " +
                                                        steps[i].first.str() + " comes after " +
                                                        steps[i - 1].first.str());
        return;
      }
    }
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const core::Quarter to = i + 1 < steps.size() ? steps[i + 1].first - 1 : config.end;
      fill(series, config, steps[i].first, to, steps[i].second);
    }
    return;
  }
  if (!node.is_sequence()) {
    diagnostics.error(node.mark, "expected a list or a map for " + what + ", got " +
                                     std::string(kind_name(node)) +
                                     "; e.g. [2003Q4, 2007Q4] or [{from: 2001Q2, to: 2002Q1, "
                                     "value: 1}]");
    return;
  }
  // Spans in order; a later span overrides an earlier one where they overlap.
  for (const auto& item : node.items) {
    if (item.is_scalar()) {
      if (auto quarter = read_quarter(item, diagnostics, "an item of " + what)) {
        fill(series, config, *quarter, *quarter, 1.0);
      }
      continue;
    }
    const MapReader map(item, diagnostics, std::string(what), {"from", "to", "value"});
    if (!map.is_map()) continue;
    const YamlNode* from_node = map.require("from");
    auto from =
        from_node ? read_quarter(*from_node, diagnostics, "`from` in " + what) : std::nullopt;
    auto to = from;
    if (const YamlNode* to_node = map.get("to")) {
      to = read_quarter(*to_node, diagnostics, "`to` in " + what);
      if (from && to && *to < *from) {
        diagnostics.error(to_node->mark, "`to` " + to->str() + " is before `from` " + from->str() +
                                             " in " + what + "; swap them or fix the years");
        continue;
      }
    }
    double value = 1.0;
    if (const YamlNode* value_node = map.get("value")) {
      auto number = read_probability(*value_node, diagnostics, "`value` in " + what);
      if (!number) continue;
      value = *number;
    }
    if (from && to) fill(series, config, *from, *to, value);
  }
}

}  // namespace

void read_donors(const YamlNode& node, Diagnostics& diagnostics, model::Config& config) {
  const auto* items = list_items(node, diagnostics, "donors", "{name: ..., foreignness: 1.0}");
  if (!items) return;
  constexpr std::array<std::string_view, 3> kFrames = {"balanced", "prosecution", "protection"};
  for (const auto& item : *items) {
    const MapReader map(item, diagnostics, "donor",
                        {"name", "foreignness", "local_ownership", "foreign", "frame", "horizon"});
    if (!map.is_map()) continue;
    model::Donor donor;
    donor.name = item_name(map, diagnostics, "a donor");
    for (const auto& other : config.donors) {
      if (!donor.name.empty() && other.name == donor.name) {
        diagnostics.error(map.get("name")->mark,
                          "donor `" + donor.name + "` is defined twice; donor names must differ");
      }
    }
    if (const YamlNode* v = map.require("foreignness")) {
      donor.foreignness =
          read_probability(*v, diagnostics, field_of("foreignness", "donor", donor.name))
              .value_or(0.0);
    }
    if (const YamlNode* v = map.get("local_ownership")) {
      donor.local_ownership =
          read_probability(*v, diagnostics, field_of("local_ownership", "donor", donor.name))
              .value_or(0.0);
    }
    if (const YamlNode* v = map.require("foreign")) {
      donor.foreign =
          read_bool(*v, diagnostics, field_of("foreign", "donor", donor.name)).value_or(false);
    }
    if (const YamlNode* v = map.get("frame")) {
      if (auto frame = read_choice(*v, diagnostics, "frame", kFrames)) {
        donor.frame = static_cast<model::Frame>(*frame);
      }
    }
    if (const YamlNode* v = map.get("horizon")) {
      donor.horizon = read_quarter(*v, diagnostics, field_of("horizon", "donor", donor.name));
    }
    config.donors.push_back(std::move(donor));
  }
}

void read_interventions(const YamlNode& node, Diagnostics& diagnostics,
                        const RegionDirectory& regions, model::Config& config) {
  const auto* items =
      list_items(node, diagnostics, "interventions", "{name: ..., donor: ..., instrument: ...}");
  if (!items) return;
  std::vector<std::string> donor_names;
  for (const auto& d : config.donors) donor_names.push_back(d.name);
  std::vector<std::string> seen_names;
  for (const auto& item : *items) {
    const MapReader map(
        item, diagnostics, "intervention",
        {"name", "donor", "instrument", "start", "end", "targets", "intensity", "visibility"});
    if (!map.is_map()) continue;
    model::Intervention intervention;
    intervention.name = item_name(map, diagnostics, "an intervention");
    const std::string& name = intervention.name;
    if (!name.empty()) {
      if (std::find(seen_names.begin(), seen_names.end(), name) != seen_names.end()) {
        diagnostics.error(map.get("name")->mark,
                          "intervention `" + name + "` is defined twice; names must differ");
      }
      seen_names.push_back(name);
    }
    if (const YamlNode* v = map.require("donor")) {
      if (auto donor = read_string(*v, diagnostics, field_of("donor", "intervention", name))) {
        auto it = std::find(donor_names.begin(), donor_names.end(), *donor);
        if (it == donor_names.end()) {
          diagnostics.error(v->mark, unknown_name_message("donor", *donor, donor_names, "donors",
                                                          "intervention `" + name + "`") +
                                         " (define donors under `donors:`)");
        } else {
          intervention.donor = static_cast<std::uint32_t>(it - donor_names.begin());
        }
      }
    }
    bool instrument_read = false;
    if (const YamlNode* v = map.require("instrument")) {
      if (auto m = read_choice(*v, diagnostics, "instrument", model::kInstrumentNames)) {
        intervention.instrument = static_cast<model::Instrument>(*m);
        instrument_read = true;
      }
    }
    std::optional<core::Quarter> start, end;
    if (const YamlNode* v = map.require("start")) {
      start = read_quarter(*v, diagnostics, field_of("start", "intervention", name));
    }
    if (const YamlNode* v = map.require("end")) {
      end = read_quarter(*v, diagnostics, field_of("end", "intervention", name));
      if (start && end && *end < *start) {
        diagnostics.error(v->mark, "`end` " + end->str() + " is before `start` " + start->str() +
                                       " in intervention `" + name +
                                       "`; the window is inclusive, so end >= start");
      }
    }
    if (start) intervention.start = *start;
    if (end) intervention.end = *end;
    if (start && end && *start <= *end && period_known(config) &&
        (*end < config.start || *start > config.end)) {
      diagnostics.warning(item.mark,
                          "intervention `" + name + "` runs " + start->str() + " to " + end->str() +
                              ", entirely outside the run " + config.start.str() + " to " +
                              config.end.str() +
                              ", so it has no effect; move it into the run or remove it");
    }
    if (const YamlNode* v = map.require("targets")) {
      if (auto targets = read_targeted_regions(*v, diagnostics, regions, name)) {
        intervention.targets = std::move(*targets);
      }
    }
    if (const YamlNode* v = map.get("intensity")) {
      intervention.intensity =
          read_probability(*v, diagnostics, field_of("intensity", "intervention", name))
              .value_or(1.0);
    }
    if (const YamlNode* v = map.get("visibility")) {
      intervention.visibility =
          read_probability(*v, diagnostics, field_of("visibility", "intervention", name));
      // Written to change something, an override equal to the default changes nothing: two arms
      // that differ only by it run identically.
      const double default_visibility =
          config.params.visibility[model::index(intervention.instrument)];
      if (instrument_read && intervention.visibility &&
          *intervention.visibility == default_visibility) {
        diagnostics.warning(
            v->mark,
            "`visibility` " + format_number(default_visibility) + " of intervention `" + name +
                "` is already the visibility of `" +
                std::string(model::kInstrumentNames[model::index(intervention.instrument)]) +
                "`, so it changes nothing (`policysim list instruments` gives each "
                "instrument's); leave it out, or give another value");
      }
    }
    config.interventions.push_back(std::move(intervention));
  }
}

void read_series(const YamlNode& node, Diagnostics& diagnostics, model::Config& config) {
  const std::size_t ticks = static_cast<std::size_t>(std::max(0, config.tick_count()));
  config.tip.assign(ticks, 0.0);
  config.elections.assign(ticks, 0.0);
  config.un.assign(ticks, 0.0);
  if (node.is_null()) return;
  const MapReader map(node, diagnostics, "series", {"tip", "elections", "un"});
  if (const YamlNode* v = map.get("tip"))
    read_one_series(*v, diagnostics, "tip", config, config.tip);
  if (const YamlNode* v = map.get("elections")) {
    read_one_series(*v, diagnostics, "elections", config, config.elections);
  }
  if (const YamlNode* v = map.get("un")) read_one_series(*v, diagnostics, "un", config, config.un);
}

void read_forced_events(const YamlNode& node, Diagnostics& diagnostics, model::Config& config) {
  const auto* items =
      list_items(node, diagnostics, "forced_events", "{event: law, quarter: 2003Q4}");
  if (!items) return;
  constexpr auto& kKinds = model::kFederalEventNames;
  for (const auto& item : *items) {
    const MapReader map(item, diagnostics, "forced event", {"event", "quarter"});
    if (!map.is_map()) continue;
    const YamlNode* event_node = map.require("event");
    const YamlNode* quarter_node = map.require("quarter");
    if (!event_node || !quarter_node) continue;
    auto kind = read_choice(*event_node, diagnostics, "event", kKinds);
    auto when = read_quarter(*quarter_node, diagnostics, "`quarter` of a forced event");
    if (!kind || !when) continue;
    if (period_known(config) && (*when < config.start || *when > config.end)) {
      diagnostics.error(quarter_node->mark, "forced event `" + std::string(kKinds[*kind]) +
                                                "` at " + when->str() + " is outside the run " +
                                                config.start.str() + " to " + config.end.str());
      continue;
    }
    const auto event_kind = static_cast<model::ForcedEvent::Kind>(*kind);
    const bool repeated = std::any_of(config.forced_events.begin(), config.forced_events.end(),
                                      [&](const auto& e) { return e.kind == event_kind; });
    if (repeated) {
      diagnostics.error(event_node->mark, "event `" + std::string(kKinds[*kind]) +
                                              "` is forced twice; each kind happens once");
      continue;
    }
    config.forced_events.push_back({event_kind, *when});
  }
}

void read_initial_adopters(const YamlNode& node, Diagnostics& diagnostics,
                           const RegionDirectory& regions, model::Config& config) {
  const auto* items =
      list_items(node, diagnostics, "initial_adopters", "{region: RU-KHA, law: 0.6}");
  if (!items) return;
  for (const auto& item : *items) {
    const MapReader map(item, diagnostics, "initial adopter",
                        {"region", "law", "victim", "multi", "unit"});
    if (!map.is_map()) continue;
    model::InitialAdopter adopter;
    const YamlNode* region_node = map.require("region");
    if (!region_node) continue;
    auto region = read_region(*region_node, diagnostics, regions, "`region` of an initial adopter");
    if (!region) continue;
    adopter.region = *region;
    for (std::size_t k = 0; k < model::kReformCount; ++k) {
      if (const YamlNode* v = map.get(model::kReformNames[k])) {
        adopter.level[k] =
            read_probability(*v, diagnostics,
                             field_of(model::kReformNames[k], "initial adopter", region_node->text))
                .value_or(0.0);
      }
    }
    config.initial_adopters.push_back(adopter);
  }
}

void read_named_ngos(const YamlNode& node, Diagnostics& diagnostics, const RegionDirectory& regions,
                     model::Config& config) {
  const auto* items = list_items(node, diagnostics, "ngos", "{name: Syostri, region: RU-MOW}");
  if (!items) return;
  for (const auto& item : *items) {
    const MapReader map(item, diagnostics, "NGO",
                        {"name", "region", "resources", "foreign_share", "legitimacy", "tie"});
    if (!map.is_map()) continue;
    model::NamedNgo ngo;
    ngo.name = item_name(map, diagnostics, "an NGO");
    if (const YamlNode* v = map.require("region")) {
      if (auto region =
              read_region(*v, diagnostics, regions, field_of("region", "NGO", ngo.name))) {
        ngo.region = *region;
      }
    }
    if (const YamlNode* v = map.get("resources")) {
      ngo.resources =
          read_number_in(*v, diagnostics, field_of("resources", "NGO", ngo.name), 0.0, 1e9)
              .value_or(ngo.resources);
    }
    if (const YamlNode* v = map.get("foreign_share")) {
      ngo.foreign_share =
          read_probability(*v, diagnostics, field_of("foreign_share", "NGO", ngo.name))
              .value_or(ngo.foreign_share);
    }
    if (const YamlNode* v = map.get("legitimacy")) {
      ngo.legitimacy = read_probability(*v, diagnostics, field_of("legitimacy", "NGO", ngo.name))
                           .value_or(ngo.legitimacy);
    }
    if (const YamlNode* v = map.get("tie")) {
      ngo.tie =
          read_probability(*v, diagnostics, field_of("tie", "NGO", ngo.name)).value_or(ngo.tie);
    }
    config.named_ngos.push_back(std::move(ngo));
  }
}

}  // namespace policysim::scenario::detail
