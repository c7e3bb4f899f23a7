// The initial state of a run (MODEL.md §3).

#include "sim/model/world.hpp"

#include <algorithm>
#include <stdexcept>

#include "sim/model/rules/rules.hpp"

namespace policysim::model {

void set_initial_state(const Config& config, const StaticWorld& fixed, const RunDraws& draws,
                       RunState& state) {
  const Params& p = config.params;
  const std::size_t n = fixed.region_count;
  state.ever_toured.assign(n, 0);
  state.events.clear();
  state.tie_weight.assign(draws.tie_edge_count, 0.0);

  // Initial state (MODEL.md §3).
  state.regions.resize(n);
  state.emulation_memory.assign(fixed.reference_regions.size() * kReformCount, 0.0);
  for (const InitialAdopter& adopter : config.initial_adopters) {
    if (adopter.region >= n) throw std::invalid_argument("an initial adopter does not exist");
    for (std::size_t k = 0; k < kReformCount; ++k) {
      state.regions.implementation[k * n + adopter.region] = rules::clip01(adopter.level[k]);
    }
  }
  for (std::size_t r = 0; r < n; ++r) {
    state.regions.resistance[r] = draws.eta[r];
    state.regions.support[r] = rules::support_equilibrium(p, fixed.exposure[r], 0.0, draws.eta[r]);
  }
  // NGOs start from the defaults' parameters or their configured values, clipped to range.
  state.ngos.resize(fixed.ngo_count);
  for (std::size_t i = 0; i < fixed.ngo_count; ++i) {
    const bool named = i >= fixed.default_ngo_count;
    const NamedNgo* ngo = named ? &config.named_ngos[i - fixed.default_ngo_count] : nullptr;
    state.ngos.resources[i] = std::max(0.0, named ? ngo->resources : p.ngo_R0);
    state.ngos.foreign_share[i] = rules::clip01(named ? ngo->foreign_share : p.ngo_f0);
    state.ngos.legitimacy[i] = rules::clip01(named ? ngo->legitimacy : p.ngo_g0);
    state.ngos.tie[i] = rules::clip01(named ? ngo->tie : p.ngo_tie0);
  }

  state.nation = NationState{};
  state.nation.stance = p.P0;
  state.donors.budget.assign(config.donors.size(), 1.0);
  state.donors.foreignness.resize(config.donors.size());
  state.donors.cut_for_resistance.assign(config.donors.size(), 0);
  state.donors.exited.assign(config.donors.size(), 0);
  for (std::size_t j = 0; j < config.donors.size(); ++j) {
    state.donors.foreignness[j] = rules::clip01(config.donors[j].foreignness);
    if (fixed.donor_last_tick[j] < 0) {
      state.donors.budget[j] = 0.0;
      state.donors.exited[j] = 1;
    }
  }
  // Events forced at a date before the start are applied to this by start_run (phases/step.cpp).
  state.nation_next = state.nation;
}

}  // namespace policysim::model
