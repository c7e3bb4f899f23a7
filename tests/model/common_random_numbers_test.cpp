// Common random numbers across arms: an arm that adds, removes or reorders interventions must not
// shift the draws of agents and purposes it does not touch (docs/compare.md).

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "sim/model/run_draws.hpp"
#include "sim/model/static_world.hpp"
#include "tests/model/fixtures.hpp"

using namespace policysim::model;
using policysim::model::testing::busy_config;
using policysim::model::testing::ring_country;

namespace {

/// The targets of intervention `name` in a run's draws.
std::vector<std::uint32_t> targets_of(const RunDraws& draws, const Config& config,
                                      const std::string& name) {
  const auto it = std::find_if(config.interventions.begin(), config.interventions.end(),
                               [&](const Intervention& iv) { return iv.name == name; });
  REQUIRE(it != config.interventions.end());
  const auto i = static_cast<std::size_t>(it - config.interventions.begin());
  return {draws.targets.begin() + draws.target_offsets[i],
          draws.targets.begin() + draws.target_offsets[i + 1]};
}

/// The tie links that intervention `name` owns, as (low, high) region pairs.
std::set<std::pair<std::uint32_t, std::uint32_t>> ties_of(const RunDraws& draws,
                                                          const Config& config,
                                                          const std::string& name) {
  const auto it = std::find_if(config.interventions.begin(), config.interventions.end(),
                               [&](const Intervention& iv) { return iv.name == name; });
  REQUIRE(it != config.interventions.end());
  const auto i = static_cast<std::size_t>(it - config.interventions.begin());
  // Per region (neighbour, edge); the intervention's own edges are listed separately.
  std::vector<std::uint8_t> owned(draws.tie_edge_count, 0);
  for (auto e = draws.intervention_tie_offsets[i]; e < draws.intervention_tie_offsets[i + 1]; ++e)
    owned[draws.intervention_ties[e]] = 1;
  std::set<std::pair<std::uint32_t, std::uint32_t>> pairs;
  for (std::uint32_t r = 0; r + 1 < draws.tie_offsets.size(); ++r) {
    for (auto e = draws.tie_offsets[r]; e < draws.tie_offsets[r + 1]; ++e) {
      if (owned[draws.tie_edge[e]] != 0)
        pairs.emplace(std::min(r, draws.tie_neighbour[e]), std::max(r, draws.tie_neighbour[e]));
    }
  }
  return pairs;
}

}  // namespace

TEST_CASE("an arm that inserts an intervention leaves the other draws unchanged", "[model][crn]") {
  const Country country = ring_country(40);
  Config base = busy_config(country);
  // Two interventions with random targets, one of them tie-building, behind the insertion point.
  Intervention random_training = base.interventions[1];
  random_training.name = "random training";
  random_training.targets = {TargetedRegions::Kind::random, {}, 0, 7};
  base.interventions.push_back(random_training);
  Intervention random_conference = base.interventions[5];
  random_conference.name = "random conference";
  random_conference.targets = {TargetedRegions::Kind::random, {}, 0, 9};
  base.interventions.push_back(random_conference);

  // The arm puts a new random-target, tie-building intervention first and drops another one.
  Config arm = base;
  Intervention extra = random_conference;
  extra.name = "extra assembly";
  extra.instrument = Instrument::national_assembly;
  extra.targets = {TargetedRegions::Kind::random, {}, 0, 12};
  arm.interventions.insert(arm.interventions.begin(), extra);
  arm.interventions.erase(arm.interventions.begin() + 3);  // "US training" of the base

  // The threshold mode, so that the thresholds theta are drawn too.
  base.adoption_mode = arm.adoption_mode = AdoptionMode::threshold;
  const StaticWorld fixed_base = build_static_world(base, country);
  const StaticWorld fixed_arm = build_static_world(arm, country);
  RunDraws draws_base, draws_arm;
  for (const std::uint64_t seed : {1ULL, 77ULL, 20120101ULL}) {
    draws_base.draw(base, fixed_base, seed);
    draws_arm.draw(arm, fixed_arm, seed);
    CHECK(draws_base.eta == draws_arm.eta);
    CHECK(draws_base.theta.size() == country.region_count());
    CHECK(draws_base.theta == draws_arm.theta);
    CHECK(draws_base.risk_aversion == draws_arm.risk_aversion);
    CHECK(draws_base.event_threshold == draws_arm.event_threshold);
    for (const char* name : {"random training", "random conference", "Nordic exchange"}) {
      CHECK(targets_of(draws_base, base, name) == targets_of(draws_arm, arm, name));
    }
    for (const char* name : {"random conference", "Murmansk conference", "Nordic exchange"}) {
      CHECK(ties_of(draws_base, base, name) == ties_of(draws_arm, arm, name));
    }
  }
}

TEST_CASE("interventions with different names draw different random targets", "[model][crn]") {
  const Country country = ring_country(60);
  Config config = busy_config(country);
  for (const char* name : {"first", "second"}) {
    Intervention iv = config.interventions[1];
    iv.name = name;
    iv.targets = {TargetedRegions::Kind::random, {}, 0, 20};
    config.interventions.push_back(iv);
  }
  const StaticWorld fixed = build_static_world(config, country);
  RunDraws draws;
  draws.draw(config, fixed, 5);
  CHECK(targets_of(draws, config, "first") != targets_of(draws, config, "second"));
}
