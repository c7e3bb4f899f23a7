#include "sim/core/adjacency.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <stdexcept>
#include <vector>

using policysim::core::Adjacency;
using policysim::core::UndirectedEdge;

TEST_CASE("an adjacency lists each edge in both rows, neighbours ascending", "[core][adjacency]") {
  const std::vector<UndirectedEdge> edges = {{2, 0}, {0, 1}, {3, 2}, {1, 2}};
  const Adjacency graph = Adjacency::from_undirected_edges(5, edges);
  CHECK(graph.node_count() == 5);
  CHECK(graph.entry_count() == 8);
  CHECK(std::vector<std::uint32_t>(graph.neighbours(0).begin(), graph.neighbours(0).end()) ==
        std::vector<std::uint32_t>{1, 2});
  CHECK(std::vector<std::uint32_t>(graph.neighbours(2).begin(), graph.neighbours(2).end()) ==
        std::vector<std::uint32_t>{0, 1, 3});
  CHECK(graph.neighbours(4).empty());  // an isolated node
  CHECK(graph.neighbour_weight(2) == 1.0 / 3.0);
  CHECK(graph.neighbour_weight(3) == 1.0);
  CHECK(graph.neighbour_weight(4) == 0.0);
  const std::vector<double> values = {10.0, 20.0, 40.0, 80.0, 160.0};
  CHECK(graph.row_mean(0, values) == 0.5 * 20.0 + 0.5 * 40.0);
  CHECK(graph.row_mean(4, values) == 0.0);
}

TEST_CASE("an adjacency refuses loops, repeated edges and unknown nodes", "[core][adjacency]") {
  using Catch::Matchers::Contains;
  const std::vector<UndirectedEdge> repeated = {{0, 1}, {1, 2}, {2, 1}};
  CHECK_THROWS_WITH(Adjacency::from_undirected_edges(3, repeated),
                    Contains("edge 1-2 is given twice"));
  const std::vector<UndirectedEdge> loop = {{0, 1}, {1, 1}};
  CHECK_THROWS_WITH(Adjacency::from_undirected_edges(3, loop), Contains("edge 1-1 is a loop"));
  const std::vector<UndirectedEdge> outside = {{0, 3}};
  CHECK_THROWS_WITH(Adjacency::from_undirected_edges(3, outside),
                    Contains("edge 0-3 has an endpoint outside the 3 nodes"));
  CHECK(Adjacency::from_undirected_edges(0, {}).node_count() == 0);
}
