#include "sim/core/adjacency.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

namespace policysim::core {
namespace {

std::string edge_text(const UndirectedEdge& edge) {
  return std::to_string(edge.a) + "-" + std::to_string(edge.b);
}

}  // namespace

Adjacency Adjacency::from_undirected_edges(std::size_t node_count,
                                           std::span<const UndirectedEdge> edges) {
  if (2 * edges.size() > std::numeric_limits<std::uint32_t>::max()) {
    throw std::invalid_argument(std::to_string(edges.size()) +
                                " edges are more than a graph can hold (2^31 - 1)");
  }
  Adjacency graph;
  graph.offsets_.assign(node_count + 1, 0);
  for (const UndirectedEdge& edge : edges) {
    if (edge.a >= node_count || edge.b >= node_count) {
      throw std::invalid_argument("edge " + edge_text(edge) + " has an endpoint outside the " +
                                  std::to_string(node_count) + " nodes of the graph");
    }
    if (edge.a == edge.b) throw std::invalid_argument("edge " + edge_text(edge) + " is a loop");
    ++graph.offsets_[edge.a + 1];
    ++graph.offsets_[edge.b + 1];
  }
  for (std::size_t r = 0; r < node_count; ++r) graph.offsets_[r + 1] += graph.offsets_[r];

  graph.neighbours_.resize(2 * edges.size());
  std::vector<std::uint32_t> cursor(graph.offsets_.begin(), graph.offsets_.end() - 1);
  for (const UndirectedEdge& edge : edges) {
    graph.neighbours_[cursor[edge.a]++] = edge.b;
    graph.neighbours_[cursor[edge.b]++] = edge.a;
  }
  for (std::size_t r = 0; r < node_count; ++r) {
    const auto row = graph.neighbours_.begin() + graph.offsets_[r];
    const auto row_end = graph.neighbours_.begin() + graph.offsets_[r + 1];
    std::sort(row, row_end);
    const auto repeated = std::adjacent_find(row, row_end);
    if (repeated != row_end) {
      throw std::invalid_argument("edge " + edge_text({static_cast<std::uint32_t>(r), *repeated}) +
                                  " is given twice");
    }
  }
  return graph;
}

double Adjacency::row_mean(std::size_t node, std::span<const double> values) const {
  const double weight = neighbour_weight(node);
  double total = 0.0;
  for (const std::uint32_t s : neighbours(node)) total += weight * values[s];
  return total;
}

}  // namespace policysim::core
