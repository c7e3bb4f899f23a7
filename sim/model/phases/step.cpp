// One tick of the model (MODEL.md §5): kPhases is its table of contents, each phase given the
// parts of the world it reads (const) and writes.

#include <array>
#include <chrono>

#include "sim/model/phases/phases.hpp"

namespace policysim::model {
namespace {

constexpr std::array<TickPhase, 8> kPhases{{
    {"schedule",  // rule 1
     [](World& w, Tick t) {
       schedule_interventions(w.context(), t, w.state.donors, w.scratch, w.state.ever_toured);
     }},
    {"exposure",  // rule 2
     [](World& w, Tick) { compute_exposure(w.context(), w.state.donors, w.scratch); }},
    {"regions",  // rules 3-8, parallel over regions
     [](World& w, Tick t) {
       update_regions(w.context(), t, RegionalState::of(w.state), w.scratch);
     }},
    {"region sums",  // what rules 10 and 12 read of all regions, one pass
     [](World& w, Tick) {
       w.scratch.region_totals = sum_regions(w.state.regions, w.state.ever_toured, w.scratch);
     }},
    {"ngos",  // rule 9, parallel over NGOs
     [](World& w, Tick) { update_ngos(w.context(), w.state.nation, w.state.ngos, w.scratch); }},
    {"nation",  // rule 10, serial, after the sums
     [](World& w, Tick t) {
       update_nation(w.context(), t, w.state.regions, w.scratch, NationalState::of(w.state));
     }},
    {"ties",  // rule 11
     [](World& w, Tick) { update_ties(w.context(), w.state.ngos, w.state.tie_weight, w.scratch); }},
    {"record",  // rule 12: the state at the end of t
     [](World& w, Tick t) {
       record(w.context(), t, w.state.regions, w.state.ngos, w.state.nation_next, w.scratch,
              w.recording, w.state.events);
     }},
}};

}  // namespace

std::span<const TickPhase> tick_phases() { return kPhases; }

void start_run(World& w, std::uint64_t seed) {
  w.draws.draw(w.config, w.fixed, seed);
  w.scratch.size_for_run(w.config, w.fixed, w.draws.tie_edge_count);
  set_initial_state(w.config, w.fixed, w.draws, w.state);
  apply_forced_events_before_start(w.context(), NationalState::of(w.state));
  w.state.next_tick();
}

void step(World& w, Tick t, std::span<double> phase_seconds) {
  using Clock = std::chrono::steady_clock;
  // Unrolled, each call is to a known phase, which the compiler can inline as in a list of calls.
  static_assert(kPhases.size() <= 16, "the unrolling below covers at most 16 phases");
#pragma GCC unroll 16
  for (std::size_t i = 0; i < kPhases.size(); ++i) {
    if (phase_seconds.empty()) {
      kPhases[i].run(w, t);
      continue;
    }
    const auto started = Clock::now();
    kPhases[i].run(w, t);
    phase_seconds[i] += std::chrono::duration<double>(Clock::now() - started).count();
  }
  w.state.next_tick();
}

}  // namespace policysim::model
