#pragma once
// The phases of one tick (MODEL.md §5), in the order step() calls them. Each takes the parts of
// the world it reads as const and those it writes as mutable (world.hpp); RunContext holds what
// stays the same through the run. Phases over regions and NGOs write only their own agent's slot
// and read the state of tick t, so they run serially or in parallel with the same bits
// (Execution::parallel).

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

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
/// Draws the run of `seed` into `w` and sets its initial state, with the events forced before the
/// start applied.
void start_run(World& w, std::uint64_t seed);
/// One tick: the phases in order, then the national state of t+1 becomes current. Given
/// `phase_seconds` (one slot a phase of tick_phases()), each phase's wall time is added to its
/// slot; the results are the same.
void step(World& w, Tick t, std::span<double> phase_seconds = {});

/// Rule 1: which interventions are active, with what intensity in which region; the direct
/// instrument effects E and the national quantities TF, I_push, A and intensity spent. Marks the
/// regions a task-force tour reaches in `ever_toured`.
void schedule_interventions(const RunContext& run, Tick t, const DonorState& donors,
                            TickScratch& scratch, std::vector<std::uint8_t>& ever_toured);
/// Rule 2: foreign-pressure exposure F per region, into the intensities of `scratch`.
void compute_exposure(const RunContext& run, const DonorState& donors, TickScratch& scratch);

/// What the regional phase reads of the run's state at t and writes of it at t+1 (RunState's).
struct RegionalState {
  RegionState& regions;
  std::vector<double>& emulation_memory;
  const NgoState& ngos;
  const NationState& nation;
  const std::vector<double>& tie_weight;

  static RegionalState of(RunState& state) {
    return {state.regions, state.emulation_memory, state.ngos, state.nation, state.tie_weight};
  }
};
/// The packed peer records of tick t, the district sums that W_fd needs (in fixed blocks), and
/// the quantities of rules 3-8 that every region shares this tick.
void prepare_peer_sums(const RunContext& run, Tick t, const RegionalState& state,
                       TickScratch& scratch);
/// Rules 3-8 for the regions [begin, end): writes only their state and their slots of
/// scratch.ngo_alive_count.
void update_regions_in(const RunContext& run, Tick t, const RegionalState& state,
                       TickScratch& scratch, std::size_t begin, std::size_t end);
/// Rule 5's emulation memory of the reference regions, from their adoptions in this tick: after
/// the regional phase, which reads the memory of tick t.
void update_emulation_memory(const RunContext& run, const RegionalState& state,
                             const TickScratch& scratch);
/// Rules 3-8 for every region (then the emulation memory), in parallel when asked.
void update_regions(const RunContext& run, Tick t, const RegionalState& state,
                    TickScratch& scratch);

/// The sums over all regions that rules 10 and 12 read, in one deterministic pass after the
/// regional phase.
RegionTotals sum_regions(const RegionState& regions, const std::vector<std::uint8_t>& ever_toured,
                         const TickScratch& scratch);

/// Rule 9 (resources, foreign share, legitimacy, closure) for one NGO; notes a closure in
/// scratch.ngo_closed.
void update_ngo(const RunContext& run, const NationState& nation, std::size_t i, NgoState& ngos,
                TickScratch& scratch);
/// Rule 9 for every NGO, in parallel when asked.
void update_ngos(const RunContext& run, const NationState& nation, NgoState& ngos,
                 TickScratch& scratch);

/// What the national phase writes: the national state of t+1, the donors and the events.
struct NationalState {
  const NationState& now;
  NationState& next;
  DonorState& donors;
  std::vector<EventNote>& events;

  static NationalState of(RunState& state) {
    return {state.nation, state.nation_next, state.donors, state.events};
  }
};
/// Rule 10: federal stance, event clocks and federal events, donors (serial). Reads the regional
/// state of t+1 (the resistance of donors' targets) and the tick's scratch.
void update_nation(const RunContext& run, Tick t, const RegionState& regions,
                   const TickScratch& scratch, const NationalState& state);
/// Applies the events forced at a date before the start to the initial national state (start_run).
void apply_forced_events_before_start(const RunContext& run, const NationalState& state);

/// Rule 11: the NGO ties of rule 9 and the inter-regional ties of §4.
void update_ties(const RunContext& run, NgoState& ngos, std::vector<double>& tie_weight,
                 TickScratch& scratch);

/// Rule 12: the outputs of §8 for tick t into `recording`, from the state at the end of t (`nation`
/// is the national state of t+1), and the NGO closures into `events`.
void record(const RunContext& run, Tick t, const RegionState& regions, const NgoState& ngos,
            const NationState& nation, TickScratch& scratch, const Recording& recording,
            std::vector<EventNote>& events);

}  // namespace policysim::model
