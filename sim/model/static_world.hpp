#pragma once
// The static world: everything built from the configuration and the country that does not depend
// on the seed. Built once per Simulation and only read by a run.

#include <array>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/adjacency.hpp"
#include "sim/model/config.hpp"
#include "sim/model/events.hpp"

namespace policysim::model {

/// No emulation-reference slot.
inline constexpr std::uint32_t kNoReference = UINT32_MAX;

/// Regions whose district sums are added together in a task. A country of at most this many has
/// the sums of a serial pass in region order; a larger one has a sum per block, added in block
/// order, which is the same at any thread count.
inline constexpr std::size_t kDistrictSumBlock = 4096;
static_assert(kDistrictSumBlock <= 65536, "a district's place in a block is 16 bits");

/// Everything built from Config and Country that does not depend on the seed.
struct StaticWorld {
  std::size_t region_count = 0, district_count = 0, ngo_count = 0, tick_count = 0;

  core::Adjacency geo;  ///< W_geo, row-normalised land adjacency; isolated regions have empty rows
  std::vector<std::uint32_t> district;               ///< district of each region
  std::vector<std::uint32_t> district_region_count;  ///< regions per district
  // The district sums of each tick are added in fixed blocks of kDistrictSumBlock regions, then
  // block after block (prepare_peer_sums). Each block lists the districts it holds, once each.
  std::vector<std::uint32_t> block_district_offsets;  ///< block b's: [offsets[b], offsets[b+1])
  std::vector<std::uint32_t> block_districts;         ///< the lists, concatenated
  std::vector<std::uint16_t> block_district_place;    ///< r's district's place in its block's list
  std::vector<double> exposure;                       ///< x[r]
  std::vector<double> size;                           ///< size[r]
  // Emulation references (rule 5): every region emulates the national centres, then its district
  // centre, leaving out itself and repeats. Few regions are centres, so each has a slot and the
  // references are stored per centre, not per region (for_each_reference lists them).
  std::vector<std::uint32_t> reference_regions;         ///< the region of each slot
  std::vector<std::uint32_t> national_reference_slots;  ///< the national centres' slots, in order
  /// The centre's slot of each district; kNoReference when it has none or it is a national centre.
  std::vector<std::uint32_t> district_reference_slot;

  /// Calls visit(slot) for each emulation reference of the regions of district d, in order: the
  /// references of every region there except the centres themselves.
  template <class Visit>
  void for_each_district_reference(std::size_t d, const Visit& visit) const;
  /// Calls visit(slot) for each emulation reference of region r, in order.
  template <class Visit>
  void for_each_reference(std::size_t r, const Visit& visit) const;
  /// Whether r is a national centre or its district's centre: the one region of the district that
  /// does not emulate all of the district's references.
  bool is_centre(std::size_t r) const;

  std::vector<std::uint32_t> ngo_region;                       ///< region of each NGO
  std::vector<std::uint32_t> region_ngo_offsets, region_ngos;  ///< NGOs of each region, CSR
  /// NGOs [0, default_ngo_count) are the defaults, in region order; Config::named_ngos follow.
  /// Their names and initial state are made from these when needed rather than stored.
  std::size_t default_ngo_count = 0;
  std::string region_codes;                        ///< the regions' codes, concatenated
  std::vector<std::uint32_t> region_code_offsets;  ///< code of r: [offsets[r], offsets[r + 1])

  std::vector<int> intervention_start, intervention_end;  ///< ticks, inclusive
  std::vector<std::uint8_t> intervention_random;          ///< targets drawn per run
  std::vector<std::uint32_t> intervention_draw_key;       ///< stable RNG key (name hash)
  std::vector<std::uint8_t> intervention_builds_ties;     ///< conference, assembly, exchange
  std::vector<double> intervention_visibility;            ///< v, override applied
  std::vector<std::uint32_t> target_offsets, targets;     ///< fixed targets, CSR (empty if random)

  std::vector<int> donor_last_tick;                 ///< last tick with budget (INT_MAX: no horizon)
  std::array<int, kFederalEventCount> forced_tick;  ///< tick of a forced event, INT_MAX none
  std::array<bool, kFederalEventCount> forced;      ///< the event kind is forced: its rule is off

  std::vector<double> tip, elections, un;  ///< one value per tick
};

/// Builds the seed-independent world. Throws std::invalid_argument on an inconsistent input.
StaticWorld build_static_world(const Config& config, const Country& country);

/// The name of NGO i: "ngo-<region code>-<number within the region>" for a default NGO, the
/// configured name for a named one. Made on demand (only closures report names).
std::string ngo_name(const StaticWorld& fixed, const Config& config, std::size_t i);

template <class Visit>
void StaticWorld::for_each_district_reference(std::size_t d, const Visit& visit) const {
  for (const std::uint32_t slot : national_reference_slots) visit(slot);
  const std::uint32_t slot = district_reference_slot[d];
  if (slot != kNoReference) visit(slot);
}

template <class Visit>
void StaticWorld::for_each_reference(std::size_t r, const Visit& visit) const {
  for_each_district_reference(district[r], [&](std::uint32_t slot) {
    if (reference_regions[slot] != r) visit(slot);
  });
}

inline bool StaticWorld::is_centre(std::size_t r) const {
  bool found = false;
  for_each_district_reference(district[r],
                              [&](std::uint32_t slot) { found |= reference_regions[slot] == r; });
  return found;
}

}  // namespace policysim::model
