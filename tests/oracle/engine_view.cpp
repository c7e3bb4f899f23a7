// Reading the engine's state and draws into the oracle's structs (see engine_view.hpp).

#include "engine_view.hpp"

#include <algorithm>
#include <stdexcept>

#include "sim/model/run_draws.hpp"
#include "sim/model/state.hpp"
#include "sim/model/static_world.hpp"

namespace policysim::oracle {

EngineView::EngineView(const model::Config& config, const model::Country& country)
    : simulation_(config, country) {}

void EngineView::reset(std::uint64_t seed) {
  simulation_.start(seed, {.region_series = false, .parallel = false}, output_);
}

void EngineView::step(int t) {
  if (t != simulation_.ticks_run()) throw std::logic_error("the engine steps its ticks in order");
  simulation_.step();
}

ReferenceState EngineView::state() const {
  const model::RunState& w = simulation_.state();
  const model::StaticWorld& fixed = simulation_.static_world();
  const model::RegionState& regions = w.regions;
  const model::NgoState& ngos = w.ngos;
  const model::NationState& nation = w.nation;
  const std::size_t n = fixed.region_count;
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
  for (std::size_t slot = 0; slot < fixed.reference_regions.size(); ++slot) {
    PerReform memory{};
    for (std::size_t k = 0; k < model::kReformCount; ++k) {
      memory[k] = w.emulation_memory[slot * model::kReformCount + k];
    }
    s.emulation_memory.push_back({fixed.reference_regions[slot], memory});
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
  const model::RunDraws& w = simulation_.draws();
  RunDraws d;
  d.eta = w.eta;
  d.theta = w.theta;
  d.risk_aversion = w.risk_aversion;
  d.event_threshold = w.event_threshold;
  d.ngo_income_base = w.ngo_income_base;
  return d;
}

InterventionPattern EngineView::pattern() const {
  const model::RunDraws& w = simulation_.draws();
  InterventionPattern pattern;
  const std::size_t interventions = w.target_offsets.size() - 1;
  for (std::size_t i = 0; i < interventions; ++i) {
    pattern.targets.emplace_back(w.targets.begin() + w.target_offsets[i],
                                 w.targets.begin() + w.target_offsets[i + 1]);
  }
  // Each tie edge's two regions from the per-region lists, then its owners.
  pattern.ties.resize(w.tie_edge_count);
  for (std::size_t r = 0; r < simulation_.static_world().region_count; ++r) {
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
