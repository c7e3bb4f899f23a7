#pragma once
// A scenario: one YAML file read into typed values (DESIGN.md §3). It holds the model::Config of a
// run, where its country comes from, the run defaults and the stylised-fact targets it is judged
// against (MODEL.md §9). Reading is strict: see docs/scenarios.md for the layout.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/quarter.hpp"
#include "sim/model/config.hpp"
#include "sim/scenario/calibration.hpp"
#include "sim/scenario/scenario_error.hpp"
#include "sim/scenario/sweep.hpp"

namespace policysim::scenario {

/// Where a scenario's regions come from.
struct CountrySource {
  enum class Kind { russia83, synthetic };
  Kind kind = Kind::russia83;
  std::vector<std::string> include_edges;  ///< russia83: optional edge kinds to add
  std::size_t regions = 0;                 ///< synthetic: number of regions
  std::size_t districts = 0;               ///< synthetic: number of districts
  std::uint64_t seed = 1;                  ///< synthetic: layout seed (not the run seed)
  double mean_degree = 8.0;                ///< synthetic: mean number of neighbours
};

/// How a target reduces a metric to one number per run.
/// `change` is the value at the window's last quarter minus the value at its first.
enum class StylisedFactStat { mean, sum, last, min, max, first_reached, outcome, change };
/// Names of StylisedFactStat values as written in scenarios.
inline constexpr std::string_view kStylisedFactStatNames[] = {
    "mean", "sum", "last", "min", "max", "first_reached", "outcome", "change"};

/// A condition on another per-run outcome: a target judged only over the runs whose `outcome`
/// lies in [low, high] (e.g. the law's content among the runs where the law passed).
struct StylisedFactCondition {
  std::string outcome;
  double low = 0.0, high = 0.0;  ///< inclusive; NaN (the event never happened) is outside
};

/// A stylised fact: a statistic of a metric that must fall in `range` in at least `share` of runs.
struct StylisedFact {
  std::string name;
  std::string
      metric;  ///< a national series metric, or a per-run outcome for StylisedFactStat::outcome
  StylisedFactStat stat = StylisedFactStat::mean;
  std::optional<core::Quarter> window_start, window_end;  ///< inclusive; not for outcome
  std::optional<double> threshold;                        ///< first_reached only
  double low = 0.0, high = 0.0;                           ///< inclusive range
  double share = 0.6;                          ///< fraction of runs that must fall in range
  std::string source;                          ///< the fact and where it comes from
  std::optional<StylisedFactCondition> given;  ///< judged only over the runs that meet it
  /// False for a fact that holds by construction: reported as a check, not counted as met.
  bool counted = true;
  /// A paired target: the arm whose runs it judges against the base's on the same replicates
  /// (common random numbers); empty for a fact about the base's own runs. Each pair's value is
  /// the arm's statistic minus the base's, or, with `minus`, the arm's statistic minus its
  /// statistic of `minus`; the target is met when the 95 % t interval of the values' mean lies
  /// in [low, high]. `share` is then the share of parameter points (a calibration's proposals)
  /// that must meet it.
  std::string arm = {};
  std::string minus = {};  ///< a second metric of the same kind, subtracted in each arm run
  bool paired() const { return !arm.empty(); }
};

/// A named change to the base scenario (`arms:`), compared with it on common random numbers by
/// `policysim compare` (docs/compare.md).
struct Arm {
  std::string name;
  std::string description;
  model::Config config;                      ///< the base's config with the arm's changes applied
  std::map<std::string, double> parameters;  ///< the base's given parameters, then the arm's
};

/// The name of the arm that is the base scenario itself.
inline constexpr std::string_view kBaseArm = "base";

/// Everything a scenario file says.
struct Scenario {
  std::string name;
  std::string description;
  std::filesystem::path file;      ///< the file it was read from
  std::filesystem::path data_dir;  ///< region data; empty for a synthetic country without one
  CountrySource country;
  model::Config config;
  std::size_t replications = 1;
  std::uint64_t seed = 1;
  std::size_t region_count = 0;              ///< regions of the country, known before it is built
  std::map<std::string, double> parameters;  ///< values given under `parameters`, by dotted name
  std::vector<StylisedFact> targets;         ///< facts about the base's runs
  /// Facts comparing an arm with the base (StylisedFact::arm), judged by `policysim compare` and
  /// fitted by `policysim calibrate`.
  std::vector<StylisedFact> paired_targets;
  std::vector<Arm> arms;           ///< besides the base, which is arm `base`
  std::string reference = "base";  ///< the arm the others are compared with
  /// `sweep:`, the factors and design that `policysim sweep` runs (docs/sweeps.md).
  std::optional<Sweep> sweep;
  /// `calibration:`, the parameters and targets that `policysim calibrate` fits
  /// (docs/calibration.md).
  std::optional<Calibration> calibration;
  /// The scenario with its `extends:` chain resolved, as one self-contained YAML document; its
  /// `data_dir` is left out (data_files names the files it stands for), and so are `sweep` and
  /// `calibration`, which their databases record on their own.
  std::string resolved_yaml;
  /// The scenario files read for it: `file`, then each file it extends, nearest first.
  std::vector<std::filesystem::path> source_files;
  /// Things allowed but probably not meant (an intervention outside the run, ...), each
  /// "file:line:column: warning: ..."; the commands print them on stderr.
  std::vector<Diagnostic> warnings;
  /// For a variant: what it changes from the scenario it extends, one line each ("intervention
  /// `x` added", "parameter `gamma` 0.12 -> 0.2"); empty for a scenario that extends nothing.
  std::vector<std::string> changes_from_base;
};

/// The region data files the scenario's country is built from (none for a synthetic country).
std::vector<std::filesystem::path> data_files(const Scenario& scenario);

/// Reads and checks a scenario; throws ScenarioError listing every problem found.
Scenario load_scenario(const std::filesystem::path& file);

/// The country a scenario runs on, with region data from `data_dir`.
model::Country load_country(const Scenario& scenario, const std::filesystem::path& data_dir);
/// As above, with the scenario's own data directory.
model::Country load_country(const Scenario& scenario);

/// The data directory for a scenario in `scenario_dir`: the nearest `data/` holding the region
/// table, searching upward from `scenario_dir` (so scenarios/ and scenarios/smoke/ both find
/// scenarios/data); empty when there is none.
std::filesystem::path find_data_dir(const std::filesystem::path& scenario_dir);

/// One line: name, quarters, ticks, regions, donors, interventions, targets, replications.
std::string describe(const Scenario& scenario);

/// Name of a stat as written in scenarios.
std::string_view stylised_fact_stat_name(StylisedFactStat stat);

}  // namespace policysim::scenario
