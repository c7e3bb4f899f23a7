// Rule 9 for one NGO: income, resources, foreign share, legitimacy and closure. The tie to the
// police changes in rule 11 (ties.cpp).
//
// NGOs are updated in place, one copy: an NGO reads only its own record (and regional scratch),
// and reads all of it before writing. The regional phase, which reads the region's NGOs at t, is
// over. Closures are kept for this tick in scratch.ngo_closed: rule 11 needs who was alive at t
// and rule 12 reports who closed.

#include "sim/model/phases/phases.hpp"
#include "sim/model/rules/rules.hpp"

namespace policysim::model {

void update_ngo(const RunContext& run, const NationState& nation, std::size_t i, NgoState& ngos,
                TickScratch& scratch) {
  const Params& p = run.params;
  scratch.ngo_closed[i] = 0;
  if (ngos.alive[i] == 0) return;  // closed for good: the record stays as it was
  const std::uint32_t r = run.fixed.ngo_region[i];
  // Grants are split equally among the region's alive NGOs (this one among them).
  const std::uint32_t alive_count = scratch.ngo_alive_count[r];
  const double alive = alive_count > 0 ? static_cast<double>(alive_count) : 1.0;
  const RegionIntensity& intensity = scratch.intensity(r);
  const double foreign_income = intensity.foreign_grant * p.grant_size *
                                (1.0 - p.z1 * (nation.ngo_law ? 1.0 : 0.0)) *
                                (1.0 - p.z2 * (nation.foreign_agents_law ? 1.0 : 0.0)) / alive;
  const double domestic_income =
      intensity.domestic_grant * p.grant_size / alive + run.draws.ngo_income_base[i];

  // The record at t, read before any of it is overwritten.
  const double resources_now = ngos.resources[i], foreign_share_now = ngos.foreign_share[i];
  const double legitimacy_now = ngos.legitimacy[i];
  const std::uint32_t below_now = ngos.quarters_below_minimum[i];

  const double resources =
      rules::ngo_resources_next(p, resources_now, foreign_income, domestic_income);
  ngos.resources[i] = resources;
  ngos.foreign_share[i] =
      rules::foreign_share_next(p, foreign_share_now, foreign_income, domestic_income);
  ngos.legitimacy[i] =
      rules::legitimacy_next(p, legitimacy_now, resources_now, foreign_share_now, nation.stance);
  const std::uint32_t below = resources < p.R_min ? below_now + 1 : 0;
  ngos.quarters_below_minimum[i] = below;
  const bool closes = static_cast<double>(below) >= p.ngo_close_ticks;
  ngos.alive[i] = closes ? 0 : 1;
  scratch.ngo_closed[i] = closes ? 1 : 0;
}

void update_ngos(const RunContext& run, const NationState& nation, NgoState& ngos,
                 TickScratch& scratch) {
  for_each_index(run.fixed.ngo_count, run.execution.parallel, run.execution.grain,
                 [&](std::size_t i) { update_ngo(run, nation, i, ngos, scratch); });
}

}  // namespace policysim::model
