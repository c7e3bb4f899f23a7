// Rule 10: the scalar formulas of the national phase (federal stance, hazards of federal events,
// law content). The event clocks and their effects are in phases/national.cpp.

#include <algorithm>

#include "sim/core/elementary.hpp"
#include "sim/model/rules/rules.hpp"

namespace policysim::model::rules {

double stance_next(const Params& p, double stance, double mean_foreign_exposure, double tip,
                   double election, double mean_resistance) {
  return clip01(stance + p.mu_F * mean_foreign_exposure * (1.0 - stance) +
                p.mu_T * tip * (1.0 - stance) + p.mu_E * election +
                p.mu_R * (mean_resistance - stance) - p.mu_d * (stance - p.P0));
}

double restrictive_clock_increment(const Params& p, double foreign_total, double election,
                                   double stance) {
  // H = 1 - exp(-exp(lin)) a year and p = 1 - (1 - H)^(1/4) a quarter, so the quarter's
  // cumulative hazard -ln(1 - p) is exactly exp(lin) / 4; computing it directly avoids the
  // cancellation in 1 - (1 - H)^(1/4) when H is small.
  const double linear = p.chi0 + p.chi1 * core::log1p(std::max(0.0, foreign_total)) +
                        p.chi2 * election + p.chi3 * stance;
  return 0.25 * core::exp(linear);
}

double legislation_logit(const Params& p, double tip, bool task_force, double mean_a_law, double un,
                         double push_intensity) {
  return p.psi0 + p.psi_T * tip + p.psi_TF * (task_force ? 1.0 : 0.0) + p.psi_A * mean_a_law +
         p.psi_UN * un + p.psi_LP * push_intensity;
}

double unit_logit(const Params& p, int unit_level, double mean_a_unit, double law_in_force,
                  double tip) {
  const double intercept = unit_level <= 0 ? p.upsilon0[0] : p.upsilon0[1];
  return intercept + p.upsilon1 * mean_a_unit + p.upsilon2 * law_in_force + p.upsilon3 * tip;
}

double law_content(const Params& p, double foreign_authorship) {
  // The state passes its own, more punitive version of a foreign draft.
  return clip01(p.lambda0 * (1.0 - p.lambda_fall * foreign_authorship));
}

}  // namespace policysim::model::rules
