#pragma once
// The world of a run: what does not depend on the seed (StaticWorld, built once per Simulation)
// and the per-run state, draws, tie pattern and per-tick scratch (World, reused across runs
// without reallocating). Phases read and write the World; see step.cpp for their order.

#include <array>
#include <climits>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sim/core/adjacency.hpp"
#include "sim/core/quantile_selector.hpp"
#include "sim/core/random.hpp"
#include "sim/model/config.hpp"
#include "sim/model/events.hpp"
#include "sim/model/execution.hpp"
#include "sim/model/instrument.hpp"
#include "sim/model/output.hpp"
#include "sim/model/state.hpp"

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

/// An event as a phase notes it during a run: plain values, so that noting one allocates nothing
/// (beyond the list's growth); it is named when the run ends (name_event).
struct EventNote {
  int tick = 0;
  EventKind kind = EventKind::law_passed;
  bool forced = false;        ///< a federal event forced by the scenario rather than by its rule
  std::uint32_t subject = 0;  ///< the donor (donor_cut, donor_exit) or the NGO (ngo_closed)
};

/// Builds the seed-independent world. Throws std::invalid_argument on an inconsistent input.
StaticWorld build_static_world(const Config& config, const Country& country);

/// The name of NGO i: "ngo-<region code>-<number within the region>" for a default NGO, the
/// configured name for a named one. Made on demand (only closures report names).
std::string ngo_name(const StaticWorld& fixed, const Config& config, std::size_t i);

/// What the regional phase reads of each neighbour, at t: packed in 48 bytes so that a neighbour
/// is one or two cache lines rather than one per column. Not padded to a line: neighbours have
/// near indices, so records share lines, and padding cost 16 B a region and some speed.
struct PeerRecord {
  PerReform a{};            ///< a[s,k]
  double success = 0.0;     ///< pi[s], observed success
  double resistance = 0.0;  ///< rho[s]
};

/// The layers of the combined peer weight W of one region (§4): a layer counts when its weight is
/// positive and the region has peers in it.
struct PeerLayers {
  bool geo = false;              ///< land neighbours and w_geo > 0
  bool district = false;         ///< other regions in the district and w_fd > 0
  bool ties = false;             ///< NGO ties with a positive row sum and w_ngo > 0
  double district_others = 0.0;  ///< regions of the district other than r
  double tie_divisor = 1.0;      ///< max(1, raw NGO-tie row sum)
  double total_weight = 0.0;     ///< sum of the weights of the layers present
};

/// Countries up to this many regions keep their regions sorted by resistance for the quantiles of
/// rule 12 (insertion sort, about n^2/4 moves at worst, once a run); larger ones select from a
/// histogram (core::QuantileSelector).
inline constexpr std::size_t kSortedQuantileRegions = 512;

/// What the active interventions bring to one region in a tick (rules 1 and 2), summed over
/// those that target it.
struct RegionIntensity {
  std::array<double, kInstrumentCount> instrument{};  ///< I[r,m], capped at 1
  // Only NGO grants are split by origin (rule 9), so only their part is kept.
  double foreign_grant = 0.0;     ///< I[r,ngo_grant,foreign], capped at 1
  double domestic_grant = 0.0;    ///< I[r,ngo_grant,domestic], capped at 1
  PerReform direct_effect{};      ///< E[r,k]
  double foreign_exposure = 0.0;  ///< F[r] (rule 2)
};

/// Where an intensity entry comes from: its parent's sums plus one intervention's terms.
struct IntensityOrigin {
  std::uint32_t parent = 0;
  std::uint32_t intervention = 0;
};

/// Sums over all regions at the end of the regional phase (and of F this tick), which rules 10
/// and 12 read. Counts are sums of whole numbers, exact in any order.
struct RegionTotals {
  PerReform implementation{};      ///< sum of a[r,k]
  PerReform adopters{};            ///< regions with a[r,k] >= kAdoptedLevel
  double resistance = 0.0;         ///< sum of rho
  double toured = 0.0;             ///< regions ever toured
  double toured_resistance = 0.0;  ///< sum of rho over the regions ever toured
  double other_resistance = 0.0;   ///< sum of rho over the others
  double cases = 0.0, convictions = 0.0;
  double regions_with_cases = 0.0;
  double foreign_exposure = 0.0;  ///< sum of F
};

