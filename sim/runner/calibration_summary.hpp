#pragma once
// What a calibration reports: the posterior of each parameter (its weighted mean, spread and
// quantiles, and a note where it crowds an edge of its prior or the targets leave it as wide as
// the prior), and the tables and text that `policysim calibrate` writes and prints.

#include <iosfwd>
#include <string>
#include <vector>

#include "sim/calibration/abc_smc.hpp"
#include "sim/scenario/calibration.hpp"
#include "sim/store/calibration_tables.hpp"

namespace policysim::runner {

/// Each parameter's posterior, from the weighted particles of the last generation. The note
/// says "crowds the low edge" (or high) where a fifth of the weight lies in the outer 5 % of its
/// prior range (four times the prior's share), and "not identified" where its posterior
/// standard deviation is above 80 % of the prior's.
std::vector<store::CalibrationParameter> posterior_parameters(
    const scenario::Calibration& calibration, const calibration::Generation& last);

/// Prints the generations, the posterior and the targets' shares, and how many informative
/// targets the posterior meets on the held-out runs (or on the fitting runs without them).
void print_calibration(std::ostream& out, const std::string& name,
                       const store::CalibrationTables& tables, std::size_t replicates,
                       std::size_t held_out);

}  // namespace policysim::runner
