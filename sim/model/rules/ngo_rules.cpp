// Rule 9: NGO resources, foreign share, legitimacy and tie to the police.

#include <algorithm>
#include <boost/math/special_functions/gamma.hpp>

#include "sim/model/rules/rules.hpp"

namespace policysim::model::rules {

double ngo_base_income(const Params& p, double uniform) {
  // Inversion of one counter-based uniform by Boost.Math's inverse regularised incomplete gamma
  // function: one draw per NGO whatever the shape (no rejection loop, so the NGO's key fixes its
  // income), monotone in the uniform, and from a library kept and tested for accuracy over the
  // whole range of shapes (k_inc 0.5 to 10), rather than a sampler of our own. Computed in double
  // (no promotion to long double, whose width differs between platforms). Boost calls the C
  // library's log, exp and pow, not core/elementary.hpp's, so POLICYSIM_PORTABLE_MATH does not
  // reach these draws: across machines their last bits may differ, as the default build's may.
  using Policy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;
  if (p.income_base <= 0.0) return 0.0;
  return boost::math::gamma_p_inv(p.k_inc, uniform, Policy()) * p.income_base / p.k_inc;
}

double ngo_resources_next(const Params& p, double resources, double foreign_income,
                          double domestic_income) {
  return std::max(0.0,
                  (1.0 - p.ngo_decay) * resources + foreign_income + domestic_income - p.ngo_cost);
}

double foreign_share_next(const Params& p, double foreign_share, double foreign_income,
                          double domestic_income) {
  const double income = foreign_income + domestic_income;
  // With no income this quarter the current-quarter share is taken as 0 (no foreign money came).
  const double current = income > 0.0 ? foreign_income / income : 0.0;
  return clip01((1.0 - p.foreign_share_weight) * foreign_share + p.foreign_share_weight * current);
}

double legitimacy_next(const Params& p, double legitimacy, double resources, double foreign_share,
                       double stance) {
  const double effectiveness = p.R_star > 0.0 ? std::min(1.0, resources / p.R_star) : 1.0;
  // Legitimacy follows effectiveness and is eroded by the stigma of foreign money, which bites
  // harder the more nationalist the centre.
  return clip01(legitimacy + p.nu1 * (effectiveness - legitimacy) -
                p.nu2 * foreign_share * stance * legitimacy);
}

double ngo_tie_next(const Params& p, double tie, double conference, double national_assembly) {
  return clip01(tie + p.ngo_tie_gain * conference + p.ngo_tie_gain * national_assembly -
                p.ngo_tie_decay * tie);
}

}  // namespace policysim::model::rules