/// Per-tick quantities computed early in a tick and read by later phases (never state).
struct TickScratch {
  std::vector<double> intervention_intensity;  ///< I_n = iota_n * b[j](t) when active, else 0
  // Regional intensities are shared: regions that the same active interventions target have the
  // same sums, so they point to one entry. Entry 0 is all zeros and stands for untargeted regions.
  // Every other entry is its parent's sums plus one intervention's terms, added in intervention
  // order (a trie of the interventions), so its sums add the same terms in the same order as a
  // region's own would: the same bits, in a few entries rather than one a targeted region.
  std::vector<std::uint32_t> intensity_entry;      ///< entry of each region (0: not targeted)
  std::vector<RegionIntensity> intensity_entries;  ///< entry 0, then one a distinct path
  std::vector<IntensityOrigin> intensity_origin;   ///< of each entry; entry 0's is unused
  std::vector<PeerRecord> peer;                    ///< a, pi and rho of tick t, per region
  std::vector<double> district_learning_sum;   ///< sum over the district of a[s,k] pi[s]; k * D + d
  std::vector<double> district_adopter_count;  ///< adopters of k in the district; k * D + d
  /// Each block's sums of a pi, then adopters, per reform, for each district of its list:
  /// entry e of StaticWorld::block_districts at [e * 2 * kReformCount, (e + 1) * 2 * kReformCount).
  std::vector<double> block_district_sums;
  /// The mean emulation memory of each district's references (for its regions that are not
  /// references themselves), per reform; hazard mode with emulation only.
  std::vector<PerReform> district_emulation;
  std::vector<std::uint32_t> ngo_alive_count;  ///< alive NGOs in the region at t
  std::vector<std::uint8_t> ngo_closed;        ///< 1 for an NGO that closed in this tick (rule 9)
  std::vector<double> tie_gain;                ///< gain of each NGO tie edge this tick
  core::QuantileSelector quantile_selector;    ///< for quantiles (large countries)
  /// Regions by ascending resistance at the last record, kept across ticks and runs (countries
  /// of at most kSortedQuantileRegions regions; else empty).
  std::vector<std::uint32_t> resistance_order;
  // What rules 3-8 share across regions in this tick, computed once before the regional phase.
  PerReform coercion_without_tour{};  ///< law, directive and TIP terms of coercion, per reform
  double tip = 0.0;                   ///< TIP ranking this tick
  double mean_directive = 0.0;        ///< mean over reforms of the federal directive D[k]
  double sanction_probability = 0.0;  ///< of obstruction, from the directive on law (rule 3)
  bool task_force_active = false;     ///< TF: a tour or push is active
  double push_max = 0.0;              ///< I_push, largest active legislation push
  double foreign_authorship = 0.0;    ///< A, mean phi (1 - o) of active pushes and tours
  double foreign_total = 0.0;         ///< foreign intensity spent (B_total)
  double domestic_total = 0.0;        ///< domestic intensity spent
  RegionTotals region_totals;         ///< after the regional phase

  /// I, the grant intensities, E and F of region r this tick.
  const RegionIntensity& intensity(std::size_t r) const {
    return intensity_entries[intensity_entry[r]];
  }
  /// Starts adding intervention i's terms to the regions it targets (in intervention order).
  void start_adding(std::uint32_t intervention);
  /// Moves region r to the entry of its interventions so far plus the one being added. Returns
  /// that entry when it was just made (a copy of the parent that still lacks the intervention's
  /// terms, to be added by the caller), or nullptr when another region made it before.
  RegionIntensity* add_to(std::uint32_t r);
  /// Forgets the last tick's entries.
  void clear_regional_intensities();

 private:
  std::uint32_t adding_ = 0;                // the intervention being added
  std::vector<std::uint32_t> child_entry_;  // each entry's child for it (0: none yet)
};

/// The per-run state of the model, plus views of the static world and the configuration.
struct World {
  World(const Config& config, const StaticWorld& fixed);

  /// Draws the per-run quantities from `seed` and sets the initial state (MODEL.md §3).
  void reset(std::uint64_t seed);

  /// The regional state: of tick t before the regional phase, of t+1 after it.
  const RegionState& regions_now() const { return regions; }
  /// The NGO state: of tick t before the NGO phase, of t+1 after it.
  const NgoState& ngos_now() const { return ngos; }
  /// Makes the next national state current (end of a tick).
  void swap_buffers();

  /// Sum over s of W[r,s] value(s), the combined peer weight (§4), from district totals of the
  /// same quantity. A region with no peers at all falls back to its own value.
  template <class Value>
  double peer_mean(std::size_t r, const Value& value, double district_total) const;
  /// Which layers of W region r has this tick and their total weight, from its raw NGO-tie row
  /// sum. The same for every quantity averaged over r's peers, so computed once per region.
  PeerLayers peer_layers(std::size_t r, double tie_row_sum) const;
  /// The combined peer mean from the sums of its layers: the W_geo dot, the district total, r's
  /// own value and the raw NGO-tie dot.
  double combine_peer_layers(const PeerLayers& layers, double geo_dot, double district_total,
                             double own, double tie_dot) const;

  const Config& config;
  const Params& params;
  const Mechanisms& mechanisms;
  const StaticWorld& fixed;

  core::RandomStream rng;
  bool parallel = true;
  std::size_t grain = kDefaultAgentGrain;  ///< agents per parallel task

