// Rule 9: NGO resources, foreign share, legitimacy and tie to the police.

#include <algorithm>

#include "sim/model/rules/rules.hpp"

namespace policysim::model::rules {

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
