#pragma once
// An undirected graph without weights, in CSR form, read as its row-normalised matrix: node r
// looks at each of its d neighbours with weight 1/d. The land adjacency W_geo is such a matrix, so
// it is stored without weights: 8 bytes an edge less than a weighted CSR, and fewer bytes for the
// regional phase to stream each tick. The weight 1/d is exactly what normalising a row of d unit
// weights gives, so sums over a row have the same bits either way.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace policysim::core {

/// One undirected edge between two nodes.
struct UndirectedEdge {
  std::uint32_t a;
  std::uint32_t b;
};

class Adjacency {
 public:
  Adjacency() = default;

  /// Builds an n-node graph with each edge in both rows, neighbours ascending. Throws
  /// std::invalid_argument for an endpoint >= node_count, a loop, an edge given twice (in either
  /// direction), or more than 2^31 - 1 edges (entries are counted in 32 bits).
  static Adjacency from_undirected_edges(std::size_t node_count,
                                         std::span<const UndirectedEdge> edges);

  std::size_t node_count() const { return offsets_.empty() ? 0 : offsets_.size() - 1; }
  /// Entries of the matrix: twice the undirected edges.
  std::size_t entry_count() const { return neighbours_.size(); }
  /// The neighbours of a node, ascending; empty for an isolated node.
  std::span<const std::uint32_t> neighbours(std::size_t node) const {
    return {neighbours_.data() + offsets_[node], offsets_[node + 1] - offsets_[node]};
  }
  /// The weight 1/d of each of a node's d neighbours in the row-normalised matrix; 0 when d = 0.
  double neighbour_weight(std::size_t node) const {
    const std::uint32_t degree = offsets_[node + 1] - offsets_[node];
    return degree > 0 ? 1.0 / static_cast<double>(degree) : 0.0;
  }
  /// sum_s W[node, s] values[s] of the row-normalised matrix; 0 for an isolated node.
  double row_mean(std::size_t node, std::span<const double> values) const;

 private:
  std::vector<std::uint32_t> offsets_;     // node r's neighbours: [offsets_[r], offsets_[r + 1])
  std::vector<std::uint32_t> neighbours_;  // ascending within each row
};

}  // namespace policysim::core