  RegionState regions;  ///< updated in place (regions.cpp says why that is safe)
  NgoState ngos;        ///< updated in place (ngos.cpp, ties.cpp)
  /// e[q,k] of the reference regions (rule 5), slot * 4 + k: only references' memory is ever
  /// read, so only theirs is kept. Updated after the regional phase, which reads that of tick t.
  std::vector<double> emulation_memory;
  NationState nation, nation_next;
  DonorState donors;

  // Per-run draws.
  std::vector<double> eta;            ///< baseline nationalism
  std::vector<double> theta;          ///< adoption thresholds (threshold modes; else empty)
  std::vector<double> risk_aversion;  ///< obstruction
  std::array<double, kFederalEventCount> event_threshold{};  ///< Theta of each federal event

  // Per-run constants of the exponential memories (rules 5 and 7): the share kept each quarter.
  double emulation_memory_keep = 0.0;  ///< 2^(-1/h_M)
  double case_mean_keep = 0.0;         ///< 2^(-1/case_half_life_ticks)

  // Targets of each intervention this run (CSR), and the NGO tie pattern of §4: undirected edges
  // with one weight each, listed per region (neighbour, edge) and per intervention (edge).
  std::vector<std::uint32_t> target_offsets, targets;
  std::vector<std::uint32_t> tie_offsets, tie_neighbour, tie_edge;
  std::vector<double> tie_weight;
  std::vector<std::uint32_t> intervention_tie_offsets, intervention_ties;

  TickScratch scratch;
  std::vector<std::uint8_t> ever_toured;  ///< ever targeted by an active task_force_tour
  std::vector<EventNote> events;          ///< in the order noted; named at the end of the run

  // Recording.
  RunOutput* output = nullptr;
  bool record_region_series = false;

 private:
  void draw_targets();
  void draw_tie_pattern();
  std::vector<std::uint32_t> permutation_;  // scratch for random targets
  // One link of the tie pattern: a pair of regions, lower first, and the intervention that links
  // them; ordered by (low, high, intervention).
  struct TieLink {
    std::uint32_t low, high, intervention;
    auto operator<=>(const TieLink&) const = default;
  };
  std::vector<TieLink> tie_links_;        // scratch
  std::vector<std::uint32_t> link_edge_;  // edge id of each tie link, scratch
  std::vector<std::uint32_t> cursor_;     // fill positions while building CSR lists, scratch
};

/// The event `note` of world `w` as a run reports it, written into `event` (whose strings keep
/// their capacity, so that naming the events of a reused output allocates only for longer names).
void name_event(const World& w, const EventNote& note, Event& event);

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

template <class Value>
double World::peer_mean(std::size_t r, const Value& value, double district_total) const {
  double geo_dot = 0.0;
  const auto geo_neighbours = fixed.geo.neighbours(r);
  if (!geo_neighbours.empty() && params.w_geo > 0.0) {
    const double weight = fixed.geo.neighbour_weight(r);
    for (const std::uint32_t s : geo_neighbours) geo_dot += weight * value(s);
  }
  double row_sum = 0.0, tie_dot = 0.0;
  if (params.w_ngo > 0.0) {
    for (std::uint32_t e = tie_offsets[r]; e < tie_offsets[r + 1]; ++e) {
      const double w = tie_weight[tie_edge[e]];
      row_sum += w;
      tie_dot += w * value(tie_neighbour[e]);
    }
  }
  return combine_peer_layers(peer_layers(r, row_sum), geo_dot, district_total, value(r), tie_dot);
}

inline PeerLayers World::peer_layers(std::size_t r, double tie_row_sum) const {
  const Params& p = params;
  PeerLayers layers;
  if (fixed.geo.neighbours(r).size() > 0 && p.w_geo > 0.0) {
    layers.geo = true;
    layers.total_weight += p.w_geo;
  }
  const std::uint32_t others = fixed.district_region_count[fixed.district[r]] - 1;
  if (others > 0 && p.w_fd > 0.0) {
    layers.district = true;
    layers.district_others = static_cast<double>(others);
    layers.total_weight += p.w_fd;
  }
  if (p.w_ngo > 0.0 && tie_row_sum > 0.0) {
    // Row-normalised with max(1, row sum): weak ties weigh little (§4).
    layers.ties = true;
    layers.tie_divisor = tie_row_sum > 1.0 ? tie_row_sum : 1.0;
    layers.total_weight += p.w_ngo * tie_row_sum / layers.tie_divisor;
  }
  return layers;
}

inline double World::combine_peer_layers(const PeerLayers& layers, double geo_dot,
                                         double district_total, double own, double tie_dot) const {
  const Params& p = params;
  double weighted = 0.0;
  if (layers.geo) weighted += p.w_geo * geo_dot;
  // W_fd from district sums (sum minus self), never as explicit edges.
  if (layers.district) weighted += p.w_fd * (district_total - own) / layers.district_others;
  if (layers.ties) weighted += p.w_ngo * tie_dot / layers.tie_divisor;
  return layers.total_weight > 0.0 ? weighted / layers.total_weight : own;
}

}  // namespace policysim::model
