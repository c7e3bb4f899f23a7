#pragma once
// The one place the oracle reads the engine: it runs a Simulation tick by tick and copies its
// state, per-run draws and resolved intervention pattern into the oracle's plain structs. When the
// engine's World changes shape, only this adapter changes.

#include <cstdint>

#include "reference_state.hpp"
#include "sim/model/config.hpp"
#include "sim/model/output.hpp"
#include "sim/model/simulation.hpp"

namespace policysim::oracle {

/// The engine, stepped one tick at a time (serially, as the determinism tests show it gives the
/// bits of a parallel run).
class EngineView {
 public:
  EngineView(const model::Config& config, const model::Country& country);

  /// Draws the per-run quantities and sets the initial state, as Simulation::run does.
  void reset(std::uint64_t seed);
  /// Tick t of the engine (all its phases, then its buffer swap).
  void step(int t);

  ReferenceState state() const;
  RunDraws draws() const;
  InterventionPattern pattern() const;

 private:
  model::Simulation simulation_;
  model::RunOutput output_;
};

}  // namespace policysim::oracle
