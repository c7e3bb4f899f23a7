#pragma once
// The state of one run as the reference tick keeps it, and as the engine view copies it out of the
// engine: plain per-agent vectors (regions region-major), one struct for both, so that a test
// compares the two field by field.

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

#include "sim/model/reform.hpp"

namespace policysim::oracle {

using model::PerReform;

/// Everything a tick reads of the previous tick and writes for the next (MODEL.md §3, §5).
struct ReferenceState {
  // Regions (rules 3-8): a[r][k], capacities, courts, resistance, support.
  std::vector<PerReform> implementation;
  std::vector<double> capacity, judicial_capacity, judicial_use, resistance, support;
  std::vector<double> mean_cases;  ///< m_cases, exponential mean of quarterly cases
  std::vector<std::uint32_t> cases, convictions;
  std::vector<std::uint8_t> obstructing;
  /// Emulation memory e[r][k] of the regions some region emulates (the others are never read):
  /// region, then its memory.
  std::vector<std::pair<std::uint32_t, PerReform>> emulation_memory;
  std::vector<std::uint8_t> ever_toured;  ///< targeted by an active task_force_tour so far

  // NGOs (rule 9).
  std::vector<double> resources, foreign_share, legitimacy, tie;
  std::vector<std::uint8_t> alive;
  std::vector<std::uint32_t> quarters_below_minimum;

  /// Inter-regional NGO tie weights (§4), one per pair of the run's tie pattern, in its order.
  std::vector<double> tie_weight;

  // Nation (rule 10).
  double stance = 0.0, law_content = 0.0;
  PerReform law_in_force{}, directive{};
  int unit_level = 0;
  bool ngo_law = false, foreign_agents_law = false;
  double clock_law = 0.0, clock_unit = 0.0, clock_restrictive = 0.0;
  std::array<bool, model::kReformCount> cascade{};

  // Donors (rule 10).
  std::vector<double> budget, foreignness;
  std::vector<std::uint8_t> cut_for_resistance, exited;
};

/// The draws made once per run (MODEL.md §3 and rules 3, 6 and 10).
struct RunDraws {
  std::vector<double> eta, theta, risk_aversion;
  std::array<double, 5> event_threshold{};  ///< law, special unit, federal unit, Z1, Z2
  std::vector<double> ngo_income_base;      ///< each NGO's own base income (rule 9)
};

/// What a run resolves once from its draws besides RunDraws: the regions each intervention
/// targets, and the pairs of regions its tie-building interventions may link (§4).
struct InterventionPattern {
  std::vector<std::vector<std::uint32_t>> targets;  ///< per intervention
  struct TiePair {
    std::uint32_t low = 0, high = 0;
    std::vector<std::uint32_t> owners;  ///< interventions whose activity strengthens it
  };
  std::vector<TiePair> ties;
};

}  // namespace policysim::oracle
