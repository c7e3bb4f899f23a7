// Rule 3: resistance ("norm immunisation") and Epstein's obstruction.

#include "sim/core/elementary.hpp"
#include "sim/model/rules/rules.hpp"

namespace policysim::model::rules {

double resistance_next(const Params& p, double rho, double eta, double foreign_exposure,
                       double stance, double geo_mean_rho) {
  // Foreign exposure pushes towards 1; the federal stance, the land neighbours and the region's
  // own baseline nationalism each pull towards themselves.
  return clip01(rho + p.alpha_F * foreign_exposure * (1.0 - rho) + p.alpha_P * (stance - rho) +
                p.alpha_N * (geo_mean_rho - rho) - p.kappa * (rho - eta));
}

double sanction_probability(const Params& p, double directive_law) {
  return 1.0 - core::exp(-p.k_s * directive_law);
}

bool obstructs(const Params& p, double rho, double mean_legitimacy, double risk_aversion,
               double sanction_probability) {
  // Grievance rho discounted by the legitimacy of local NGOs, against the expected sanction of a
  // federal directive (Epstein 2002: G - R N > T).
  return rho * (1.0 - mean_legitimacy) - risk_aversion * sanction_probability > p.T_obs;
}

}  // namespace policysim::model::rules
