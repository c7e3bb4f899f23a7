#pragma once
// A naive reference for one tick of the model, written from MODEL.md §5 (rules 1-11) and the
// choices docs/model.md states, to check the engine against the specification rather than against
// its own earlier output. It is serial and plainly double-buffered (every rule reads the state of
// tick t from one copy and writes tick t+1 into another), uses dense peer weights built region by
// region, and none of the engine's optimisations or rule functions: the formulas are written out
// here from the specification's text.
//
// The one thing taken from the engine is which random draw each rule uses: the counter-based
// stream of sim/core/random.hpp keyed (seed, tick, agent, purpose, draw number), with the purposes
// of sim/model/purpose.hpp (see reference_tick.cpp for the mapping), so that both make the same
// draws; and what a run draws once to resolve its interventions (the targets of "n at random" and
// the pattern of possible NGO ties), which comes in through InterventionPattern. Every other kind
// of target is resolved here from §6.

#include <cstdint>
#include <vector>

#include "reference_state.hpp"
#include "sim/core/random.hpp"
#include "sim/model/config.hpp"

namespace policysim::oracle {

/// The model of MODEL.md, one naive tick at a time.
class ReferenceModel {
 public:
  ReferenceModel(const model::Config& config, const model::Country& country);

  /// Draws the per-run quantities from `seed` and sets the initial state (MODEL.md §3), with the
  /// targets and tie pattern that the run resolved.
  void reset(std::uint64_t seed, const InterventionPattern& pattern);
  /// Advances the state from the start of tick t to its end (rules 1-11).
  void step(int t);

  const ReferenceState& state() const { return state_; }
  const RunDraws& draws() const { return draws_; }
  /// The regions each intervention targets this run, ascending.
  const std::vector<std::vector<std::uint32_t>>& targets() const { return targets_; }

 private:
  // The combined peer weight W of §4, row r, as a dense row (empty total: no peers).
  double peer_row(std::size_t r, const ReferenceState& now, std::vector<double>& row) const;
  double geo_mean(std::size_t r, const std::vector<double>& values) const;
  void apply_forced_events(ReferenceState& next, int t, bool before_start, double authorship,
                           bool& unit_forced) const;
  void pass_law(ReferenceState& next, double authorship) const;
  void enact_restrictive_law(ReferenceState& next, bool foreign_agents) const;

  const model::Config& config_;
  const model::Params& p_;
  std::size_t n_ = 0;
  // The country, as plain lists.
  std::vector<std::vector<std::uint32_t>> land_neighbours_;
  std::vector<std::uint32_t> district_;
  std::vector<std::vector<std::uint32_t>> district_members_;
  std::vector<std::vector<std::uint32_t>> references_;  ///< emulation references of each region
  std::vector<std::uint8_t> is_reference_;
  std::vector<double> exposure_, size_;
  std::vector<std::uint32_t> ngo_region_;
  std::vector<model::NamedNgo> ngo_initial_;
  std::vector<double> tip_, elections_, un_;
  std::vector<std::vector<std::uint32_t>> fixed_targets_;  ///< per intervention; random: empty

  core::RandomStream rng_{0, 0};
  RunDraws draws_;
  InterventionPattern pattern_;
  std::vector<std::vector<std::uint32_t>> targets_;
  std::vector<std::vector<double>> tie_matrix_;  ///< scratch: tie weight of each pair at t
  ReferenceState state_;
};

}  // namespace policysim::oracle
