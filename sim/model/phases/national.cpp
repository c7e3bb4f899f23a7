// Rule 10: the national phase. Serial, after deterministic reductions of the regional state of
// t+1; reads the national state of t (NationalState::now) and writes that of t+1 (::next).
// Federal events fire on event clocks: each kind accumulates the cumulative hazard
// -ln(1 - p(t)) of its per-quarter probability and fires when it reaches the run's threshold
// Theta ~ Gamma(k_ev, 1/k_ev). A forced event fires in its quarter and switches its rule off.

#include <algorithm>
#include <string>

#include "sim/model/phases/phases.hpp"
#include "sim/model/rules/rules.hpp"

namespace policysim::model {
namespace {

constexpr std::size_t kind(FederalEvent event) { return static_cast<std::size_t>(event); }

void note(const NationalState& state, Tick t, EventKind kind, bool forced,
          std::uint32_t subject = 0) {
  state.events.push_back(EventNote{t, kind, forced, subject});
}

// Federal legislation: Law[law] = 1; the protection content lambda falls with foreign
// authorship; victim and multi get lambda, unit none.
void pass_law(const Params& p, const NationalState& state, Tick t, double foreign_authorship,
              bool forced) {
  NationState& next = state.next;
  next.law_content = rules::law_content(p, foreign_authorship);
  next.law_in_force[index(Reform::law)] = 1.0;
  next.law_in_force[index(Reform::victim)] = next.law_content;
  next.law_in_force[index(Reform::multi)] = next.law_content;
  next.law_in_force[index(Reform::unit)] = 0.0;
  next.clock_law = 0.0;
  note(state, t, EventKind::law_passed, forced);
}

void set_unit_level(const NationalState& state, Tick t, int level, bool forced) {
  NationState& next = state.next;
  while (next.unit_level < level) {
    ++next.unit_level;
    note(state, t,
         next.unit_level == 1 ? EventKind::special_unit_created : EventKind::federal_unit_created,
         forced);
  }
  next.clock_unit = 0.0;
}

// A restrictive law cuts every foreign donor's budget and raises its foreignness.
void enact_restrictive_law(const RunContext& run, const NationalState& state, Tick t,
                           FederalEvent event, bool forced) {
  NationState& next = state.next;
  if (event == FederalEvent::ngo_law) {
    next.ngo_law = true;
    note(state, t, EventKind::ngo_law, forced);
  } else {
    next.foreign_agents_law = true;
    note(state, t, EventKind::foreign_agents_law, forced);
  }
  next.clock_restrictive = 0.0;
  DonorState& donors = state.donors;
  for (std::size_t j = 0; j < run.config.donors.size(); ++j) {
    if (!run.config.donors[j].foreign) continue;
    donors.budget[j] *= run.params.donor_cut;
    donors.foreignness[j] = std::min(1.0, donors.foreignness[j] + run.params.phi_raise);
  }
}

// Applies every event forced at `t` (or, when before_start, at any tick before the start).
// Returns whether a unit step was forced, so that the rule does not step again this tick.
bool apply_forced(const RunContext& run, const NationalState& state, Tick t,
                  double foreign_authorship, bool before_start) {
  const StaticWorld& f = run.fixed;
  auto due = [&](FederalEvent event) {
    const int at = f.forced_tick[kind(event)];
    return f.forced[kind(event)] && (before_start ? at < 0 : at == t);
  };
  const Tick event_tick = before_start ? 0 : t;
  NationState& next = state.next;
  if (due(FederalEvent::law) && next.law_in_force[index(Reform::law)] < 1.0) {
    pass_law(run.params, state, event_tick, foreign_authorship, true);
  }
  bool unit_forced = false;
  if (due(FederalEvent::unit_special) && next.unit_level < 1) {
    set_unit_level(state, event_tick, 1, true);
    unit_forced = true;
  }
  if (due(FederalEvent::unit_federal) && next.unit_level < 2) {
    set_unit_level(state, event_tick, 2, true);
    unit_forced = true;
  }
  if (due(FederalEvent::ngo_law) && !next.ngo_law) {
    enact_restrictive_law(run, state, event_tick, FederalEvent::ngo_law, true);
  }
  if (due(FederalEvent::foreign_agents_law) && !next.foreign_agents_law) {
    enact_restrictive_law(run, state, event_tick, FederalEvent::foreign_agents_law, true);
  }
  for (std::size_t k = 0; k < kReformCount; ++k) {
    next.directive[k] = run.params.d_U[k] * next.unit_level;
  }
  return unit_forced;
}

}  // namespace

void apply_forced_events_before_start(const RunContext& run, const NationalState& state) {
  // No intervention has run before the start: a law forced then has no foreign authors.
  apply_forced(run, state, 0, 0.0, true);
}

void update_nation(const RunContext& run, Tick t, const RegionState& regions,
                   const TickScratch& scratch, const NationalState& state) {
  const Params& p = run.params;
  const Mechanisms& mechanisms = run.mechanisms;
  const StaticWorld& f = run.fixed;
  const NationState& now = state.now;
  NationState& next = state.next;
  DonorState& donors = state.donors;
  next = now;
  // `regions` is of t+1: the regional phase is over.
  const std::size_t tick = static_cast<std::size_t>(t);
  const double tip = f.tip[tick], election = f.elections[tick], un = f.un[tick];

  const RegionTotals& totals = scratch.region_totals;
  const auto regions_count = static_cast<double>(f.region_count);
  const double mean_exposure = totals.foreign_exposure / regions_count;
  const double mean_resistance = totals.resistance / regions_count;
  const double mean_a_law = totals.implementation[index(Reform::law)] / regions_count;
  const double mean_a_unit = totals.implementation[index(Reform::unit)] / regions_count;

  // Federal stance.
  next.stance = rules::stance_next(p, now.stance, mean_exposure, tip, election, mean_resistance);

  const bool unit_forced = apply_forced(run, state, t, scratch.foreign_authorship, false);

  // Federal legislation.
  if (next.law_in_force[index(Reform::law)] < 1.0 && !f.forced[kind(FederalEvent::law)] &&
      mechanisms.legislation) {
    next.clock_law += rules::softplus(rules::legislation_logit(p, tip, scratch.task_force_active,
                                                               mean_a_law, un, scratch.push_max));
    if (next.clock_law >= run.draws.event_threshold[kind(FederalEvent::law)]) {
      pass_law(p, state, t, scratch.foreign_authorship, false);
    }
  }

  // Federal MIA unit: at most one step a tick, each step with its own intercept and threshold.
  if (!unit_forced && next.unit_level < 2 && mechanisms.federal_unit) {
    const FederalEvent step =
        next.unit_level == 0 ? FederalEvent::unit_special : FederalEvent::unit_federal;
    if (!f.forced[kind(step)]) {
      next.clock_unit += rules::softplus(rules::unit_logit(
          p, next.unit_level, mean_a_unit, now.law_in_force[index(Reform::law)], tip));
      if (next.clock_unit >= run.draws.event_threshold[kind(step)]) {
        set_unit_level(state, t, next.unit_level + 1, false);
      }
    }
  }
  for (std::size_t k = 0; k < kReformCount; ++k) next.directive[k] = p.d_U[k] * next.unit_level;

  // Restrictive laws: the NGO law first, then the foreign-agents law, whose pressure counts only
  // in quarters when P > P_Z2. The clock of Z2 starts the quarter after Z1.
  if (mechanisms.restrictive_laws) {
    const double increment =
        rules::restrictive_clock_increment(p, scratch.foreign_total, election, now.stance);
    if (!next.ngo_law) {
      if (!f.forced[kind(FederalEvent::ngo_law)]) {
        next.clock_restrictive += increment;
        if (next.clock_restrictive >= run.draws.event_threshold[kind(FederalEvent::ngo_law)]) {
          enact_restrictive_law(run, state, t, FederalEvent::ngo_law, false);
        }
      }
    } else if (now.ngo_law && !next.foreign_agents_law &&
               !f.forced[kind(FederalEvent::foreign_agents_law)] && now.stance > p.P_Z2) {
      next.clock_restrictive += increment;
      if (next.clock_restrictive >=
          run.draws.event_threshold[kind(FederalEvent::foreign_agents_law)]) {
        enact_restrictive_law(run, state, t, FederalEvent::foreign_agents_law, false);
      }
    }
  }

  // Donors: a foreign donor cuts its budget once when the mean resistance over the targets of
  // its active interventions exceeds rho_exit; every donor's budget is 0 after its horizon.
  const auto& interventions = run.config.interventions;
  for (std::size_t j = 0; j < run.config.donors.size(); ++j) {
    if (donors.exited[j] != 0) continue;
    if (run.config.donors[j].foreign && donors.cut_for_resistance[j] == 0) {
      double sum = 0.0;
      std::size_t count = 0;
      for (std::size_t i = 0; i < interventions.size(); ++i) {
        if (interventions[i].donor != j || !(scratch.intervention_intensity[i] > 0.0)) continue;
        for (std::uint32_t e = run.draws.target_offsets[i]; e < run.draws.target_offsets[i + 1];
             ++e) {
          sum += regions.resistance[run.draws.targets[e]];
          ++count;
        }
      }
      if (count > 0 && sum / static_cast<double>(count) > p.rho_exit) {
        donors.budget[j] *= p.exit_cut;
        donors.cut_for_resistance[j] = 1;
        note(state, t, EventKind::donor_cut, false, static_cast<std::uint32_t>(j));
      }
    }
    if (t + 1 > f.donor_last_tick[j]) {
      donors.budget[j] = 0.0;
      donors.exited[j] = 1;
      note(state, t, EventKind::donor_exit, false, static_cast<std::uint32_t>(j));
    }
  }

  // Norm cascade: latched once the adopted share of a reform reaches the tipping share.
  for (std::size_t k = 0; k < kReformCount; ++k) {
    next.cascade[k] = next.cascade[k] || totals.adopters[k] >= p.cascade_share * regions_count;
  }
}

}  // namespace policysim::model
