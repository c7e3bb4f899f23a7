// Rule 1: the schedule. Which interventions are active in tick t and with what intensity in
// each target region, plus everything that is linear in those intensities: the direct
// instrument effects E of rule 5 and the national quantities of rule 10.

#include <algorithm>

#include "sim/model/phases.hpp"

namespace policysim::model {
namespace {

// Frame factor on the direct effect of reform k (§6): prosecution favours law, protection
// favours victim; multi and unit are unscaled.
double frame_factor(const Params& p, Frame frame, std::size_t k) {
  if (frame == Frame::balanced) return 1.0;
  const bool law = k == index(Reform::law), victim = k == index(Reform::victim);
  if (!law && !victim) return 1.0;
  const bool favoured = (frame == Frame::prosecution) == law;
  return favoured ? p.frame_strong : p.frame_weak;
}

// Targets, summed over the interventions with a positive intensity in s.intervention_intensity.
std::size_t active_targets(const World& w) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < w.config.interventions.size(); ++i) {
    if (w.scratch.intervention_intensity[i] > 0.0) {
      count += w.target_offsets[i + 1] - w.target_offsets[i];
    }
  }
  return count;
}

// Calls body(r) for each target of each intervention with a positive intensity (a region may
// come more than once).
template <class Body>
void for_each_active_target(const World& w, const Body& body) {
  for (std::size_t i = 0; i < w.config.interventions.size(); ++i) {
    if (!(w.scratch.intervention_intensity[i] > 0.0)) continue;
    for (std::uint32_t e = w.target_offsets[i]; e < w.target_offsets[i + 1]; ++e) {
      body(static_cast<std::size_t>(w.targets[e]));
    }
  }
}

// Zeroes the regional intensities and direct effects of the last tick. Only the targets of
// interventions active then hold non-zero values (s.intervention_intensity is still last tick's),
// so when they are fewer than the regions only their entries are cleared.
void clear_regional_intensities(World& w) {
  TickScratch& s = w.scratch;
  const std::size_t n = w.fixed.region_count;
  if (active_targets(w) >= n) {
    std::fill(s.instrument_intensity.begin(), s.instrument_intensity.end(), 0.0);
    std::fill(s.foreign_grant_intensity.begin(), s.foreign_grant_intensity.end(), 0.0);
    std::fill(s.domestic_grant_intensity.begin(), s.domestic_grant_intensity.end(), 0.0);
    std::fill(s.direct_effect.begin(), s.direct_effect.end(), 0.0);
    return;
  }
  for_each_active_target(w, [&s, n](std::size_t r) {
    std::fill_n(s.instrument_intensity.begin() + static_cast<std::ptrdiff_t>(r * kInstrumentCount),
                kInstrumentCount, 0.0);
    s.foreign_grant_intensity[r] = 0.0;
    s.domestic_grant_intensity[r] = 0.0;
    for (std::size_t k = 0; k < kReformCount; ++k) s.direct_effect[k * n + r] = 0.0;
  });
}

// Caps I[r,m] and its foreign and domestic grant parts at 1 (a full programme). Only targets of
// this tick's active interventions can exceed 1; capping is idempotent, so repeats do not matter.
void cap_regional_intensities(World& w) {
  TickScratch& s = w.scratch;
  auto cap = [](double& value) { value = std::min(value, 1.0); };
  if (active_targets(w) >= w.fixed.region_count) {
    for (auto* column :
         {&s.instrument_intensity, &s.foreign_grant_intensity, &s.domestic_grant_intensity}) {
      for (double& value : *column) cap(value);
    }
    return;
  }
  for_each_active_target(w, [&s, &cap](std::size_t r) {
    for (std::size_t m = 0; m < kInstrumentCount; ++m)
      cap(s.instrument_intensity[r * kInstrumentCount + m]);
    cap(s.foreign_grant_intensity[r]);
    cap(s.domestic_grant_intensity[r]);
  });
}

}  // namespace

void schedule_interventions(World& w, Tick t) {
  const Params& p = w.params;
  const std::size_t n = w.fixed.region_count;
  TickScratch& s = w.scratch;
  clear_regional_intensities(w);
  s.task_force_active = false;
  s.push_max = 0.0;
  s.foreign_total = 0.0;
  s.domestic_total = 0.0;
  double authorship_sum = 0.0;
  int authorship_count = 0;

  const auto& interventions = w.config.interventions;
  for (std::size_t i = 0; i < interventions.size(); ++i) {
    const Intervention& iv = interventions[i];
    const double budget = w.donors.budget[iv.donor];
    const bool active =
        t >= w.fixed.intervention_start[i] && t <= w.fixed.intervention_end[i] && budget > 0.0;
    const double intensity = active ? iv.intensity * budget : 0.0;
    s.intervention_intensity[i] = intensity;
    if (!(intensity > 0.0)) continue;

    const Donor& donor = w.config.donors[iv.donor];
    const std::size_t m = index(iv.instrument);
    std::vector<double>* grant_by_origin = nullptr;
    if (iv.instrument == Instrument::ngo_grant) {
      grant_by_origin = donor.foreign ? &s.foreign_grant_intensity : &s.domestic_grant_intensity;
    }
    PerReform effect{};
    for (std::size_t k = 0; k < kReformCount; ++k) {
      effect[k] = p.effect[m][k] * frame_factor(p, donor.frame, k);
    }
    const std::uint32_t begin = w.target_offsets[i], end = w.target_offsets[i + 1];
    for (std::uint32_t e = begin; e < end; ++e) {
      const std::uint32_t r = w.targets[e];
      s.instrument_intensity[r * kInstrumentCount + m] += intensity;
      if (grant_by_origin != nullptr) (*grant_by_origin)[r] += intensity;
      for (std::size_t k = 0; k < kReformCount; ++k) {
        s.direct_effect[k * n + r] += effect[k] * intensity;
      }
      if (iv.instrument == Instrument::task_force_tour) w.ever_toured[r] = 1;
    }
    const double spent = intensity * static_cast<double>(end - begin);
    (donor.foreign ? s.foreign_total : s.domestic_total) += spent;

    if (iv.instrument == Instrument::task_force_tour ||
        iv.instrument == Instrument::legislation_push) {
      s.task_force_active = true;
      authorship_sum += w.donors.foreignness[iv.donor] * (1.0 - donor.local_ownership);
      ++authorship_count;
    }
    if (iv.instrument == Instrument::legislation_push) s.push_max = std::max(s.push_max, intensity);
  }
  s.foreign_authorship = authorship_count > 0 ? authorship_sum / authorship_count : 0.0;

  cap_regional_intensities(w);
}

}  // namespace policysim::model
