#pragma once
// The phases of one tick (MODEL.md §5), in the order step() calls them. Phases over regions and
// NGOs write only their own agent's slot and read the state of tick t, so they run serially
// or in parallel with the same bits (World::parallel).

#include <cstddef>
#include <span>

#include "sim/model/world.hpp"

namespace policysim::model {

/// Quarters since the start of the run.
using Tick = int;

/// A phase of a tick, named for timing.
struct TickPhase {
  const char* name;
  void (*run)(World& w, Tick t);
};
/// The phases of a tick in the order step() runs them.
std::span<const TickPhase> tick_phases();
/// One tick: the phases in order, then the buffers swap. Given `phase_seconds` (one slot a phase
/// of tick_phases()), each phase's wall time is added to its slot; the results are the same.
void step(World& w, Tick t, std::span<double> phase_seconds = {});

/// Rule 1: which interventions are active, with what intensity in which region; the direct
/// instrument effects E and the national quantities TF, I_push, A and intensity spent.
void schedule_interventions(World& w, Tick t);
/// Rule 2: foreign-pressure exposure F per region.
void compute_exposure(World& w, Tick t);
/// The packed peer records of tick t, the district sums that W_fd needs (in fixed blocks), and the
/// quantities of rules 3-8 that every region shares this tick.
void prepare_peer_sums(World& w, Tick t);
/// Rules 3-8 for the regions [begin, end): writes only their state (and their scratch slots).
void update_regions_in(World& w, Tick t, std::size_t begin, std::size_t end);
/// Rule 5's emulation memory of the reference regions, from their adoptions in this tick: after
/// the regional phase, which reads the memory of tick t.
void update_emulation_memory(World& w);
/// Rules 3-8 for every region (then the emulation memory), in parallel when w.parallel.
void update_regions(World& w, Tick t);
/// The sums over all regions that rules 10 and 12 read, in one deterministic pass after the
/// regional phase.
void sum_regions(World& w, Tick t);
/// Rule 9 (resources, foreign share, legitimacy, closure) for one NGO.
void update_ngo(World& w, Tick t, std::size_t i);
/// Rule 9 for every NGO, in parallel when w.parallel.
void update_ngos(World& w, Tick t);
/// Rule 10: federal stance, event clocks and federal events, donors (serial).
void update_nation(World& w, Tick t);
/// Rule 11: the NGO ties of rule 9 and the inter-regional ties of §4.
void update_ties(World& w, Tick t);
/// Rule 12: the outputs of §8 for tick t (the state at the end of t).
void record(World& w, Tick t);

/// Applies the events forced at a date before the start (called by World::reset).
void apply_forced_events_before_start(World& w);

}  // namespace policysim::model
