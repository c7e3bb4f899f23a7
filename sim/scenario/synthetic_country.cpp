#include "sim/scenario/synthetic_country.hpp"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_sort.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <span>
#include <stdexcept>
#include <vector>

#include "sim/core/hilbert_curve.hpp"
#include "sim/core/random.hpp"

namespace policysim::scenario {
namespace detail {

/// Stream id of the positions ("SYNT"), apart from every stream the model uses for a run seed.
constexpr std::uint32_t kPositionStream = 0x53594E54;
/// Regions within this distance of the east edge are border regions with high exposure.
constexpr double kBorderStrip = 0.05;

struct Points {
  std::vector<double> x, y;
};

Points random_points(std::size_t n, std::uint64_t seed) {
  Points p{std::vector<double>(n), std::vector<double>(n)};
  const core::RandomStream stream(seed, kPositionStream);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 4096), [&](const auto& range) {
    for (std::size_t i = range.begin(); i != range.end(); ++i) {
      auto draws = stream.sequence(0, static_cast<std::uint32_t>(i), 0);
      p.x[i] = draws.uniform();
      p.y[i] = draws.uniform();
    }
  });
  return p;
}

/// The points renumbered along a Hilbert curve over a 2^16 x 2^16 grid (ties by draw order), so
/// that neighbours in space are near in index and the model's gathers stay in cache.
Points in_hilbert_order(const Points& p) {
  constexpr int kOrder = 16;
  const std::size_t n = p.x.size();
  auto cell = [](double v) {
    return static_cast<std::uint32_t>(std::min(65535.0, std::floor(v * 65536.0)));
  };
  // (curve index, draw index) in one word: distinct values, so the sorted order is unique.
  std::vector<std::uint64_t> keys(n);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 4096), [&](const auto& range) {
    for (std::size_t i = range.begin(); i != range.end(); ++i) {
      keys[i] = core::hilbert_index(cell(p.x[i]), cell(p.y[i]), kOrder) << 32 | i;
    }
  });
  tbb::parallel_sort(keys.begin(), keys.end());
  Points sorted{std::vector<double>(n), std::vector<double>(n)};
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t from = keys[i] & 0xFFFFFFFFu;
    sorted.x[i] = p.x[from];
    sorted.y[i] = p.y[from];
  }
  return sorted;
}

/// Points bucketed into a side x side grid of cells (counting sort, so the order is fixed).
class CellGrid {
 public:
  CellGrid(const Points& p, std::size_t side) : side_(side), start_(side * side + 1, 0) {
    const std::size_t n = p.x.size();
    cell_of_.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      cell_of_[i] = cell_index(coordinate(p.x[i]), coordinate(p.y[i]));
      ++start_[cell_of_[i] + 1];
    }
    std::partial_sum(start_.begin(), start_.end(), start_.begin());
    members_.resize(n);
    std::vector<std::size_t> fill(start_.begin(), start_.end() - 1);
    for (std::size_t i = 0; i < n; ++i)
      members_[fill[cell_of_[i]]++] = static_cast<std::uint32_t>(i);
  }

  std::size_t side() const { return side_; }
  std::size_t coordinate(double v) const {
    return std::min(side_ - 1, static_cast<std::size_t>(v * static_cast<double>(side_)));
  }
  std::size_t cell_index(std::size_t cx, std::size_t cy) const { return cy * side_ + cx; }
  std::span<const std::uint32_t> members(std::size_t cx, std::size_t cy) const {
    const std::size_t c = cell_index(cx, cy);
    return {members_.data() + start_[c], start_[c + 1] - start_[c]};
  }

 private:
  std::size_t side_;
  std::vector<std::size_t> start_;
  std::vector<std::size_t> cell_of_;
  std::vector<std::uint32_t> members_;
};

