#include "sim/bench/reference_network.hpp"

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace policysim::bench {

// W_fd comes from district sums in the model and has no edges. The matrix is written row by row,
// in column order, straight into its arrays: edge lists and per-layer matrices would take several
// times its size for a moment, which the largest countries cannot spare.
Network reference_network(const model::StaticWorld& fixed, const model::RunDraws& draws,
                          const model::Params& params) {
  const std::size_t n = fixed.region_count;
  const double w_geo = params.w_geo, w_ngo = params.w_ngo;
  Network::Matrix matrix(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
  matrix.reserve(static_cast<Eigen::Index>(fixed.geo.entry_count() + draws.tie_neighbour.size()));
  std::vector<std::pair<std::uint32_t, double>> row;  // (column, weight), merged per column
  for (std::size_t r = 0; r < n; ++r) {
    row.clear();
    const double land_weight = w_geo * fixed.geo.neighbour_weight(r);
    for (const std::uint32_t s : fixed.geo.neighbours(r)) row.emplace_back(s, land_weight);
    for (std::uint32_t e = draws.tie_offsets[r]; e < draws.tie_offsets[r + 1]; ++e) {
      row.emplace_back(draws.tie_neighbour[e], w_ngo);
    }
    std::sort(row.begin(), row.end(),
              [](const auto& x, const auto& y) { return x.first < y.first; });
    matrix.startVec(static_cast<Eigen::Index>(r));
    for (std::size_t i = 0; i < row.size();) {
      // A column given more than once (a land neighbour that is also tied) is one entry.
      const std::uint32_t column = row[i].first;
      double weight = 0.0;
      for (; i < row.size() && row[i].first == column; ++i) weight += row[i].second;
      matrix.insertBack(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(column)) = weight;
    }
  }
  matrix.finalize();
  return Network(std::move(matrix));
}

}  // namespace policysim::bench
