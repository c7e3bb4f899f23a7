#pragma once
// Per-tick scratch: quantities a phase computes early in a tick for later phases of the same tick
// (intensities, peer records and district sums, regional totals). Never state: every tick
// recomputes them. Sized when a run starts; later runs reuse the capacity.

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/core/quantile_selector.hpp"
#include "sim/model/config.hpp"
#include "sim/model/instrument.hpp"
#include "sim/model/reform.hpp"
#include "sim/model/static_world.hpp"

namespace policysim::model {

/// What the regional phase reads of each neighbour, at t: packed in 48 bytes so that a neighbour
/// is one or two cache lines rather than one per column. Not padded to a line: neighbours have
/// near indices, so records share lines, and padding cost 16 B a region and some speed.
struct PeerRecord {
  PerReform a{};            ///< a[s,k]
  double success = 0.0;     ///< pi[s], observed success
  double resistance = 0.0;  ///< rho[s]
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
  double regions_with_cases_past_year = 0.0;  ///< with a case in this quarter or the three before
  double foreign_exposure = 0.0;              ///< sum of F
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
  /// Sizes every buffer for a run with `tie_edges` NGO-tie edges (allocates only when growing).
  void size_for_run(const Config& config, const StaticWorld& fixed, std::size_t tie_edges);

 private:
  std::uint32_t adding_ = 0;                // the intervention being added
  std::vector<std::uint32_t> child_entry_;  // each entry's child for it (0: none yet)
};

}  // namespace policysim::model
