#pragma once
// A World built by hand for the tests of single phases: they call a phase with the parts of the
// world it reads and writes, set parts of the state to values of their own, and compare.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "sim/model/metrics.hpp"
#include "sim/model/phases/phases.hpp"
#include "sim/model/world.hpp"

namespace policysim::model::testing {

/// A configured world, started from `seed`, recording into `output`.
struct WorldFixture {
  WorldFixture(const Config& config_in, const Country& country, std::uint64_t seed,
               bool parallel = false)
      : config(config_in), fixed(build_static_world(config, country)), world(config, fixed) {
    output.series.assign(fixed.tick_count * kSeriesMetricNames.size(), 0.0);
    world.execution.parallel = parallel;
    world.recording = {&output, false};
    start_run(world, seed);
  }
  // The world refers to the configuration, the static world and the output.
  WorldFixture(const WorldFixture&) = delete;
  WorldFixture& operator=(const WorldFixture&) = delete;

  Config config;
  StaticWorld fixed;
  World world;
  RunOutput output;
};

/// Runs the phase of tick_phases() called `name` on `w`, as step() does.
inline void run_phase(World& w, std::string_view name, Tick t) {
  for (const TickPhase& phase : tick_phases()) {
    if (name == phase.name) {
      phase.run(w, t);
      return;
    }
  }
  throw std::invalid_argument("no phase called " + std::string(name));
}

}  // namespace policysim::model::testing
