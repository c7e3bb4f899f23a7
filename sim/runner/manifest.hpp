#pragma once
// Run manifests: everything needed to say later how a result was produced.

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace policysim::runner {

/// Version, git commit, compiler, flags, library versions and RNG of this binary.
nlohmann::json build_description();

/// SHA-256 of `text` as 64 lowercase hex digits.
std::string sha256_hex(std::string_view text);

/// The host name, or "unknown".
std::string host_name();

/// The current UTC time as ISO 8601 (2026-11-28T17:36:18Z).
std::string utc_now();

}  // namespace policysim::runner
