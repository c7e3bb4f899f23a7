#include "sim/sensitivity/design.hpp"

#include <array>
#include <stdexcept>
#include <string>
#include <utility>

#include "sim/sensitivity/grid_design.hpp"
#include "sim/sensitivity/latin_hypercube_design.hpp"
#include "sim/sensitivity/morris_design.hpp"
#include "sim/sensitivity/random_design.hpp"
#include "sim/sensitivity/saltelli_design.hpp"
#include "sim/sensitivity/sobol_design.hpp"

namespace policysim::sensitivity {
namespace {

constexpr std::array<std::pair<DesignKind, std::string_view>, 6> kDesignNames = {{
    {DesignKind::grid, "grid"},
    {DesignKind::random, "random"},
    {DesignKind::latin_hypercube, "latin_hypercube"},
    {DesignKind::sobol, "sobol"},
    {DesignKind::saltelli, "saltelli"},
    {DesignKind::morris, "morris"},
}};

[[noreturn]] void reject(const DesignRequest& request, const std::string& problem) {
  throw std::invalid_argument(std::string(design_kind_name(request.kind)) + " design: " + problem);
}

/// a * b, or rejects the request when the product exceeds kMaxDesignRows.
std::size_t rows_times(const DesignRequest& request, std::size_t a, std::size_t b) {
  if (b != 0 && a > kMaxDesignRows / b) {
    reject(request,
           "more than " + std::to_string(kMaxDesignRows) + " rows; ask for fewer points or levels");
  }
  return a * b;
}

std::size_t grid_rows(const DesignRequest& request) {
  if (request.grid_levels.size() != request.factors) {
    reject(request, "grid_levels gives " + std::to_string(request.grid_levels.size()) +
                        " level counts for " + std::to_string(request.factors) +
                        " factors; give one level count per factor");
  }
  std::size_t rows = 1;
  for (std::size_t f = 0; f < request.factors; ++f) {
    if (request.grid_levels[f] == 0) {
      reject(request, "factor " + std::to_string(f) +
                          " has 0 levels; give it at least 1 (a single level sits at the "
                          "middle of its range)");
    }
    rows = rows_times(request, rows, request.grid_levels[f]);
  }
  return rows;
}

void require_points(const DesignRequest& request, std::size_t least, const char* what) {
  if (request.points < least) {
    reject(request, std::string("needs at least ") + std::to_string(least) + " " + what + " (got " +
                        std::to_string(request.points) + ")");
  }
}

void require_sobol_dimensions(const DesignRequest& request, std::size_t dimensions) {
  if (dimensions > kMaxSobolDimensions) {
    reject(request, "needs " + std::to_string(dimensions) +
                        " dimensions of the Sobol' sequence, more than the " +
                        std::to_string(kMaxSobolDimensions) +
                        " available; vary fewer factors or use a random or latin_hypercube "
                        "design");
  }
}

}  // namespace

std::string_view design_kind_name(DesignKind kind) {
  for (const auto& [known, name] : kDesignNames) {
    if (known == kind) return name;
  }
  return "unknown";
}

std::optional<DesignKind> design_kind_from_name(std::string_view name) {
  for (const auto& [kind, known] : kDesignNames) {
    if (known == name) return kind;
  }
  return std::nullopt;
}

std::size_t design_rows(const DesignRequest& request) {
  if (design_kind_name(request.kind) == "unknown") {
    throw std::invalid_argument("design: unknown kind " +
                                std::to_string(static_cast<int>(request.kind)));
  }
  if (request.factors == 0) reject(request, "no factors to vary; list at least one factor");
  switch (request.kind) {
    case DesignKind::grid:
      return grid_rows(request);
    case DesignKind::random:
    case DesignKind::latin_hypercube:
      require_points(request, 1, "point");
      return rows_times(request, request.points, 1);
    case DesignKind::sobol:
      require_points(request, 1, "point");
      require_sobol_dimensions(request, request.factors);
      return rows_times(request, request.points, 1);
    case DesignKind::saltelli:
      // Two base samples at the least: the indices divide by the outputs' variance.
      require_points(request, 2, "base samples N (rows N*(k+2))");
      require_sobol_dimensions(request, 2 * request.factors);
      return rows_times(request, request.points, request.factors + 2);
    case DesignKind::morris:
      // Two trajectories at the least: σ is the spread of each factor's effects.
      require_points(request, 2, "trajectories r (rows r*(k+1))");
      if (request.morris_levels < 2 || request.morris_levels % 2 != 0) {
        reject(request, "the number of levels p must be even and at least 2 (got " +
                            std::to_string(request.morris_levels) + "); 4 is usual");
      }
      return rows_times(request, request.points, request.factors + 1);
  }
  return 0;  // unreachable: every kind returns above
}

UnitDesign make_design(const DesignRequest& request) {
  design_rows(request);  // validates
  switch (request.kind) {
    case DesignKind::grid:
      return grid_design(request.grid_levels);
    case DesignKind::random:
      return random_design(request.factors, request.points, request.seed);
    case DesignKind::latin_hypercube:
      return latin_hypercube_design(request.factors, request.points, request.seed);
    case DesignKind::sobol:
      return sobol_design(request.factors, request.points);
    case DesignKind::saltelli:
      return saltelli_design(request.factors, request.points);
    case DesignKind::morris:
      return morris_design(request.factors, request.points, request.morris_levels, request.seed);
  }
  return {};  // unreachable: design_rows rejected any other kind
}

}  // namespace policysim::sensitivity
