#pragma once
// The state of one run, as structs of vectors (entry i of every vector is agent i). A tick reads
// the state of t and writes that of t+1 (MODEL.md §5, order and buffering). Regions and NGOs are
// updated in place, one copy each: what other agents read of tick t during a phase is a per-tick
// copy (the packed peer record of the regional phase, and the emulation memory of the regions
// others emulate), and an agent reads its own values before it writes them. The
// reform matrix is stored reform-major, a[k * regions + r], so that each reform's column is one
// contiguous span for reductions.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "sim/model/events.hpp"
#include "sim/model/reform.hpp"

namespace policysim::model {

/// Regional police, courts and executive (MODEL.md §3).
struct RegionState {
  std::vector<double> implementation;      ///< a[r,k], reform-major
  std::vector<double> capacity;            ///< c
  std::vector<double> judicial_capacity;   ///< cJ
  std::vector<double> judicial_use;        ///< aJ
  std::vector<double> resistance;          ///< rho
  std::vector<double> support;             ///< s
  std::vector<double> mean_cases;          ///< m_cases, exponential mean of quarterly cases
  std::vector<std::uint32_t> cases;        ///< cases opened this quarter
  std::vector<std::uint32_t> convictions;  ///< convictions this quarter
  std::vector<std::uint8_t> obstructing;   ///< 1 when the directorate obstructed this quarter
  /// Bit j set when cases were opened j quarters ago (j = 0..3): the regions with a case during a
  /// year are read from it at the year's fourth quarter (the §9 fact of 2004).
  std::vector<std::uint8_t> case_quarters;

  /// Sizes every column for `regions` regions (allocates only when growing).
  void resize(std::size_t regions) {
    implementation.assign(regions * kReformCount, 0.0);
    for (auto* column :
         {&capacity, &judicial_capacity, &judicial_use, &resistance, &support, &mean_cases}) {
      column->assign(regions, 0.0);
    }
    cases.assign(regions, 0);
    convictions.assign(regions, 0);
    obstructing.assign(regions, 0);
    case_quarters.assign(regions, 0);
  }
  std::size_t region_count() const { return resistance.size(); }
  /// The column of reform k.
  std::span<const double> reform(std::size_t k) const {
    return std::span<const double>(implementation).subspan(k * region_count(), region_count());
  }
  double a(std::size_t r, std::size_t k) const { return implementation[k * region_count() + r]; }
};

/// NGOs (MODEL.md §3, rule 9).
struct NgoState {
  std::vector<double> resources;      ///< R >= 0
  std::vector<double> foreign_share;  ///< f
  std::vector<double> legitimacy;     ///< g
  std::vector<double> tie;            ///< tie to the region's police
  std::vector<std::uint8_t> alive;
  std::vector<std::uint32_t> quarters_below_minimum;  ///< consecutive quarters with R < R_min

  void resize(std::size_t ngos) {
    for (auto* column : {&resources, &foreign_share, &legitimacy, &tie}) column->assign(ngos, 0.0);
    alive.assign(ngos, 1);
    quarters_below_minimum.assign(ngos, 0);
  }
  std::size_t ngo_count() const { return alive.size(); }
};

/// Federal actors: MIA, Duma committee and task force, federal centre (MODEL.md §3).
struct NationState {
  double stance = 0.0;              ///< P
  double law_content = 0.0;         ///< lambda
  PerReform law_in_force{};         ///< Law[k]
  int unit_level = 0;               ///< U in {0, 1, 2}
  PerReform directive{};            ///< D[k] = d_U[k] * U
  bool ngo_law = false;             ///< Z1
  bool foreign_agents_law = false;  ///< Z2
  /// Cumulative hazards of the event clocks (rule 10): law, next unit step, next restrictive law.
  double clock_law = 0.0, clock_unit = 0.0, clock_restrictive = 0.0;
  /// Norm cascade started for reform k (latched; rule 5).
  std::array<bool, kReformCount> cascade{};
};

/// Donors' run-time state (MODEL.md §3, rule 10). Written only in the national phase.
struct DonorState {
  std::vector<double> budget;       ///< b[j](t), 1 = as planned
  std::vector<double> foreignness;  ///< phi[j], raised by restrictive laws
  std::vector<std::uint8_t> cut_for_resistance;
  std::vector<std::uint8_t> exited;
};

/// An event as a phase notes it during a run: plain values, so that noting one allocates nothing
/// (beyond the list's growth); it is named when the run ends (name_event).
struct EventNote {
  int tick = 0;
  EventKind kind = EventKind::law_passed;
  bool forced = false;        ///< a federal event forced by the scenario rather than by its rule
  std::uint32_t subject = 0;  ///< the donor (donor_cut, donor_exit) or the NGO (ngo_closed)
};

/// Everything of a run that changes from tick to tick (MODEL.md §3), plus the events noted so far.
struct RunState {
  RegionState regions;  ///< updated in place (phases/regional.cpp says why that is safe)
  NgoState ngos;        ///< updated in place (phases/ngos.cpp, phases/ties.cpp)
  /// e[q,k] of the reference regions (rule 5), slot * 4 + k: only references' memory is ever
  /// read, so only theirs is kept. Updated after the regional phase, which reads that of tick t.
  std::vector<double> emulation_memory;
  /// The national state of t, and that of t+1 which the national phase writes; the tick ends by
  /// making the second current (next_tick).
  NationState nation, nation_next;
  DonorState donors;
  std::vector<double> tie_weight;         ///< weight of each NGO-tie edge (RunDraws' pattern)
  std::vector<std::uint8_t> ever_toured;  ///< ever targeted by an active task_force_tour
  std::vector<EventNote> events;          ///< in the order noted; named at the end of the run

  /// Makes the next national state current (end of a tick): regions, NGOs and the emulation
  /// memory are updated in place.
  void next_tick() { nation = nation_next; }
};

}  // namespace policysim::model
