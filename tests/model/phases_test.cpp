// Each parallel phase gives the same bytes run serially and in parallel, from the same state.

#include <catch2/catch.hpp>

#include "fixtures.hpp"
#include "sim/model/phases.hpp"
#include "sim/model/simulation.hpp"
#include "sim/model/world.hpp"

using namespace policysim::model;
using policysim::model::testing::busy_config;
using policysim::model::testing::ring_country;
using policysim::model::testing::same_bytes;

namespace {

// The regional state after the regional phase, with the emulation memory it wrote.
bool same_regions(const World& world_a, const World& world_b) {
  const RegionState& a = world_a.regions_now();
  const RegionState& b = world_b.regions_now();
  return same_bytes(world_a.emulation_memory, world_b.emulation_memory) &&
         same_bytes(a.implementation, b.implementation) && same_bytes(a.capacity, b.capacity) &&
         same_bytes(a.judicial_capacity, b.judicial_capacity) &&
         same_bytes(a.judicial_use, b.judicial_use) && same_bytes(a.resistance, b.resistance) &&
         same_bytes(a.support, b.support) && same_bytes(a.mean_cases, b.mean_cases) &&
         same_bytes(a.cases, b.cases) && same_bytes(a.convictions, b.convictions) &&
         same_bytes(a.obstructing, b.obstructing);
}

bool same_ngos(const NgoState& a, const NgoState& b) {
  return same_bytes(a.resources, b.resources) && same_bytes(a.foreign_share, b.foreign_share) &&
         same_bytes(a.legitimacy, b.legitimacy) && same_bytes(a.tie, b.tie) &&
         same_bytes(a.alive, b.alive) &&
         same_bytes(a.quarters_below_minimum, b.quarters_below_minimum);
}

// A world advanced `ticks` quarters into the busy configuration, then through rules 1 and 2 of
// the next tick, ready for the parallel phases.
struct Prepared {
  Country country = ring_country(40);
  Config config = busy_config(country);
  Simulation simulation{config, country};
  RunOutput output;
  Prepared(bool obstruction, AdoptionMode mode, Tick ticks) {
    config.mechanisms.obstruction = obstruction;
    config.adoption_mode = mode;
    config.initial_adopters.push_back({3, {0.9, 0.9, 0.9, 0.9}});
    config.initial_adopters.push_back({4, {0.9, 0.9, 0.9, 0.9}});
    config.initial_adopters.push_back({22, {0.9, 0.9, 0.9, 0.9}});
    simulation = Simulation(config, country);
    World& w = simulation.world();
    output.series.assign(64 * 30, 0.0);
    w.output = &output;
    w.parallel = false;
    w.reset(17);
    for (Tick t = 0; t < ticks; ++t) step(w, t);
    schedule_interventions(w, ticks);
    compute_exposure(w, ticks);
  }
};

}  // namespace

TEST_CASE("each parallel phase gives the same bytes serially and in parallel",
          "[model][determinism][phases]") {
  const auto mode =
      GENERATE(AdoptionMode::hazard, AdoptionMode::threshold, AdoptionMode::complex_contagion);
  const bool obstruction = GENERATE(false, true);
  const Tick tick = 28;
  Prepared prepared(obstruction, mode, tick);
  World serial = prepared.simulation.world();
  World parallel = prepared.simulation.world();
  serial.parallel = false;
  parallel.parallel = true;
  parallel.grain = 1;

  update_regions(serial, tick);
  update_regions(parallel, tick);
  CHECK(same_regions(serial, parallel));
  CHECK(same_bytes(serial.scratch.ngo_alive_count, parallel.scratch.ngo_alive_count));

  update_ngos(serial, tick);
  update_ngos(parallel, tick);
  CHECK(same_ngos(serial.ngos_now(), parallel.ngos_now()));
  CHECK(same_bytes(serial.scratch.ngo_closed, parallel.scratch.ngo_closed));

  update_nation(serial, tick);
  update_nation(parallel, tick);
  update_ties(serial, tick);
  update_ties(parallel, tick);
  CHECK(same_ngos(serial.ngos_now(), parallel.ngos_now()));
  CHECK(same_bytes(serial.tie_weight, parallel.tie_weight));
}

TEST_CASE("the regional phase reads only the state of tick t", "[model][phases]") {
  // Updating regions in reverse order gives the same result: no region reads another's new value
  // (in the threshold modes too, whose peer counts read neighbours' implementation levels).
  const auto mode =
      GENERATE(AdoptionMode::hazard, AdoptionMode::threshold, AdoptionMode::complex_contagion);
  Prepared prepared(true, mode, 24);
  World forward = prepared.simulation.world();
  World backward = prepared.simulation.world();
  update_regions(forward, 24);
  prepare_peer_sums(backward, 24);
  for (std::size_t r = backward.fixed.region_count; r-- > 0;) update_region(backward, 24, r);
  CHECK(same_regions(forward, backward));
}

TEST_CASE("rule 1 clears only what the last tick wrote, with the same bytes as a full clear",
          "[model][phases][schedule]") {
  Prepared prepared(false, AdoptionMode::hazard, 0);
  World& w = prepared.simulation.world();
  for (Tick t = 0; t < 64; ++t) {
    World cleared = w;
    for (auto* column :
         {&cleared.scratch.instrument_intensity, &cleared.scratch.foreign_grant_intensity,
          &cleared.scratch.domestic_grant_intensity, &cleared.scratch.direct_effect}) {
      std::fill(column->begin(), column->end(), 0.0);
    }
    schedule_interventions(w, t);
    schedule_interventions(cleared, t);
    CHECK(same_bytes(w.scratch.instrument_intensity, cleared.scratch.instrument_intensity));
    CHECK(same_bytes(w.scratch.foreign_grant_intensity, cleared.scratch.foreign_grant_intensity));
    CHECK(same_bytes(w.scratch.domestic_grant_intensity, cleared.scratch.domestic_grant_intensity));
    CHECK(same_bytes(w.scratch.direct_effect, cleared.scratch.direct_effect));
    compute_exposure(w, t);
    update_regions(w, t);
    update_ngos(w, t);
    update_nation(w, t);
    update_ties(w, t);
    record(w, t);
    w.swap_buffers();
  }
}
