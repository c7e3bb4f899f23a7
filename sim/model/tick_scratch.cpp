// The per-tick scratch: sizing it for a run, and the shared regional intensities of rule 1.

#include "sim/model/tick_scratch.hpp"

#include <algorithm>
#include <numeric>

namespace policysim::model {

void TickScratch::size_for_run(const Config& config, const StaticWorld& fixed,
                               std::size_t tie_edges) {
  const std::size_t n = fixed.region_count;
  intervention_intensity.assign(config.interventions.size(), 0.0);
  intensity_entry.assign(n, 0);
  intensity_entries.assign(1, RegionIntensity{});
  intensity_origin.assign(1, IntensityOrigin{});
  clear_regional_intensities();
  peer.assign(n, PeerRecord{});
  district_learning_sum.assign(fixed.district_count * kReformCount, 0.0);
  district_adopter_count.assign(fixed.district_count * kReformCount, 0.0);
  block_district_sums.assign(fixed.block_districts.size() * 2 * kReformCount, 0.0);
  district_emulation.assign(fixed.district_count, PerReform{});
  ngo_alive_count.assign(n, 0);
  ngo_closed.assign(fixed.ngo_count, 0);
  tie_gain.assign(tie_edges, 0.0);
  if (n <= kSortedQuantileRegions) {
    if (resistance_order.size() != n) {  // any order will do; the last run's is kept
      resistance_order.resize(n);
      std::iota(resistance_order.begin(), resistance_order.end(), 0U);
    }
  } else {
    resistance_order.clear();
  }
}

void TickScratch::start_adding(std::uint32_t intervention) {
  adding_ = intervention;
  std::fill(child_entry_.begin(), child_entry_.end(), 0U);
}

RegionIntensity* TickScratch::add_to(std::uint32_t r) {
  std::uint32_t& entry = intensity_entry[r];
  const std::uint32_t parent = entry;
  if (child_entry_[parent] != 0) {
    entry = child_entry_[parent];
    return nullptr;
  }
  entry = static_cast<std::uint32_t>(intensity_entries.size());
  child_entry_[parent] = entry;
  child_entry_.push_back(0);
  intensity_origin.push_back({parent, adding_});
  const RegionIntensity sums = intensity_entries[parent];
  intensity_entries.push_back(sums);
  return &intensity_entries.back();
}

void TickScratch::clear_regional_intensities() {
  if (intensity_entries.size() > 1) std::fill(intensity_entry.begin(), intensity_entry.end(), 0U);
  intensity_entries.resize(1);
  intensity_origin.resize(1);
  child_entry_.resize(1);
}

}  // namespace policysim::model
