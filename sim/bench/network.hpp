#pragma once
// Sparse weighted networks in CSR form (Eigen's row-major sparse matrix). Row r holds the weights
// W[r, s] with which region r looks at region s. Isolated nodes are empty rows.

#include <cstdint>
#include <span>
#include <utility>

#include <Eigen/SparseCore>

namespace policysim::bench {

/// One weighted, directed edge from -> to.
struct WeightedEdge {
  std::uint32_t from;
  std::uint32_t to;
  double weight;
};

class Network {
 public:
  using Matrix = Eigen::SparseMatrix<double, Eigen::RowMajor, std::int32_t>;

  Network() = default;
  /// Takes the matrix's buffers: Eigen 3.4's SparseMatrix has no move constructor, so std::move
  /// into a member would copy it, and swap does not.
  explicit Network(Matrix&& matrix) { matrix_.swap(matrix); }

  /// Builds an n-node network; duplicate edges add up. Throws std::invalid_argument for an
  /// endpoint >= node_count or a non-finite weight.
  static Network from_edges(std::size_t node_count, std::span<const WeightedEdge> edges);
  /// As from_edges, adding each edge in both directions.
  static Network from_undirected_edges(std::size_t node_count, std::span<const WeightedEdge> edges);
  /// sum_l weight_l * layer_l over layers of equal size (the union of their patterns).
  static Network combine(std::span<const std::pair<double, const Network*>> weighted_layers);

  /// Each row divided by max(floor, row sum); rows summing to 0 stay empty-valued.
  /// floor = 0 gives the ordinary row normalisation.
  Network row_normalised(double floor = 0.0) const;

  std::size_t node_count() const { return static_cast<std::size_t>(matrix_.rows()); }
  std::size_t edge_count() const { return static_cast<std::size_t>(matrix_.nonZeros()); }
  std::span<const std::int32_t> neighbours(std::size_t row) const;
  std::span<const double> weights(std::size_t row) const;
  std::span<double> mutable_weights(std::size_t row);
  double row_sum(std::size_t row) const;
  /// sum_s W[row, s] * values[s].
  double row_dot(std::size_t row, std::span<const double> values) const;

  const Matrix& matrix() const { return matrix_; }

 private:
  Matrix matrix_;
};

}  // namespace policysim::bench
