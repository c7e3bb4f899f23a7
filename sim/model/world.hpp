#pragma once
// The world of a run, by lifetime: the configuration and the static world (built once, then only
// read), the run's draws (made when it starts, then only read), its state (which each tick
// advances) and the per-tick scratch. Each phase (phases/phases.hpp) takes the parts it reads as
// const and the parts it writes; phases/step.cpp hands them over, and Simulation owns the World.

#include <cstddef>
#include <cstdint>

#include "sim/model/config.hpp"
#include "sim/model/execution.hpp"
#include "sim/model/output.hpp"
#include "sim/model/run_draws.hpp"
#include "sim/model/state.hpp"
#include "sim/model/static_world.hpp"
#include "sim/model/tick_scratch.hpp"

namespace policysim::model {

/// What a phase reads that stays the same through a run.
struct RunContext {
  const Config& config;
  const Params& params;
  const Mechanisms& mechanisms;
  const StaticWorld& fixed;
  const RunDraws& draws;
  Execution execution;
};

/// Where a run writes its outputs (rule 12).
struct Recording {
  RunOutput* output = nullptr;
  bool region_series = false;  ///< also the regional series of each tick
};

/// A run's parts. Reused from run to run without reallocating.
struct World {
  World(const Config& config_in, const StaticWorld& fixed_in)
      : config(config_in), fixed(fixed_in) {}

  const Config& config;
  const StaticWorld& fixed;
  RunDraws draws;
  RunState state;
  TickScratch scratch;
  Execution execution;
  Recording recording;

  RunContext context() const {
    return {config, config.params, config.mechanisms, fixed, draws, execution};
  }
};

/// The state at the start of a run (MODEL.md §3), from its draws; events forced at a date before
/// the start are applied after this, by the national phase (start_run in phases/step.cpp).
void set_initial_state(const Config& config, const StaticWorld& fixed, const RunDraws& draws,
                       RunState& state);

}  // namespace policysim::model
