#pragma once
// Generated countries of any size, for scale tests and benchmarks (MODEL.md §2): regions at
// random points of the unit square, numbered along a Hilbert curve (so that neighbours have near
// indices), linked to their nearest neighbours, grouped into districts of contiguous blocks.
// Everything is a pure function of (regions, districts, seed, mean_degree).

#include <cstddef>
#include <cstdint>
#include <string>

#include "sim/model/config.hpp"

namespace policysim::scenario {

/// The degree bounds a synthetic country keeps for a requested mean degree (capped at regions-1).
struct DegreeBounds {
  std::size_t low, high;
};
/// low = round(0.75 m), high = round(1.25 m), both at least 1 and at most regions - 1.
DegreeBounds synthetic_degree_bounds(std::size_t regions, double mean_degree);

/// At most this many districts in a scenario's synthetic country (Russia has eight).
inline constexpr std::size_t kMaxSyntheticDistricts = 1000;

/// Generates a country. Throws std::invalid_argument unless 1 <= districts <= regions < 2^32
/// and mean_degree is finite and >= 1.
model::Country make_synthetic_country(std::size_t regions, std::size_t districts,
                                      std::uint64_t seed, double mean_degree = 8.0);

/// The code of region `index` in a synthetic country of `region_count` regions: "S0000042".
std::string synthetic_region_code(std::size_t index, std::size_t region_count);

/// The name of district `index`: "D3".
std::string synthetic_district_name(std::size_t index);

}  // namespace policysim::scenario
