#pragma once
// A calibration (`calibration:`, docs/calibration.md): the parameters `policysim calibrate`
// fits, each with a uniform prior over its range, the targets it fits them to, and the settings
// of its approximate Bayesian computation (sim/calibration/abc_smc.hpp).

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/scenario/sweep.hpp"

namespace policysim::scenario {

struct Calibration {
  /// The calibrated inputs, each with a uniform prior on [low, high] (by default the parameter
  /// table's plausible range); the same paths and columns as a sweep's factors.
  std::vector<SweepFactor> parameters;
  /// The names of the targets the distance compares; empty for every counted target. The
  /// others are predicted, not fitted (a hindcast fits the facts up to a year).
  std::vector<std::string> fit;
  std::size_t particles = 200;    ///< accepted parameter vectors per generation
  std::size_t replications = 20;  ///< runs of each proposal: replicates [0, replications)
  std::size_t held_out = 100;    ///< runs of each final particle on replicates it was not fitted on
  std::size_t generations = 10;  ///< at most, the prior's generation 0 included
  double quantile = 0.5;         ///< each tolerance: this quantile of the previous distances
  double min_acceptance = 0.02;  ///< stop after a generation that accepts fewer proposals
  std::uint64_t seed = 1;        ///< the calibration's own draws (not the runs')
};

}  // namespace policysim::scenario
