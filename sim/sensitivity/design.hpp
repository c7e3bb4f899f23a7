#pragma once
// Designs of a sweep: where in the unit hypercube [0,1]^k the k factors are sampled. The caller
// maps each unit value to its factor's value (a range, a value list, a distribution's quantile);
// nothing here knows about the model.
//
// Row layouts (row-major, rows() x factors):
// - grid: every combination of the factors' levels; level i of L at i/(L-1), a single level at
//   0.5. Factor 0 varies slowest and the last factor fastest (nested loops, factor 0 outermost).
// - random: independent uniforms in (0,1), one row per point.
// - latin_hypercube: each column has exactly one value in each stratum [s/n, (s+1)/n) of its
//   n rows, strata assigned to rows by an independent random permutation per column, the value
//   uniform within its stratum.
// - sobol: the unscrambled Sobol' sequence (Joe and Kuo's 2008 direction numbers), from its second
//   point: row 0 is (0.5, ..., 0.5), the origin (the sequence's point 0) is left out.
// - saltelli: for Sobol' indices. A and B are the first and last k columns of the 2k-dimensional
//   Sobol' sequence above, N base samples. For each base sample j, k+2 consecutive rows:
//     row j(k+2)          A_j
//     row j(k+2) + 1      B_j
//     row j(k+2) + 2 + i  AB_j^(i) = A_j with column i taken from B_j, for i = 0..k-1.
//   A block of k+2 rows is complete in itself: the first n blocks are a Saltelli design of n.
// - morris: r trajectories of k+1 rows each (Morris 1991), on the p-level grid {0, 1/(p-1), .., 1}
//   with step Δ = p/(2(p-1)). Trajectory t is rows t(k+1) .. t(k+1)+k: its first row is a random
//   grid point, and each following row moves one factor by +Δ or -Δ, each factor exactly once, in
//   a random order. Every value stays on the grid and inside [0,1].
//
// Random draws come from core::RandomStream keyed by the request's seed: the same request gives
// the same design, bit for bit, on every machine. grid, sobol and saltelli do not use the seed.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace policysim::sensitivity {

enum class DesignKind { grid, random, latin_hypercube, sobol, saltelli, morris };

struct DesignRequest {
  DesignKind kind = DesignKind::random;
  std::size_t factors = 0;  // k
  // random, latin_hypercube, sobol: rows; saltelli: base samples N (rows N*(k+2));
  // morris: trajectories r (rows r*(k+1)); grid: ignored.
  std::size_t points = 0;
  std::vector<std::size_t> grid_levels{};  // grid only: levels per factor (size k); rows = product
  std::size_t morris_levels = 4;           // morris only: p (even)
  std::uint64_t seed = 0;                  // random, latin_hypercube and morris draws
};

/// Points in the unit hypercube, row-major: rows() x factors.
struct UnitDesign {
  std::size_t factors = 0;
  std::vector<double> values;
  std::size_t rows() const { return factors == 0 ? 0 : values.size() / factors; }
  double at(std::size_t row, std::size_t factor) const { return values[row * factors + factor]; }
};

/// The most rows a design may have: row numbers are 32-bit coordinates of the random draws.
inline constexpr std::size_t kMaxDesignRows = 0xFFFFFFFFULL;
/// The most dimensions of the Sobol' sequence (Boost's table of Joe and Kuo's direction numbers);
/// a Saltelli design uses 2k of them.
inline constexpr std::size_t kMaxSobolDimensions = 3667;

/// The design's points. Throws std::invalid_argument with a clear message on a bad request.
UnitDesign make_design(const DesignRequest& request);
/// The number of rows make_design would give, without building it (for a dry run). Throws as
/// make_design does.
std::size_t design_rows(const DesignRequest& request);

/// The design's name as a sweep file writes it: grid, random, latin_hypercube, sobol, saltelli,
/// morris.
std::string_view design_kind_name(DesignKind kind);
/// The design named `name` (as design_kind_name writes it), or nothing for an unknown name.
std::optional<DesignKind> design_kind_from_name(std::string_view name);

}  // namespace policysim::sensitivity