/// The k nearest other points of every point, nearest first (ties by index), in a flat n x k
/// array. Searches square rings of cells until no unseen point can be nearer than the k-th.
std::vector<std::uint32_t> nearest_neighbours(const Points& p, const CellGrid& grid,
                                              std::size_t k) {
  const std::size_t n = p.x.size();
  std::vector<std::uint32_t> result(n * k);
  const double cell = 1.0 / static_cast<double>(grid.side());
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 1024), [&](const auto& range) {
    std::vector<std::pair<double, std::uint32_t>> best;  // sorted, at most k
    for (std::size_t i = range.begin(); i != range.end(); ++i) {
      best.clear();
      const auto cx = static_cast<std::ptrdiff_t>(grid.coordinate(p.x[i]));
      const auto cy = static_cast<std::ptrdiff_t>(grid.coordinate(p.y[i]));
      const auto side = static_cast<std::ptrdiff_t>(grid.side());
      auto consider = [&](std::ptrdiff_t gx, std::ptrdiff_t gy) {
        if (gx < 0 || gy < 0 || gx >= side || gy >= side) return;
        for (std::uint32_t j :
             grid.members(static_cast<std::size_t>(gx), static_cast<std::size_t>(gy))) {
          if (j == i) continue;
          const double dx = p.x[j] - p.x[i], dy = p.y[j] - p.y[i];
          const std::pair<double, std::uint32_t> candidate{dx * dx + dy * dy, j};
          if (best.size() == k && !(candidate < best.back())) continue;
          if (best.size() == k) best.pop_back();
          best.insert(std::upper_bound(best.begin(), best.end(), candidate), candidate);
        }
      };
      for (std::ptrdiff_t ring = 0;; ++ring) {
        if (ring == 0) {
          consider(cx, cy);
        } else {
          for (std::ptrdiff_t d = -ring; d <= ring; ++d) {
            consider(cx + d, cy - ring);
            consider(cx + d, cy + ring);
          }
          for (std::ptrdiff_t d = -ring + 1; d <= ring - 1; ++d) {
            consider(cx - ring, cy + d);
            consider(cx + ring, cy + d);
          }
        }
        // Every unseen point lies outside the scanned block, at least ring cells away.
        const double reach = static_cast<double>(ring) * cell;
        if (best.size() == k && best.back().first <= reach * reach) break;
        if (ring >= side) break;
      }
      for (std::size_t j = 0; j < k; ++j) result[i * k + j] = best[j].second;
    }
  });
  return result;
}

/// Links regions to near neighbours while keeping every degree within the bounds: in rounds of
/// rank (nearest first), each region below its target links to its next candidate unless that
/// candidate is full. Serial, so the result does not depend on scheduling.
std::vector<model::Country::Edge> link_neighbours(const std::vector<std::uint32_t>& knn,
                                                  std::size_t n, std::size_t k, DegreeBounds bounds,
                                                  double target) {
  std::vector<std::uint32_t> neighbours(n * bounds.high);
  std::vector<std::uint32_t> degree(n, 0);
  auto linked = [&](std::size_t a, std::uint32_t b) {
    const auto* row = neighbours.data() + a * bounds.high;
    return std::find(row, row + degree[a], b) != row + degree[a];
  };
  auto link = [&](std::size_t a, std::uint32_t b) {
    neighbours[a * bounds.high + degree[a]++] = b;
    neighbours[b * bounds.high + degree[b]++] = static_cast<std::uint32_t>(a);
  };
  // Targets alternate between floor and ceil of `target` on a low-discrepancy sequence, so a
  // fractional target is met on average without any draw.
  const double whole = std::floor(target), fraction = target - whole;
  auto target_of = [&](std::size_t i) {
    const double phase = static_cast<double>(i + 1) * 0.6180339887498949;
    const auto t = static_cast<std::size_t>(whole) + (phase - std::floor(phase) < fraction ? 1 : 0);
    return std::clamp(t, bounds.low, bounds.high);
  };
  auto pass = [&](bool to_low_bound) {
    for (std::size_t rank = 0; rank < k; ++rank) {
      for (std::size_t i = 0; i < n; ++i) {
        if (degree[i] >= (to_low_bound ? bounds.low : target_of(i))) continue;
        const std::uint32_t c = knn[i * k + rank];
        if (degree[c] < bounds.high && !linked(i, c)) link(i, c);
      }
    }
  };
  pass(false);
  pass(true);  // lifts the few regions whose near neighbours filled up first
  std::vector<model::Country::Edge> edges;
  edges.reserve(n * bounds.high / 2);
  for (std::size_t i = 0; i < n; ++i) {
    auto* row = neighbours.data() + i * bounds.high;
    std::sort(row, row + degree[i]);
    for (std::size_t j = 0; j < degree[i]; ++j) {
      if (row[j] > i) edges.push_back({static_cast<std::uint32_t>(i), row[j]});
    }
  }
  return edges;
}

/// Districts as blocks: columns of equal count along x, each cut into near-equal blocks along y.
std::vector<std::uint32_t> assign_districts(const Points& p, std::size_t districts) {
  const std::size_t n = p.x.size();
  std::vector<std::uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return std::pair(p.x[a], a) < std::pair(p.x[b], b);
  });
  const auto columns =
      static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(districts))));
  std::vector<std::uint32_t> district(n);
  std::size_t first_district = 0, column_begin = 0;
  for (std::size_t c = 0; c < columns; ++c) {
    const std::size_t in_column = districts / columns + (c < districts % columns ? 1 : 0);
    if (in_column == 0) continue;
    // Boundaries at floor(n * cumulative / districts) give each column at least one region per
    // district whenever n >= districts.
    const std::size_t column_end = n * (first_district + in_column) / districts;
    std::sort(order.begin() + static_cast<std::ptrdiff_t>(column_begin),
              order.begin() + static_cast<std::ptrdiff_t>(column_end),
              [&](std::uint32_t a, std::uint32_t b) {
                return std::pair(p.y[a], a) < std::pair(p.y[b], b);
              });
    const std::size_t size = column_end - column_begin;
    for (std::size_t r = 0; r < size; ++r) {
      district[order[column_begin + r]] =
          static_cast<std::uint32_t>(first_district + r * in_column / size);
    }
    first_district += in_column;
    column_begin = column_end;
  }
  return district;
}

