// Reading the engine's World into the oracle's structs (see engine_view.hpp).

#include "engine_view.hpp"

#include <algorithm>

#include "sim/model/metrics.hpp"
#include "sim/model/phases.hpp"
#include "sim/model/world.hpp"

namespace policysim::oracle {

EngineView::EngineView(const model::Config& config, const model::Country& country)
    : simulation_(config, country) {}

void EngineView::reset(std::uint64_t seed) {
  model::World& w = simulation_.world();
  output_.series.assign(w.fixed.tick_count * model::kSeriesMetricNames.size(), 0.0);
  output_.region_series.clear();
  w.output = &output_;
  w.record_region_series = false;
  w.parallel = false;
  w.reset(seed);
}

void EngineView::step(int t) { model::step(simulation_.world(), t); }

ReferenceState EngineView::state() const {
  const model::World& w = simulation_.world();
  const model::RegionState& regions = w.regions_now();
  const model::NgoState& ngos = w.ngos_now();
  const model::NationState& nation = w.nation;
  const std::size_t n = w.fixed.region_count;
  ReferenceState s;
  s.implementation.resize(n);
  for (std::size_t r = 0; r < n; ++r) {
    for (std::size_t k = 0; k < model::kReformCount; ++k) s.implementation[r][k] = regions.a(r, k);
  }
  s.capacity = regions.capacity;
  s.judicial_capacity = regions.judicial_capacity;
  s.judicial_use = regions.judicial_use;
  s.resistance = regions.resistance;
  s.support = regions.support;
  s.mean_cases = regions.mean_cases;
  s.cases = regions.cases;
  s.convictions = regions.convictions;
  s.obstructing = regions.obstructing;
  // The engine keeps the memory of the reference regions only, one slot each.
  for (std::size_t slot = 0; slot < w.fixed.reference_regions.size(); ++slot) {
    PerReform memory{};
    for (std::size_t k = 0; k < model::kReformCount; ++k) {
      memory[k] = w.emulation_memory[slot * model::kReformCount + k];
    }
    s.emulation_memory.push_back({w.fixed.reference_regions[slot], memory});
  }
  std::sort(s.emulation_memory.begin(), s.emulation_memory.end(),
            [](const auto& x, const auto& y) { return x.first < y.first; });
  s.ever_toured = w.ever_toured;

  s.resources = ngos.resources;
  s.foreign_share = ngos.foreign_share;
  s.legitimacy = ngos.legitimacy;
  s.tie = ngos.tie;
  s.alive = ngos.alive;
  s.quarters_below_minimum = ngos.quarters_below_minimum;
  s.tie_weight = w.tie_weight;

  s.stance = nation.stance;
  s.law_content = nation.law_content;
  s.law_in_force = nation.law_in_force;
  s.directive = nation.directive;
  s.unit_level = nation.unit_level;
  s.ngo_law = nation.ngo_law;
  s.foreign_agents_law = nation.foreign_agents_law;
  s.clock_law = nation.clock_law;
  s.clock_unit = nation.clock_unit;
  s.clock_restrictive = nation.clock_restrictive;
  s.cascade = nation.cascade;

  s.budget = w.donors.budget;
  s.foreignness = w.donors.foreignness;
  s.cut_for_resistance = w.donors.cut_for_resistance;
  s.exited = w.donors.exited;
  return s;
}

RunDraws EngineView::draws() const {
  const model::World& w = simulation_.world();
  RunDraws d;
  d.eta = w.eta;
  d.theta = w.theta;
  d.risk_aversion = w.risk_aversion;
  d.event_threshold = w.event_threshold;
  return d;
}

InterventionPattern EngineView::pattern() const {
  const model::World& w = simulation_.world();
  InterventionPattern pattern;
  const std::size_t interventions = w.config.interventions.size();
  for (std::size_t i = 0; i < interventions; ++i) {
    pattern.targets.emplace_back(w.targets.begin() + w.target_offsets[i],
                                 w.targets.begin() + w.target_offsets[i + 1]);
  }
  // Each tie edge's two regions from the per-region lists, then its owners.
  pattern.ties.resize(w.tie_weight.size());
  for (std::size_t r = 0; r < w.fixed.region_count; ++r) {
    for (std::uint32_t e = w.tie_offsets[r]; e < w.tie_offsets[r + 1]; ++e) {
      const std::uint32_t other = w.tie_neighbour[e];
      if (other < r) continue;
      pattern.ties[w.tie_edge[e]].low = static_cast<std::uint32_t>(r);
      pattern.ties[w.tie_edge[e]].high = other;
    }
  }
  for (std::size_t i = 0; i < interventions; ++i) {
    for (std::uint32_t e = w.intervention_tie_offsets[i]; e < w.intervention_tie_offsets[i + 1];
         ++e) {
      pattern.ties[w.intervention_ties[e]].owners.push_back(static_cast<std::uint32_t>(i));
    }
  }
  return pattern;
}

}  // namespace policysim::oracle
