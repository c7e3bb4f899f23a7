// Rule 9 for one NGO: income, resources, foreign share, legitimacy and closure. The tie to the
// police changes in rule 11 (ties.cpp).

#include "sim/model/phases.hpp"
#include "sim/model/rules.hpp"

namespace policysim::model {

void update_ngo(World& w, Tick /*t*/, std::size_t i) {
  const Params& p = w.params;
  const NgoState& now = w.ngos_now();
  NgoState& next = w.ngos_next();
  if (now.alive[i] == 0) {  // closed for good: the record stays as it was
    next.resources[i] = now.resources[i];
    next.foreign_share[i] = now.foreign_share[i];
    next.legitimacy[i] = now.legitimacy[i];
    next.alive[i] = 0;
    next.quarters_below_minimum[i] = now.quarters_below_minimum[i];
    return;
  }
  const std::uint32_t r = w.fixed.ngo_region[i];
  const NationState& nation = w.nation;
  // Grants are split equally among the region's alive NGOs (this one among them).
  const double alive = w.scratch.ngo_alive_count[r] > 0.0 ? w.scratch.ngo_alive_count[r] : 1.0;
  const double foreign_income = w.scratch.foreign_grant_intensity[r] * p.grant_size *
                                (1.0 - p.z1 * (nation.ngo_law ? 1.0 : 0.0)) *
                                (1.0 - p.z2 * (nation.foreign_agents_law ? 1.0 : 0.0)) / alive;
  const double domestic_income =
      w.scratch.domestic_grant_intensity[r] * p.grant_size / alive + p.income_base;

  const double resources =
      rules::ngo_resources_next(p, now.resources[i], foreign_income, domestic_income);
  next.resources[i] = resources;
  next.foreign_share[i] =
      rules::foreign_share_next(p, now.foreign_share[i], foreign_income, domestic_income);
  next.legitimacy[i] = rules::legitimacy_next(p, now.legitimacy[i], now.resources[i],
                                              now.foreign_share[i], nation.stance);
  const std::uint32_t below = resources < p.R_min ? now.quarters_below_minimum[i] + 1 : 0;
  next.quarters_below_minimum[i] = below;
  next.alive[i] = static_cast<double>(below) >= p.ngo_close_ticks ? 0 : 1;
}

void update_ngos(World& w, Tick t) {
  for_each_index(w.fixed.ngo_count, w.parallel, w.grain,
                 [&w, t](std::size_t i) { update_ngo(w, t, i); });
}

}  // namespace policysim::model
