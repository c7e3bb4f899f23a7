#include "sim/bench/network.hpp"

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace policysim::bench {
namespace {

using Triplet = Eigen::Triplet<double, std::int32_t>;

void check_edge(std::size_t node_count, const WeightedEdge& edge) {
  if (edge.from >= node_count || edge.to >= node_count) {
    throw std::invalid_argument("edge " + std::to_string(edge.from) + " -> " +
                                std::to_string(edge.to) + " has an endpoint outside the " +
                                std::to_string(node_count) + " nodes of the network");
  }
  if (!std::isfinite(edge.weight)) {
    throw std::invalid_argument("edge " + std::to_string(edge.from) + " -> " +
                                std::to_string(edge.to) + " has a non-finite weight");
  }
}

Network from_triplets(std::size_t node_count, const std::vector<Triplet>& triplets) {
  const auto n = static_cast<Eigen::Index>(node_count);
  Network::Matrix matrix(n, n);
  matrix.setFromTriplets(triplets.begin(), triplets.end());  // duplicates are summed
  matrix.makeCompressed();
  return Network(std::move(matrix));
}

Triplet triplet(std::uint32_t from, std::uint32_t to, double weight) {
  return {static_cast<std::int32_t>(from), static_cast<std::int32_t>(to), weight};
}

}  // namespace

Network Network::from_edges(std::size_t node_count, std::span<const WeightedEdge> edges) {
  std::vector<Triplet> triplets;
  triplets.reserve(edges.size());
  for (const auto& edge : edges) {
    check_edge(node_count, edge);
    triplets.push_back(triplet(edge.from, edge.to, edge.weight));
  }
  return from_triplets(node_count, triplets);
}

Network Network::from_undirected_edges(std::size_t node_count,
                                       std::span<const WeightedEdge> edges) {
  std::vector<Triplet> triplets;
  triplets.reserve(2 * edges.size());
  for (const auto& edge : edges) {
    check_edge(node_count, edge);
    triplets.push_back(triplet(edge.from, edge.to, edge.weight));
    if (edge.from != edge.to) triplets.push_back(triplet(edge.to, edge.from, edge.weight));
  }
  return from_triplets(node_count, triplets);
}

Network Network::combine(std::span<const std::pair<double, const Network*>> weighted_layers) {
  if (weighted_layers.empty()) throw std::invalid_argument("combine needs at least one layer");
  const std::size_t n = weighted_layers.front().second->node_count();
  Matrix sum(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
  for (const auto& [weight, layer] : weighted_layers) {
    if (layer->node_count() != n) {
      throw std::invalid_argument("cannot combine networks of " + std::to_string(n) + " and " +
                                  std::to_string(layer->node_count()) + " nodes");
    }
    sum += weight * layer->matrix();
  }
  sum.makeCompressed();
  return Network(std::move(sum));
}

Network Network::row_normalised(double floor) const {
  Matrix normalised = matrix_;
  for (Eigen::Index row = 0; row < normalised.outerSize(); ++row) {
    double total = 0.0;
    for (Matrix::InnerIterator it(normalised, row); it; ++it) total += it.value();
    const double divisor = std::max(floor, total);
    if (divisor == 0.0) continue;  // an isolated node keeps its empty row
    for (Matrix::InnerIterator it(normalised, row); it; ++it) it.valueRef() /= divisor;
  }
  return Network(std::move(normalised));
}

std::span<const std::int32_t> Network::neighbours(std::size_t row) const {
  const auto* outer = matrix_.outerIndexPtr();
  return {matrix_.innerIndexPtr() + outer[row],
          static_cast<std::size_t>(outer[row + 1] - outer[row])};
}

std::span<const double> Network::weights(std::size_t row) const {
  const auto* outer = matrix_.outerIndexPtr();
  return {matrix_.valuePtr() + outer[row], static_cast<std::size_t>(outer[row + 1] - outer[row])};
}

std::span<double> Network::mutable_weights(std::size_t row) {
  const auto* outer = matrix_.outerIndexPtr();
  return {matrix_.valuePtr() + outer[row], static_cast<std::size_t>(outer[row + 1] - outer[row])};
}

double Network::row_sum(std::size_t row) const {
  double total = 0.0;
  for (double w : weights(row)) total += w;
  return total;
}

double Network::row_dot(std::size_t row, std::span<const double> values) const {
  const auto columns = neighbours(row);
  const auto row_weights = weights(row);
  double total = 0.0;
  for (std::size_t e = 0; e < columns.size(); ++e) total += row_weights[e] * values[columns[e]];
  return total;
}

}  // namespace policysim::bench
