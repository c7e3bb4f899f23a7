#include "sim/model/numeric_guard.hpp"

#include <catch2/catch.hpp>

#include <limits>

#include "sim/model/simulation.hpp"
#include "tests/model/fixtures.hpp"

using namespace policysim::model;
using namespace policysim::model::testing;
using Catch::Matchers::Contains;

namespace {

// Two years on a ring of six regions, one foreign donor, no interventions: all finite.
Config quiet_config() {
  Config config;
  config.start = {1997, 1};
  config.end = {1998, 4};
  config.donors = {{"Donor", 0.7, 0.2, true, Frame::balanced, std::nullopt}};
  config.tip.assign(static_cast<std::size_t>(config.tick_count()), 0.0);
  config.elections.assign(static_cast<std::size_t>(config.tick_count()), 0.0);
  config.un.assign(static_cast<std::size_t>(config.tick_count()), 0.0);
  return config;
}

}  // namespace

TEST_CASE("a finite run passes the guard", "[model][numeric]") {
  const Country country = ring_country(6);
  Simulation simulation(quiet_config(), country);
  CHECK_NOTHROW(simulation.run(3, {.parallel = false}));
  CHECK(state_sum_is_finite(simulation.state()));
  CHECK_FALSE(find_non_finite(simulation.state(), simulation.static_world()));
}

TEST_CASE("a NaN parameter stops the run in the phase and agent it first reaches",
          "[model][numeric]") {
  // foreign_share_weight enters rule 9's foreign share alone, through clip01 (std::clamp, which
  // passes a NaN through): the NGO phase of the first tick makes every NGO's share NaN, and
  // NGO 0 is the first of them.
  const Country country = ring_country(6);
  Config config = quiet_config();
  config.params.foreign_share_weight = std::numeric_limits<double>::quiet_NaN();
  Simulation simulation(config, country);
  CHECK_THROWS_AS(simulation.run(5, {.parallel = false}), NonFiniteState);
  CHECK_THROWS_WITH(
      simulation.run(5, {.parallel = false}),
      Contains("non-finite state at tick 0 (1997Q1), phase `ngos`: NGO 0 foreign share = nan") &&
          Contains("; seed 5;") &&
          Contains("parameters not at their defaults: foreign_share_weight = nan"));
}

TEST_CASE("a NaN in a series stops the run at its tick, with the parameters set",
          "[model][numeric]") {
  // The elections series is read by the national phase alone (rule 10: stance and the
  // restrictive-law clock): a NaN at tick 6, 1998Q3, makes the next stance NaN there, and the
  // stance comes first in the national state.
  const Country country = ring_country(6);
  Config config = quiet_config();
  config.elections[6] = std::numeric_limits<double>::quiet_NaN();
  config.params.gamma = 0.2;
  Simulation simulation(config, country);
  CHECK_THROWS_WITH(
      simulation.run(3, {.parallel = false}),
      Contains("non-finite state at tick 6 (1998Q3), phase `nation`: nation stance = nan") &&
          Contains("; seed 3; parameters not at their defaults: gamma = 0.2"));
  // The run before tick 6 was finite: the same configuration over six quarters passes.
  Config shorter = config;
  shorter.end = {1998, 2};
  shorter.tip.resize(6);
  shorter.elections.resize(6);
  shorter.un.resize(6);
  Simulation finite(shorter, country);
  CHECK_NOTHROW(finite.run(3, {.parallel = false}));
}