/// The member of each district nearest its centroid (ties by index).
std::vector<std::uint32_t> district_centres(const Points& p,
                                            const std::vector<std::uint32_t>& district,
                                            std::size_t districts) {
  std::vector<double> sx(districts, 0.0), sy(districts, 0.0), count(districts, 0.0);
  for (std::size_t i = 0; i < district.size(); ++i) {
    sx[district[i]] += p.x[i];
    sy[district[i]] += p.y[i];
    count[district[i]] += 1.0;
  }
  std::vector<std::uint32_t> centre(districts, 0);
  std::vector<double> best(districts, std::numeric_limits<double>::infinity());
  for (std::size_t i = 0; i < district.size(); ++i) {
    const std::size_t d = district[i];
    const double dx = p.x[i] - sx[d] / count[d], dy = p.y[i] - sy[d] / count[d];
    const double distance = dx * dx + dy * dy;
    if (distance < best[d]) {
      best[d] = distance;
      centre[d] = static_cast<std::uint32_t>(i);
    }
  }
  return centre;
}

}  // namespace detail

DegreeBounds synthetic_degree_bounds(std::size_t regions, double mean_degree) {
  const std::size_t cap = regions > 1 ? regions - 1 : 0;
  auto bound = [&](double v) {
    return std::min(cap, std::max<std::size_t>(1, static_cast<std::size_t>(std::lround(v))));
  };
  return {bound(0.75 * mean_degree), bound(1.25 * mean_degree)};
}

std::string synthetic_region_code(std::size_t index, std::size_t region_count) {
  const std::string digits = std::to_string(index);
  const std::size_t width = std::max<std::size_t>(7, std::to_string(region_count - 1).size());
  std::string code = "S";
  if (digits.size() < width) code.append(width - digits.size(), '0');
  code += digits;
  return code;
}

std::string synthetic_district_name(std::size_t index) {
  std::string name = "D";
  name += std::to_string(index);
  return name;
}

model::Country make_synthetic_country(std::size_t regions, std::size_t districts,
                                      std::uint64_t seed, double mean_degree) {
  if (regions == 0 || regions >= (std::size_t{1} << 32)) {
    throw std::invalid_argument("a synthetic country needs 1 to 2^32-1 regions");
  }
  if (districts == 0 || districts > regions) {
    throw std::invalid_argument("a synthetic country needs 1 to `regions` districts");
  }
  if (!std::isfinite(mean_degree) || mean_degree < 1.0) {
    throw std::invalid_argument("a synthetic country needs a finite mean degree >= 1");
  }
  const detail::Points points = detail::in_hilbert_order(detail::random_points(regions, seed));
  model::Country country;

  if (regions > 1) {
    const DegreeBounds bounds = synthetic_degree_bounds(regions, mean_degree);
    const std::size_t candidates = std::min(regions - 1, bounds.high + 4);
    // About two points per cell keeps each ring search short.
    const auto side = std::max<std::size_t>(
        1, static_cast<std::size_t>(std::sqrt(static_cast<double>(regions) / 2.0)));
    const detail::CellGrid grid(points, side);
    const auto knn = detail::nearest_neighbours(points, grid, candidates);
    // Regions that stop linking at their target still receive links from others, so the mean
    // degree ends about 0.6 above the mean target (measured at 10^2 to 10^6 regions).
    const double target = std::max(1.0, mean_degree - 0.6);
    country.land_edges = detail::link_neighbours(knn, regions, candidates, bounds, target);
  }

  country.district = detail::assign_districts(points, districts);
  country.district_centre = detail::district_centres(points, country.district, districts);
  country.national_centres.push_back(country.district_centre[0]);
  if (districts > 1) country.national_centres.push_back(country.district_centre[1]);
  for (std::size_t d = 0; d < districts; ++d) {
    country.district_names.push_back(synthetic_district_name(d));
  }

  country.codes.resize(regions);
  country.names.resize(regions);
  country.high_exposure.resize(regions);
  country.size.assign(regions, 1.0);
  for (std::size_t i = 0; i < regions; ++i) {
    country.codes[i] = synthetic_region_code(i, regions);
    country.names[i] = "Synthetic region ";
    country.names[i] += std::to_string(i);
    country.high_exposure[i] = points.x[i] > 1.0 - detail::kBorderStrip ? 1 : 0;
  }
  for (auto centre : country.national_centres) country.high_exposure[centre] = 1;
  return country;
}

}  // namespace policysim::scenario
