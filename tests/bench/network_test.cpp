#include "sim/bench/network.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <random>
#include <set>
#include <stdexcept>
#include <utility>
#include <vector>

#include "sim/core/adjacency.hpp"

using policysim::bench::Network;
using policysim::bench::WeightedEdge;
using policysim::core::Adjacency;
using policysim::core::UndirectedEdge;

TEST_CASE("a network built from edges stores rows in CSR order", "[bench][network]") {
  const std::vector<WeightedEdge> edges = {{0, 2, 1.0}, {0, 1, 3.0}, {2, 0, 0.5}, {0, 1, 1.0}};
  const Network net = Network::from_edges(4, edges);
  CHECK(net.node_count() == 4);
  CHECK(net.edge_count() == 3);  // the duplicate 0 -> 1 adds up
  REQUIRE(net.neighbours(0).size() == 2);
  CHECK(net.neighbours(0)[0] == 1);
  CHECK(net.weights(0)[0] == 4.0);
  CHECK(net.neighbours(0)[1] == 2);
  CHECK(net.neighbours(1).empty());
  CHECK(net.neighbours(3).empty());  // an isolated node
  CHECK(net.row_sum(0) == 5.0);
}

TEST_CASE("undirected edges appear in both rows", "[bench][network]") {
  const std::vector<WeightedEdge> edges = {{0, 1, 1.0}, {1, 2, 2.0}};
  const Network net = Network::from_undirected_edges(3, edges);
  CHECK(net.edge_count() == 4);
  CHECK(net.row_sum(1) == 3.0);
  CHECK(net.neighbours(2)[0] == 1);
}

TEST_CASE("row normalisation makes rows sum to one and keeps isolated rows empty",
          "[bench][network]") {
  const std::vector<WeightedEdge> edges = {{0, 1, 1.0}, {0, 2, 3.0}, {1, 0, 2.0}};
  const Network net = Network::from_edges(4, edges).row_normalised();
  CHECK(net.weights(0)[0] == 0.25);
  CHECK(net.weights(0)[1] == 0.75);
  CHECK(net.row_sum(1) == 1.0);
  CHECK(net.neighbours(3).empty());
  const std::vector<double> values = {10.0, 20.0, 40.0, 80.0};
  CHECK(net.row_dot(0, values) == 0.25 * 20.0 + 0.75 * 40.0);
  CHECK(net.row_dot(3, values) == 0.0);
}

TEST_CASE("normalising with a floor keeps weak rows weak", "[bench][network]") {
  // W_ngo is divided by max(1, row sum): ties summing to 0.4 keep their weights.
  const std::vector<WeightedEdge> edges = {{0, 1, 0.1}, {0, 2, 0.3}, {1, 0, 4.0}};
  const Network net = Network::from_edges(3, edges).row_normalised(1.0);
  CHECK(net.weights(0)[0] == 0.1);
  CHECK(net.weights(0)[1] == 0.3);
  CHECK(net.weights(1)[0] == 1.0);
}

TEST_CASE("layers combine as a weighted sum over the union of their patterns", "[bench][network]") {
  const std::vector<WeightedEdge> geo = {{0, 1, 1.0}};
  const std::vector<WeightedEdge> district = {{0, 1, 1.0}, {0, 2, 1.0}};
  const Network a = Network::from_edges(3, geo);
  const Network b = Network::from_edges(3, district);
  const std::vector<std::pair<double, const Network*>> layers = {{0.5, &a}, {0.2, &b}};
  const Network combined = Network::combine(layers);
  CHECK(combined.weights(0)[0] == Approx(0.7));
  CHECK(combined.weights(0)[1] == Approx(0.2));
  CHECK(combined.neighbours(1).empty());
}

TEST_CASE("bad edges are rejected", "[bench][network]") {
  const std::vector<WeightedEdge> outside = {{0, 3, 1.0}};
  CHECK_THROWS_WITH(Network::from_edges(3, outside), Catch::Contains("outside the 3 nodes"));
  const std::vector<WeightedEdge> nan = {{0, 1, std::nan("")}};
  CHECK_THROWS_WITH(Network::from_edges(3, nan), Catch::Contains("non-finite"));
}

TEST_CASE("an adjacency's row means have the bits of the row-normalised weighted network",
          "[bench][network]") {
  // The model relies on this: W_geo was a weighted CSR with unit weights, normalised per row.
  std::mt19937 engine(7);
  const std::uint32_t n = 300;
  std::uniform_int_distribution<std::uint32_t> node(0, n - 1);
  std::set<std::pair<std::uint32_t, std::uint32_t>> seen;
  std::vector<UndirectedEdge> edges;
  std::vector<WeightedEdge> weighted;
  while (edges.size() < 1200) {
    const std::uint32_t a = node(engine), b = node(engine);
    if (a == b || !seen.insert({std::min(a, b), std::max(a, b)}).second) continue;
    edges.push_back({a, b});
    weighted.push_back({a, b, 1.0});
  }
  std::uniform_real_distribution<double> value(-1.0, 1.0);
  std::vector<double> values(n);
  for (double& v : values) v = value(engine);

  const Adjacency graph = Adjacency::from_undirected_edges(n, edges);
  const Network network = Network::from_undirected_edges(n, weighted).row_normalised();
  REQUIRE(graph.entry_count() == network.edge_count());
  for (std::uint32_t r = 0; r < n; ++r) {
    const auto neighbours = graph.neighbours(r);
    const auto columns = network.neighbours(r);
    REQUIRE(neighbours.size() == columns.size());
    for (std::size_t e = 0; e < columns.size(); ++e) {
      CHECK(neighbours[e] == static_cast<std::uint32_t>(columns[e]));
      CHECK(graph.neighbour_weight(r) == network.weights(r)[e]);
    }
    CHECK(graph.row_mean(r, values) == network.row_dot(r, values));
  }
}
