#include "sim/scenario/calibration_reader.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/map_reader.hpp"
#include "sim/scenario/sweep_reader.hpp"
#include "sim/scenario/value_reader.hpp"

namespace policysim::scenario::detail {
namespace {

// A calibration larger than this is a typo, not a plan: a generation's runs are particles x
// replications, and it takes several proposals to accept a particle.
constexpr std::uint64_t kMaxParticles = 100'000;
constexpr std::uint64_t kMaxReplications = 10'000;
constexpr std::uint64_t kMaxGenerations = 100;
// The proposal kernel is a covariance of the particles: it needs a few per parameter.
constexpr std::uint64_t kMinParticles = 10;

/// The names of the counted targets that `fit:` may list: paired ones included (each proposal
/// then runs in their arms too).
std::vector<std::string> counted_target_names(const Scenario& scenario) {
  std::vector<std::string> names;
  for (const auto& target : scenario.targets) {
    if (target.counted) names.push_back(target.name);
  }
  for (const auto& target : scenario.paired_targets) names.push_back(target.name);
  return names;
}

std::vector<std::string> read_fit(const YamlNode& node, Diagnostics& diagnostics,
                                  const Scenario& scenario) {
  std::vector<std::string> fit;
  if (!node.is_sequence() || node.items.empty()) {
    diagnostics.error(node.mark,
                      "`calibration.fit` must list the names of the targets to fit, e.g. "
                      "[law passed in 2003-04, NGO law in 2005-07]; leave it out to fit every "
                      "counted target");
    return fit;
  }
  const std::vector<std::string> counted = counted_target_names(scenario);
  for (const auto& item : node.items) {
    const auto name = read_string(item, diagnostics, "a target of `calibration.fit`");
    if (!name) continue;
    if (std::find(counted.begin(), counted.end(), *name) == counted.end()) {
      const bool check = std::any_of(scenario.targets.begin(), scenario.targets.end(),
                                     [&](const StylisedFact& t) { return t.name == *name; });
      diagnostics.error(item.mark,
                        check ? "target `" + *name +
                                    "` is a check (`counted: false`): it holds by construction, "
                                    "so it cannot inform a fit; remove it from `calibration.fit`"
                              : unknown_name_message("target", *name, counted, "counted targets",
                                                     "`calibration.fit`"));
      continue;
    }
    if (std::find(fit.begin(), fit.end(), *name) != fit.end()) {
      diagnostics.error(
          item.mark, "target `" + *name + "` is listed twice in `calibration.fit`; list it once");
      continue;
    }
    fit.push_back(*name);
  }
  return fit;
}

}  // namespace

std::optional<Calibration> read_calibration(const YamlNode& node, Diagnostics& diagnostics,
                                            const Scenario& scenario) {
  const std::size_t problems = diagnostics.count();
  Calibration calibration;
  const MapReader map(node, diagnostics, "calibration",
                      {"parameters", "fit", "particles", "replications", "held_out", "generations",
                       "quantile", "min_acceptance", "seed"});
  if (!map.is_map()) return std::nullopt;
  if (counted_target_names(scenario).empty()) {
    diagnostics.error(node.mark,
                      "a calibration fits the scenario's targets, but it has no counted target; "
                      "add stylised facts under `targets:` (docs/scenarios.md)");
  }
  if (const YamlNode* parameters = map.require("parameters")) {
    calibration.parameters =
        read_factors(*parameters, diagnostics, scenario, "calibration.parameters");
    for (const SweepFactor& factor : calibration.parameters) {
      const Mark mark = factor_mark(*parameters, factor);
      if (is_quarter_factor(factor.kind)) {
        diagnostics.error(mark, "`" + factor.path +
                                    "` is a quarter; a calibration fits numbers (a parameter, an "
                                    "intensity or a foreignness): sweep it instead");
      } else if (factor.distribution.kind != DistributionKind::none &&
                 factor.distribution.kind != DistributionKind::uniform) {
        diagnostics.error(mark, "`" + factor.path + "` gives a " +
                                    std::string(distribution_name(factor.distribution.kind)) +
                                    " distribution; a calibrated parameter's prior is uniform over "
                                    "a `range` (or its plausible range, with nothing after the "
                                    "colon)");
      } else if (!factor.values.empty()) {
        diagnostics.error(mark, "`" + factor.path +
                                    "` gives `values`; a calibrated parameter's prior is uniform "
                                    "over a `range` (or its plausible range, with nothing after "
                                    "the colon)");
      }
    }
  }
  if (const YamlNode* v = map.get("fit")) calibration.fit = read_fit(*v, diagnostics, scenario);
  const auto count = [&](const char* key, std::uint64_t minimum, std::uint64_t maximum,
                         std::size_t& value) {
    if (const YamlNode* v = map.get(key)) {
      value =
          read_count(*v, diagnostics, "`calibration." + std::string(key) + "`", minimum, maximum)
              .value_or(value);
    }
  };
  count("particles", kMinParticles, kMaxParticles, calibration.particles);
  count("replications", 1, kMaxReplications, calibration.replications);
  count("held_out", 0, kMaxReplications, calibration.held_out);
  count("generations", 1, kMaxGenerations, calibration.generations);
  if (const YamlNode* v = map.get("quantile")) {
    calibration.quantile =
        read_number_in(*v, diagnostics, "`calibration.quantile`", 0.05, 0.95).value_or(0.5);
  }
  if (const YamlNode* v = map.get("min_acceptance")) {
    calibration.min_acceptance =
        read_number_in(*v, diagnostics, "`calibration.min_acceptance`", 0.0, 0.5).value_or(0.02);
  }
  if (const YamlNode* v = map.get("seed")) {
    calibration.seed = read_count(*v, diagnostics, "`calibration.seed`").value_or(1);
  }
  if (diagnostics.count() > problems) return std::nullopt;
  return calibration;
}

}  // namespace policysim::scenario::detail
