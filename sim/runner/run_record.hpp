#pragma once
// A finished run as the results database stores it.

#include <cstdint>
#include <string>
#include <vector>

#include "sim/model/config.hpp"
#include "sim/model/output.hpp"
#include "sim/store/results_database.hpp"

namespace policysim::runner {

/// The label of each quarter of a run ("1997Q1", ...), as the database stores them.
std::vector<std::string> quarter_labels(const model::Config& config);

/// A finished run as the database stores it: arm, replicate, seed, wall time and its outputs.
store::RunRecord to_record(model::RunOutput output, const std::string& arm, int replicate,
                           std::uint64_t seed, double wall_seconds,
                           const std::vector<std::string>& quarters);

}  // namespace policysim::runner
