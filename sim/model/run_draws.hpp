#pragma once
// What a run draws from its seed before its first tick and only reads afterwards (MODEL.md §3,
// §4): the agents' fixed traits, the event thresholds, the random targets and the NGO tie
// pattern, and the random stream that the phases key by (tick, agent, purpose).

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/core/random.hpp"
#include "sim/model/config.hpp"
#include "sim/model/purpose.hpp"
#include "sim/model/static_world.hpp"

namespace policysim::model {

/// The per-run draws. Written by draw() alone; a run's phases only read them.
struct RunDraws {
  /// Draws everything for `seed` (reusing the buffers of the last run).
  void draw(const Config& config, const StaticWorld& fixed, std::uint64_t seed);

  core::RandomStream rng{0, kModelStream};

  std::vector<double> eta;            ///< baseline nationalism
  std::vector<double> theta;          ///< adoption thresholds (threshold modes; else empty)
  std::vector<double> risk_aversion;  ///< obstruction
  std::array<double, kFederalEventCount> event_threshold{};  ///< Theta of each federal event
  std::vector<double> ngo_income_base;  ///< each NGO's own base income per quarter (rule 9)

  // Per-run constants of the exponential memories (rules 5 and 7): the share kept each quarter.
  double emulation_memory_keep = 0.0;  ///< 2^(-1/h_M)
  double case_mean_keep = 0.0;         ///< 2^(-1/case_half_life_ticks)

  // Targets of each intervention this run (CSR), and the NGO tie pattern of §4: undirected edges
  // (their weights are state, RunState::tie_weight), listed per region (neighbour, edge) and per
  // intervention (edge).
  std::vector<std::uint32_t> target_offsets, targets;
  std::vector<std::uint32_t> tie_offsets, tie_neighbour, tie_edge;
  std::vector<std::uint32_t> intervention_tie_offsets, intervention_ties;
  std::size_t tie_edge_count = 0;

 private:
  void draw_targets(const Config& config, const StaticWorld& fixed);
  void draw_tie_pattern(const Config& config, const StaticWorld& fixed);
  std::vector<std::uint32_t> permutation_;  // scratch for random targets
  // One link of the tie pattern: a pair of regions, lower first, and the intervention that links
  // them; ordered by (low, high, intervention).
  struct TieLink {
    std::uint32_t low, high, intervention;
    auto operator<=>(const TieLink&) const = default;
  };
  std::vector<TieLink> tie_links_;        // scratch
  std::vector<std::uint32_t> link_edge_;  // edge id of each tie link, scratch
  std::vector<std::uint32_t> cursor_;     // fill positions while building CSR lists, scratch
};

}  // namespace policysim::model
