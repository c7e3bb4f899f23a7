// Rule 1: the schedule. Which interventions are active in tick t and with what intensity in
// each target region, plus everything that is linear in those intensities: the direct
// instrument effects E of rule 5 and the national quantities of rule 10. Only the regions some
// active intervention targets get an entry other than the zero one (TickScratch::intensity).

#include <algorithm>

#include "sim/model/phases/phases.hpp"

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

}  // namespace

void schedule_interventions(const RunContext& run, Tick t, const DonorState& donors, TickScratch& s,
                            std::vector<std::uint8_t>& ever_toured) {
  const Params& p = run.params;
  s.clear_regional_intensities();
  s.task_force_active = false;
  s.push_max = 0.0;
  s.foreign_total = 0.0;
  s.domestic_total = 0.0;
  double authorship_sum = 0.0;
  int authorship_count = 0;

  const auto& interventions = run.config.interventions;
  for (std::size_t i = 0; i < interventions.size(); ++i) {
    const Intervention& iv = interventions[i];
    const double budget = donors.budget[iv.donor];
    const bool active =
        t >= run.fixed.intervention_start[i] && t <= run.fixed.intervention_end[i] && budget > 0.0;
    const double intensity = active ? iv.intensity * budget : 0.0;
    s.intervention_intensity[i] = intensity;
    if (!(intensity > 0.0)) continue;

    const Donor& donor = run.config.donors[iv.donor];
    const std::size_t m = index(iv.instrument);
    const bool grant = iv.instrument == Instrument::ngo_grant;
    PerReform effect{};
    for (std::size_t k = 0; k < kReformCount; ++k) {
      effect[k] = p.effect[m][k] * frame_factor(p, donor.frame, k);
    }
    const std::uint32_t begin = run.draws.target_offsets[i], end = run.draws.target_offsets[i + 1];
    s.start_adding(static_cast<std::uint32_t>(i));
    for (std::uint32_t e = begin; e < end; ++e) {
      const std::uint32_t r = run.draws.targets[e];
      if (iv.instrument == Instrument::task_force_tour) ever_toured[r] = 1;
      RegionIntensity* const target = s.add_to(r);
      if (target == nullptr) continue;  // r joined an entry that has this intervention's terms
      target->instrument[m] += intensity;
      if (grant) (donor.foreign ? target->foreign_grant : target->domestic_grant) += intensity;
      for (std::size_t k = 0; k < kReformCount; ++k) {
        target->direct_effect[k] += effect[k] * intensity;
      }
    }
    const double spent = intensity * static_cast<double>(end - begin);
    (donor.foreign ? s.foreign_total : s.domestic_total) += spent;

    if (iv.instrument == Instrument::task_force_tour ||
        iv.instrument == Instrument::legislation_push) {
      s.task_force_active = true;
      authorship_sum += donors.foreignness[iv.donor] * (1.0 - donor.local_ownership);
      ++authorship_count;
    }
    if (iv.instrument == Instrument::legislation_push) s.push_max = std::max(s.push_max, intensity);
  }
  s.foreign_authorship = authorship_count > 0 ? authorship_sum / authorship_count : 0.0;

  // A full programme: each intensity of a region is capped at 1 (direct effects are not).
  for (RegionIntensity& target : s.intensity_entries) {
    for (double& value : target.instrument) value = std::min(value, 1.0);
    target.foreign_grant = std::min(target.foreign_grant, 1.0);
    target.domestic_grant = std::min(target.domestic_grant, 1.0);
  }
}

}  // namespace policysim::model
