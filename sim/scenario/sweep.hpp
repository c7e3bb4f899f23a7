#pragma once
// A sweep (`sweep:`, docs/sweeps.md): the factors a scenario varies, each over a range, a list of
// values or a distribution, and the design that picks the points where the scenario is run. What
// a factor may name (a parameter, an intervention's intensity, start or end, a donor's
// foreignness) and how a value is set in a run's model::Config.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/model/config.hpp"
#include "sim/scenario/factor_distribution.hpp"
#include "sim/sensitivity/design.hpp"

namespace policysim::scenario {

/// How the points of a sweep are chosen (sensitivity/design.hpp).
using SweepDesign = sensitivity::DesignKind;

/// What a factor changes.
enum class FactorKind {
  parameter,               ///< a named parameter of the parameter table
  intervention_intensity,  ///< intervention `target`'s intensity, 0-1
  intervention_start,      ///< intervention `target`'s first quarter, as a decimal year
  intervention_end,        ///< intervention `target`'s last quarter, as a decimal year
  donor_foreignness,       ///< donor `target`'s foreignness, 0-1
};

/// One varied input.
struct SweepFactor {
  std::string path;    ///< as written: "beta_R", "intervention.Task force tour.intensity"
  std::string column;  ///< its column in the results' `runs` table, e.g. "beta_resistance"
  FactorKind kind = FactorKind::parameter;
  std::string target;  ///< the parameter's table name, or the intervention's or donor's name
  /// The range, inclusive; for a start or end, decimal years of whole quarters (2003.75: 2003Q4).
  /// For a distribution, the range its values lie in: the one given, else the factor's valid
  /// range for a normal or a lognormal (which is cut there), its plausible range for the others.
  double low = 0, high = 0;
  std::vector<double> values;  ///< the values to take, when a list was given instead of a range
  /// The distribution of its values over the range, when one was given (kind none otherwise).
  FactorDistribution distribution{};
};

/// A sweep over a scenario.
struct Sweep {
  std::vector<SweepFactor> factors;
  SweepDesign design = SweepDesign::grid;
  /// Rows of a random, Latin hypercube or Sobol design; base samples of a Saltelli design;
  /// trajectories of a Morris design; 0 for a grid, whose size its levels give.
  std::size_t points = 0;
  /// Grid: levels of each factor given by a range; Morris: levels of its grid.
  std::size_t levels = 0;
  std::size_t replications = 1;  ///< replicates of each point
  std::uint64_t seed = 1;        ///< the design's own seed (not the runs')
};

/// The request for the sweep's design in the unit hypercube: a grid's levels per factor (its
/// `values` count, else `levels`), a sampled design's points and seed.
sensitivity::DesignRequest design_request(const Sweep& sweep);

/// Whether a factor's values are quarters, written YYYYQn and held as decimal years.
bool is_quarter_factor(FactorKind kind);

/// A decimal year as a quarter: 2003.75 is 2003Q4 (the nearest quarter).
core::Quarter quarter_of_year(double decimal_year);
/// A quarter as a decimal year: 2003Q4 is 2003.75.
double year_of_quarter(core::Quarter quarter);

/// Sets `factor` to `value` in `config` (a quarter given as a decimal year). The factor was
/// checked against the scenario when it was read, so its parameter, intervention or donor exists.
void apply_factor(const SweepFactor& factor, double value, model::Config& config);

}  // namespace policysim::scenario
