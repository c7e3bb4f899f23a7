#pragma once
// Run manifests: everything needed to say later how a result was produced.

#include <nlohmann/json.hpp>

#include <istream>
#include <string>
#include <string_view>

#include "sim/core/process_info.hpp"

namespace policysim::runner {

/// Version, git commit, compiler, flags, library versions, RNG and elementary functions of this
/// binary.
nlohmann::json build_description();

/// SHA-256 of `text` as 64 lowercase hex digits.
std::string sha256_hex(std::string_view text);

using core::host_name;

/// The processor's model name (the first `model name` of /proc/cpuinfo), or "unknown". Results
/// and speeds differ between processors (libm picks its exp and log by the CPU's features), so
/// manifests and benchmarks name it.
std::string cpu_model();
/// The first `model name` in text laid out as /proc/cpuinfo, or "unknown".
std::string cpu_model_from(std::istream& cpuinfo);

using core::utc_now;

}  // namespace policysim::runner
