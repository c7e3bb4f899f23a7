#pragma once
// The scaling suite's results as text and as JSON.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/bench/scaling_suite.hpp"

namespace policysim::bench {

/// The scaling table as text (then each tick's phases: milliseconds and speed-up over 1 thread),
/// and as JSON (with the context of the machine).
std::string scaling_table(const std::vector<ScalingRow>& rows);
nlohmann::json scaling_json(const std::vector<ScalingRow>& rows);

}  // namespace policysim::bench
