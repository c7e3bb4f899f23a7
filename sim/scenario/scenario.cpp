#include "sim/scenario/scenario.hpp"

#include <algorithm>
#include <array>
#include <climits>
#include <sstream>

#include "sim/scenario/arm_reader.hpp"
#include "sim/scenario/calibration_reader.hpp"
#include "sim/scenario/config_reader.hpp"
#include "sim/scenario/map_reader.hpp"
#include "sim/scenario/parameter_reader.hpp"
#include "sim/scenario/region_data.hpp"
#include "sim/scenario/region_directory.hpp"
#include "sim/scenario/shipped_data.hpp"
#include "sim/scenario/stylised_fact_reader.hpp"
#include "sim/scenario/sweep_reader.hpp"
#include "sim/scenario/synthetic_country.hpp"
#include "sim/scenario/value_reader.hpp"
#include "sim/scenario/variant_changes.hpp"
#include "sim/scenario/variant_lists.hpp"
#include "sim/scenario/yaml_reader.hpp"
#include "sim/scenario/yaml_writer.hpp"

namespace policysim::scenario {
namespace detail {

/// load_scenario, `depth` files down an `extends` chain.
Scenario load_scenario_at_depth(const std::filesystem::path& file, int depth);

namespace {

constexpr std::string_view kRussia83 = "russia83";
constexpr std::array<std::string_view, 3> kAdoptionModes = {"hazard", "threshold",
                                                            "complex_contagion"};

void read_name_and_window(const MapReader& top, Diagnostics& diagnostics, Scenario& scenario) {
  if (const YamlNode* v = top.require("name")) {
    scenario.name = read_string(*v, diagnostics, "`name`").value_or("");
  }
  if (const YamlNode* v = top.get("description")) {
    scenario.description = read_string(*v, diagnostics, "`description`").value_or("");
  }
  std::optional<core::Quarter> start, end;
  if (const YamlNode* v = top.require("start")) start = read_quarter(*v, diagnostics, "`start`");
  if (const YamlNode* v = top.require("end")) {
    end = read_quarter(*v, diagnostics, "`end`");
    if (start && end && *end < *start) {
      diagnostics.error(v->mark, "`end` " + end->str() + " is before `start` " + start->str() +
                                     "; a run needs end >= start");
      end.reset();
    }
  }
  if (start && end) {
    scenario.config.start = *start;
    scenario.config.end = *end;
  } else {
    // The period is unknown; leave it empty so that nothing is checked against a period the
    // file did not give (see period_known).
    scenario.config.end = scenario.config.start - 1;
  }
}

/// Reads `regions`/`include_edges` or `synthetic` and `data_dir`, and returns the directory of
/// region codes. Throws with everything found so far when the country cannot be known.
RegionDirectory read_country(const MapReader& top, Diagnostics& diagnostics, Scenario& scenario) {
  const YamlNode* regions = top.get("regions");
  const YamlNode* synthetic = top.get("synthetic");
  const YamlNode* include_edges = top.get("include_edges");
  const std::filesystem::path scenario_dir = scenario.file.parent_path();
  // Problems found before (e.g. an unknown top-level key) do not stop reading; only problems with
  // the country do, since every region reference below depends on it.
  const std::size_t problems_before = diagnostics.count();
  auto stop_if_country_failed = [&] {
    if (diagnostics.count() > problems_before) diagnostics.throw_if_any();
  };

  if (const YamlNode* v = top.get("data_dir")) {
    if (auto dir = read_string(*v, diagnostics, "`data_dir`")) {
      scenario.data_dir = scenario_dir / *dir;
      std::error_code ec;
      if (!std::filesystem::exists(scenario.data_dir / kRegionsFile, ec)) {
        diagnostics.error(v->mark, "`data_dir` " + scenario.data_dir.string() + " holds no " +
                                       std::string(kRegionsFile) +
                                       "; give a folder relative to the scenario file");
      }
    }
  } else {
    scenario.data_dir = find_data_dir(scenario_dir);
    if (scenario.data_dir.empty()) scenario.data_dir = fallback_data_dir();
  }

  if (regions && synthetic) {
    diagnostics.error(synthetic->mark,
                      "give either `regions: russia83` or `synthetic: {...}`, not both");
  }
  if (!regions && !synthetic) {
    diagnostics.error(top.node().mark,
                      "missing the country: add `regions: russia83` or "
                      "`synthetic: {regions: 200, districts: 7, seed: 1}`");
  }
  if (synthetic && !regions) {
    scenario.country.kind = CountrySource::Kind::synthetic;
    if (include_edges) {
      diagnostics.error(include_edges->mark,
                        "`include_edges` applies only to `regions: russia83`; remove it");
    }
    const MapReader map(*synthetic, diagnostics, "synthetic",
                        {"regions", "districts", "seed", "mean_degree"});
    if (const YamlNode* v = map.require("regions")) {
      scenario.country.regions = read_count(*v, diagnostics, "`synthetic.regions`", 1).value_or(0);
      if (scenario.country.regions >= (std::size_t{1} << 32)) {
        diagnostics.error(v->mark, "`synthetic.regions` must be below 2^32");
        scenario.country.regions = 0;
      }
    }
    if (const YamlNode* v = map.require("districts")) {
      // Each district has a name the scenario may refer to, held in memory and listed in messages:
      // a hostile count must not allocate without bound.
      scenario.country.districts =
          read_count(*v, diagnostics, "`synthetic.districts`", 1, kMaxSyntheticDistricts)
              .value_or(0);
      if (scenario.country.regions > 0 && scenario.country.districts > scenario.country.regions) {
        diagnostics.error(v->mark, "`synthetic.districts` is " +
                                       std::to_string(scenario.country.districts) + " but there " +
                                       "are only " + std::to_string(scenario.country.regions) +
                                       " regions; use at most one district per region");
      }
    }
    if (const YamlNode* v = map.get("seed")) {
      scenario.country.seed = read_count(*v, diagnostics, "`synthetic.seed`").value_or(1);
    }
    if (const YamlNode* v = map.get("mean_degree")) {
      scenario.country.mean_degree =
          read_number_in(*v, diagnostics, "`synthetic.mean_degree`", 1.0, 64.0).value_or(8.0);
    }
    stop_if_country_failed();
    scenario.region_count = scenario.country.regions;
    return RegionDirectory::synthetic(scenario.country.regions, scenario.country.districts);
  }

  if (regions) {
    if (regions->is_scalar() && regions->text != kRussia83) {
      diagnostics.error(regions->mark, "unknown `regions` `" + regions->text +
                                           "`; the only region set is `russia83` (or use "
                                           "`synthetic: {...}` instead)");
    } else if (!regions->is_scalar()) {
      read_string(*regions, diagnostics, "`regions`");
    }
  }
  if (include_edges) {
    if (!include_edges->is_sequence()) {
      diagnostics.error(include_edges->mark,
                        "expected a list for `include_edges`, e.g. "
                        "[land_from_2012, doubtful]");
    } else {
      for (const auto& item : include_edges->items) {
        if (auto kind = read_choice(item, diagnostics, "edge kind", kOptionalEdgeKinds)) {
          scenario.country.include_edges.emplace_back(kOptionalEdgeKinds[*kind]);
        }
      }
    }
  }
  std::error_code ec;
  if (regions && regions->is_scalar() && regions->text == kRussia83 && !top.get("data_dir") &&
      !std::filesystem::exists(scenario.data_dir / kRegionsFile, ec)) {
    const std::string where =
        data_variable_set() ? std::string(kDataVariable) + " names " + scenario.data_dir.string()
                            : "the data this program was built with, " + scenario.data_dir.string();
    diagnostics.error(regions->mark,
                      "cannot find the region data for `regions: russia83`: no `data/" +
                          std::string(kRegionsFile) + "` in the scenario's folder or above, and " +
                          where + ", holds no " + std::string(kRegionsFile) +
                          "; set `data_dir:` in the scenario, or the environment variable " +
                          std::string(kDataVariable) + ", to the folder holding it (in the " +
                          "source tree: scenarios/data)");
  }
  stop_if_country_failed();
  const model::Country country = load_russia_regions(scenario.data_dir);
  scenario.region_count = country.region_count();
  RegionDirectory directory = RegionDirectory::from_country(country);
  directory.set_region_names(load_region_names(scenario.data_dir));
  return directory;
}

/// A variant may extend at most this many files deep (and so never loops).
constexpr int kMaxExtendsDepth = 8;

/// `child` over `parent`: a top-level key of the child replaces the parent's, except
/// `parameters` and `mechanisms`, whose entries merge key by key (the child's win). A parameter
/// the child sets replaces the parent's however each spells it (name or symbol, dotted or nested).
void merge_maps(YamlNode& parent, const YamlNode& child, bool deep) {
  // A loop variable, not a structured binding: clang 14 cannot capture a binding in a lambda.
  for (const auto& entry : child.entries) {
    auto it = std::find_if(parent.entries.begin(), parent.entries.end(),
                           [&](const auto& e) { return e.key.text == entry.key.text; });
    if (it == parent.entries.end()) {
      parent.entries.push_back(entry);
    } else if (deep && it->value.is_map() && entry.value.is_map()) {
      if (entry.key.text == "parameters") drop_overridden_parameters(it->value, entry.value);
      merge_maps(it->value, entry.value, true);
    } else {
      it->value = entry.value;
    }
  }
}

/// A sweep or calibration file (`scenario: FILE` and `sweep:` or `calibration:`) is a variant of
/// FILE that adds only a sweep or a calibration (and perhaps its own name): its `scenario:`
/// becomes `extends:`, and any other key is an error.
void read_sweep_file(YamlNode& root, const std::filesystem::path& file, Diagnostics& diagnostics) {
  const auto has = [&](std::string_view key) {
    return std::find_if(root.entries.begin(), root.entries.end(),
                        [&](const auto& entry) { return entry.key.text == key; });
  };
  const auto scenario = has("scenario");
  if (scenario == root.entries.end()) return;
  if (has("extends") != root.entries.end()) {
    throw ScenarioError(file.string(), scenario->key.mark,
                        "give either `scenario:` (a sweep or calibration file: the scenario it "
                        "varies) or `extends:` (a variant), not both");
  }
  if (has("sweep") == root.entries.end() && has("calibration") == root.entries.end()) {
    diagnostics.error(scenario->key.mark,
                      "`scenario:` names the scenario that a sweep file's `sweep:` (or a "
                      "calibration file's `calibration:`) varies, but this file has neither; add "
                      "one, or write `extends:` for a variant");
  }
  constexpr std::array<std::string_view, 5> kSweepFileKeys = {"scenario", "name", "description",
                                                              "sweep", "calibration"};
  std::erase_if(root.entries, [&](const YamlNode::Entry& entry) {
    if (std::find(kSweepFileKeys.begin(), kSweepFileKeys.end(), entry.key.text) !=
        kSweepFileKeys.end()) {
      return false;
    }
    diagnostics.error(entry.key.mark,
                      "a sweep or calibration file (`scenario:`) holds only `scenario`, `name`, "
                      "`description`, `sweep` and `calibration`, not `" +
                          entry.key.text +
                          "`; make the change in a variant (`extends:`) and sweep or calibrate "
                          "that");
    return true;
  });
  has("scenario")->key.text = "extends";
}

/// Gives every mark of `tree` the file number `numbers`[its number].
void renumber_files(YamlNode& tree, const std::vector<int>& numbers) {
  tree.mark.file = numbers.at(static_cast<std::size_t>(tree.mark.file));
  for (YamlNode& item : tree.items) renumber_files(item, numbers);
  for (auto& [key, value] : tree.entries) {
    renumber_files(key, numbers);
    renumber_files(value, numbers);
  }
}

/// The file's tree with any `extends:` chain resolved. The parent is loaded (and so checked) as a
/// scenario of its own first, so its own errors name its own file; it is kept in `base`. Problems
/// with the variant's changes to inherited lists go to `diagnostics`.
YamlNode read_with_extends(const std::filesystem::path& file, int depth,
                           std::vector<std::filesystem::path>& files_read, Diagnostics& diagnostics,
                           std::optional<Scenario>& base) {
  YamlNode root = read_yaml_file(file);
  files_read.push_back(file);
  read_sweep_file(root, file, diagnostics);
  auto it = std::find_if(root.entries.begin(), root.entries.end(),
                         [](const auto& entry) { return entry.key.text == "extends"; });
  if (it == root.entries.end()) return root;
  const YamlNode extends = it->value;
  root.entries.erase(it);
  if (!extends.is_scalar() || extends.text.empty()) {
    throw ScenarioError(file.string(), extends.mark,
                        "`extends` must name a scenario file, e.g. `extends: baseline.yaml`");
  }
  if (depth >= kMaxExtendsDepth) {
    throw ScenarioError(
        file.string(), extends.mark,
        "`extends` chains more than " + std::to_string(kMaxExtendsDepth) + " files deep (a loop?)");
  }
  const std::filesystem::path parent_file = file.parent_path() / extends.text;
  // Reported at the `extends` line, so the user sees which file asked for the missing one.
  std::error_code ec;
  if (!std::filesystem::is_regular_file(parent_file, ec)) {
    throw MissingInputError(
        file.string(), extends.mark,
        "`extends` names " + parent_file.string() + ", which " +
            (std::filesystem::exists(parent_file, ec) ? "is not a regular file"
                                                      : "does not exist") +
            "; give the path of a scenario file relative to this file's folder");
  }
  // Reports the parent's own problems against the parent file.
  base = load_scenario_at_depth(parent_file, depth + 1);
  Diagnostics parent_diagnostics(parent_file.string());
  std::optional<Scenario> grandparent;
  YamlNode merged =
      read_with_extends(parent_file, depth + 1, files_read, parent_diagnostics, grandparent);
  parent_diagnostics.throw_if_any();  // not reached: the parent loaded without problems
  // The inherited nodes keep the file they came from: a problem found on them when the variant
  // is read (a warning, or an error that only the variant's changes make) names that file.
  std::vector<int> file_numbers;
  for (const std::string& name : parent_diagnostics.files()) {
    file_numbers.push_back(diagnostics.file_number(name));
  }
  renumber_files(merged, file_numbers);
  // The parent's data folder is found relative to the parent; keep it unless the child sets one.
  const bool child_sets_data = std::any_of(root.entries.begin(), root.entries.end(),
                                           [](const auto& e) { return e.key.text == "data_dir"; });
  const bool parent_sets_data = std::any_of(merged.entries.begin(), merged.entries.end(),
                                            [](const auto& e) { return e.key.text == "data_dir"; });
  if (!child_sets_data && parent_sets_data) {
    for (auto& [key, value] : merged.entries) {
      if (key.text == "data_dir") {
        value.text = (parent_file.parent_path() / value.text).string();
      }
    }
  } else if (!child_sets_data && !base->data_dir.empty() &&
             find_data_dir(file.parent_path()).empty()) {
    // A variant with no data of its own nearby uses the data its base found, wherever it is.
    YamlNode key, value;
    key.kind = value.kind = YamlNode::Kind::scalar;
    key.text = "data_dir";
    value.text = std::filesystem::absolute(base->data_dir, ec).string();
    key.mark = value.mark = extends.mark;
    merged.entries.push_back({key, value});
  }
  for (const auto& [key, value] : root.entries) {
    // Donors, interventions and targets, whole or changed by name, are merged below.
    if (key.text == "donors" || key.text == "interventions" || key.text == "targets" ||
        is_variant_list_key(key.text)) {
      continue;
    }
    YamlNode single;
    single.kind = YamlNode::Kind::map;
    single.entries.push_back({key, value});
    merge_maps(merged, single, key.text == "parameters" || key.text == "mechanisms");
  }
  apply_variant_lists(merged, root, parent_file.string(), diagnostics);
  return merged;
}

}  // namespace
}  // namespace detail

std::filesystem::path find_data_dir(const std::filesystem::path& scenario_dir) {
  std::error_code ec;
  // A scenario named without a folder ("baseline.yaml") is in the working directory.
  std::filesystem::path dir =
      std::filesystem::absolute(scenario_dir.empty() ? "." : scenario_dir, ec);
  if (ec) dir = scenario_dir;
  for (int level = 0; level < 64 && !dir.empty(); ++level) {
    std::filesystem::path candidate = dir / "data";
    if (std::filesystem::exists(candidate / kRegionsFile, ec)) return candidate;
    if (!dir.has_parent_path() || dir.parent_path() == dir) break;
    dir = dir.parent_path();
  }
  return {};
}

Scenario load_scenario(const std::filesystem::path& file) {
  return detail::load_scenario_at_depth(file, 0);
}

Scenario detail::load_scenario_at_depth(const std::filesystem::path& file, int depth) {
  using namespace detail;
  Scenario scenario;
  Diagnostics diagnostics(file.string());
  std::optional<Scenario> base;
  YamlNode root = detail::read_with_extends(file, depth, scenario.source_files, diagnostics, base);
  scenario.file = file;
  if (!base) {
    // Keys that change an inherited list mean nothing without one.
    std::erase_if(root.entries, [&](const YamlNode::Entry& entry) {
      if (!is_variant_list_key(entry.key.text)) return false;
      const std::string list = entry.key.text.substr(0, entry.key.text.find('_'));
      diagnostics.error(entry.key.mark, "`" + entry.key.text + "` changes the " + list +
                                            " a variant inherits through `extends:`; this file " +
                                            "extends nothing, so list them under `" + list + ":`");
      return true;
    });
  }
  const MapReader top(
      root, diagnostics, "scenario",
      {"name",       "description",  "start",         "end",    "regions",       "include_edges",
       "synthetic",  "data_dir",     "replications",  "seed",   "adoption_mode", "mechanisms",
       "parameters", "donors",       "interventions", "series", "forced_events", "initial_adopters",
       "ngos",       "default_ngos", "targets",       "arms",   "reference",     "sweep",
       "calibration"});
  detail::read_name_and_window(top, diagnostics, scenario);
  const detail::RegionDirectory regions = detail::read_country(top, diagnostics, scenario);
  model::Config& config = scenario.config;

  if (const YamlNode* v = top.get("replications")) {
    // At most what `--reps` accepts: the runner counts replications in an int.
    scenario.replications = read_count(*v, diagnostics, "`replications`", 1, INT_MAX).value_or(1);
  }
  if (const YamlNode* v = top.get("seed")) {
    scenario.seed = read_count(*v, diagnostics, "`seed`").value_or(1);
  }
  const YamlNode* mode = top.get("adoption_mode");
  if (mode) {
    if (auto m = read_choice(*mode, diagnostics, "adoption_mode", detail::kAdoptionModes)) {
      config.adoption_mode = static_cast<model::AdoptionMode>(*m);
    }
  }
  auto section = [&](std::string_view key) -> const YamlNode* { return top.get(key); };
  if (const YamlNode* v = section("mechanisms"); v && !v->is_null()) {
    detail::read_mechanisms(*v, diagnostics, config.mechanisms);
  }
  if (const YamlNode* v = section("parameters"); v && !v->is_null()) {
    detail::read_parameters(*v, diagnostics, config.params, scenario.parameters);
  }
  const YamlNode empty;
  detail::read_donors(section("donors") ? *section("donors") : empty, diagnostics, config);
  detail::read_interventions(section("interventions") ? *section("interventions") : empty,
                             diagnostics, regions, config);
  detail::read_series(section("series") ? *section("series") : empty, diagnostics, config);
  detail::read_forced_events(section("forced_events") ? *section("forced_events") : empty,
                             diagnostics, config);
  detail::read_initial_adopters(section("initial_adopters") ? *section("initial_adopters") : empty,
                                diagnostics, regions, config);
  detail::read_named_ngos(section("ngos") ? *section("ngos") : empty, diagnostics, regions, config);
  if (const YamlNode* v = section("default_ngos")) {
    config.default_ngos = read_bool(*v, diagnostics, "`default_ngos`").value_or(true);
  }
  // Arms change the base as read so far; each is checked like the base itself.
  detail::read_arms(section("arms") ? *section("arms") : empty, section("reference"), diagnostics,
                    regions, scenario);
  // Targets may compare an arm with the base: those are kept apart (Scenario::paired_targets).
  std::vector<std::string> arm_names;
  for (const auto& arm : scenario.arms) arm_names.push_back(arm.name);
  for (auto& target : detail::read_stylised_facts(section("targets") ? *section("targets") : empty,
                                                  diagnostics, config, arm_names)) {
    (target.paired() ? scenario.paired_targets : scenario.targets).push_back(std::move(target));
  }

  // A sweep varies the base as read so far.
  if (const YamlNode* v = section("sweep"); v && !v->is_null()) {
    scenario.sweep = detail::read_sweep(*v, diagnostics, scenario);
  }
  // So does a calibration, against the targets read above.
  if (const YamlNode* v = section("calibration"); v && !v->is_null()) {
    scenario.calibration = detail::read_calibration(*v, diagnostics, scenario);
  }

  // Threshold modes cannot start from nothing: every region waits for adopting neighbours.
  if (mode && config.adoption_mode != model::AdoptionMode::hazard &&
      config.initial_adopters.empty()) {
    diagnostics.error(mode->mark, "adoption_mode `" + mode->text +
                                      "` needs seeds: list regions under `initial_adopters:`");
  }
  diagnostics.throw_if_any();

  // Where the data came from is recorded by the data files' contents, not by a path.
  YamlNode resolved = root;
  std::erase_if(resolved.entries, [](const auto& entry) {
    return entry.key.text == "data_dir" || entry.key.text == "sweep" ||
           entry.key.text == "calibration";
  });
  scenario.resolved_yaml = write_yaml(resolved);
  scenario.warnings = diagnostics.warnings();
  if (base) scenario.changes_from_base = describe_changes(*base, scenario);
  return scenario;
}

model::Country load_country(const Scenario& scenario, const std::filesystem::path& data_dir) {
  if (scenario.country.kind == CountrySource::Kind::synthetic) {
    return make_synthetic_country(scenario.country.regions, scenario.country.districts,
                                  scenario.country.seed, scenario.country.mean_degree);
  }
  return load_russia_regions(data_dir, scenario.country.include_edges);
}

std::vector<std::filesystem::path> data_files(const Scenario& scenario) {
  if (scenario.country.kind == CountrySource::Kind::synthetic) return {};
  return {scenario.data_dir / kRegionsFile, scenario.data_dir / kAdjacencyFile};
}

model::Country load_country(const Scenario& scenario) {
  return load_country(scenario, scenario.data_dir);
}

std::string_view stylised_fact_stat_name(StylisedFactStat stat) {
  return kStylisedFactStatNames[static_cast<std::size_t>(stat)];
}

std::string describe(const Scenario& scenario) {
  const auto& c = scenario.config;
  std::ostringstream out;
  out << scenario.name << ": " << c.start.str() << "-" << c.end.str() << " (" << c.tick_count()
      << " ticks), " << scenario.region_count << " regions ("
      << (scenario.country.kind == CountrySource::Kind::synthetic ? "synthetic" : "russia83")
      << "), " << c.donors.size() << " donors, " << c.interventions.size() << " interventions, "
      << scenario.targets.size() << " targets, " << scenario.replications << " replications, seed "
      << scenario.seed;
  if (!scenario.arms.empty()) out << ", " << scenario.arms.size() << " arms besides the base";
  if (scenario.sweep) {
    out << ", a " << sensitivity::design_kind_name(scenario.sweep->design) << " sweep of "
        << scenario.sweep->factors.size()
        << (scenario.sweep->factors.size() == 1 ? " factor" : " factors");
  }
  if (scenario.calibration) {
    const std::size_t n = scenario.calibration->parameters.size();
    out << ", a calibration of " << n << (n == 1 ? " parameter" : " parameters");
  }
  return out.str();
}

}  // namespace policysim::scenario
