#include "sim/bench/reference_network.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

#include "../model/fixtures.hpp"
#include "sim/bench/network.hpp"
#include "sim/model/simulation.hpp"

using namespace policysim::bench;

TEST_CASE("the reference network is w_geo W_geo plus w_ngo times the NGO-tie pattern", "[bench]") {
  using namespace policysim;
  const model::Country country = model::testing::ring_country(12);
  model::Config config = model::testing::busy_config(country);
  config.params.w_geo = 0.7;
  config.params.w_ngo = 0.4;
  model::Simulation simulation(config, country);
  simulation.run(1);
  const model::StaticWorld& fixed = simulation.static_world();
  const model::RunDraws& draws = simulation.draws();
  REQUIRE(!draws.tie_neighbour.empty());  // the conferences and exchanges tie some regions

  // The serial twin: each layer as an edge list, combined by bench::Network.
  const std::size_t n = fixed.region_count;
  std::vector<bench::WeightedEdge> land, ties;
  for (std::uint32_t r = 0; r < n; ++r) {
    for (const std::uint32_t s : fixed.geo.neighbours(r)) {
      land.push_back({r, s, fixed.geo.neighbour_weight(r)});
    }
    for (std::uint32_t e = draws.tie_offsets[r]; e < draws.tie_offsets[r + 1]; ++e) {
      ties.push_back({r, draws.tie_neighbour[e], 1.0});
    }
  }
  const bench::Network land_layer = bench::Network::from_edges(n, land);
  const bench::Network tie_layer = bench::Network::from_edges(n, ties);
  const std::array<std::pair<double, const bench::Network*>, 2> layers = {
      {{0.7, &land_layer}, {0.4, &tie_layer}}};
  const bench::Network expected = bench::Network::combine(layers);

  const bench::Network reference = reference_network(fixed, draws, config.params);
  REQUIRE(reference.node_count() == n);
  REQUIRE(reference.edge_count() == expected.edge_count());
  CHECK(reference.edge_count() < land.size() + ties.size());  // some land neighbours are tied
  for (std::size_t r = 0; r < n; ++r) {
    CAPTURE(r);
    const auto columns = reference.neighbours(r), expected_columns = expected.neighbours(r);
    CHECK(std::vector<std::int32_t>(columns.begin(), columns.end()) ==
          std::vector<std::int32_t>(expected_columns.begin(), expected_columns.end()));
    const auto weights = reference.weights(r), expected_weights = expected.weights(r);
    for (std::size_t i = 0; i < weights.size() && i < expected_weights.size(); ++i) {
      CHECK(weights[i] == Approx(expected_weights[i]).epsilon(1e-15));
    }
  }
}
