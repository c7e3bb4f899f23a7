#pragma once
// Run manifests: everything needed to say later how a result was produced.

#include <nlohmann/json.hpp>

#include <string>

namespace policysim::runner {

/// Version, git commit, compiler, flags, library versions and RNG of this binary.
nlohmann::json build_description();

/// The host name, or "unknown".
std::string host_name();

/// The current UTC time as ISO 8601 (2026-11-28T17:36:18Z).
std::string utc_now();

}  // namespace policysim::runner
