#pragma once
// The tables of a calibration's database (docs/calibration.md): each generation's tolerance,
// acceptance and effective sample size; every generation's particles with their weights and
// parameter values; each parameter's prior and posterior; each target's prior, posterior and
// held-out predictive shares. The runs themselves are in `runs`, one arm a proposal.

#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

namespace policysim::store {

struct CalibrationGeneration {
  std::int64_t generation = 0;
  double tolerance = 0;  ///< accepted distances are <= tolerance (infinite in generation 0)
  std::int64_t particles = 0;
  std::int64_t proposals = 0;  ///< simulated to accept them
  double acceptance = 0;       ///< particles / proposals
  double effective_sample_size = 0;
};

struct CalibrationParticle {
  std::int64_t generation = 0;
  std::int64_t particle = 0;
  std::string arm;  ///< its runs' arm in `runs`
  double weight = 0;
  double distance = 0;
  std::vector<double> values;  ///< one per parameter column
  /// The informative targets it meets on its own held-out runs; NaN for the particles of
  /// earlier generations, or without held-out runs.
  double held_out_targets_met = std::numeric_limits<double>::quiet_NaN();
};

struct CalibrationParameter {
  std::string parameter;  ///< as the scenario names it
  std::string column;     ///< its column in `runs` and `calibration_particles`
  double prior_low = 0, prior_high = 0;
  double mean = 0, sd = 0;           ///< posterior, weighted
  double q05 = 0, q50 = 0, q95 = 0;  ///< posterior quantiles
  std::string note;                  ///< "at the low edge", "not identified", ... or empty
};

struct CalibrationTarget {
  std::string target;
  bool counted = true;       ///< false for a check that holds by construction
  bool fitted = false;       ///< in the distance
  bool informative = false;  ///< its prior predictive share is below the required share
  double share_required = 0;
  double prior_share = 0;
  double posterior_share = 0, posterior_low = 0, posterior_high = 0;
  double held_out_share = 0, held_out_low = 0, held_out_high = 0;  ///< NaN without held-out runs
  /// For a paired target, the arm it compares with the base: its shares are then of parameter
  /// points (proposals), not of runs. Empty (NULL) otherwise.
  std::string arm = {};
};

struct CalibrationTables {
  std::vector<std::string> parameter_columns;
  std::vector<CalibrationGeneration> generations;
  std::vector<CalibrationParticle> particles;
  std::vector<CalibrationParameter> parameters;
  std::vector<CalibrationTarget> targets;
};

/// Replaces the tables calibration_generations, calibration_particles (a column per parameter),
/// calibration_parameters and calibration_targets of the database at `database` with `tables`,
/// in one transaction. NaN is stored as NULL.
void write_calibration(const std::filesystem::path& database, const CalibrationTables& tables);

}  // namespace policysim::store
