#pragma once
// The update rules of MODEL.md §5 as pure scalar functions of parameters and inputs. The phases
// gather the inputs of one region or NGO and call these; tests check them against hand
// computation. Levels are clipped to [0,1] inside each rule.

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numbers>

#include "sim/core/elementary.hpp"
#include "sim/model/params.hpp"

namespace policysim::model::rules {

/// x clipped to [0,1].
inline double clip01(double x) { return std::clamp(x, 0.0, 1.0); }
/// The logistic function sigma.
inline double logistic(double x) { return 1.0 / (1.0 + core::exp(-x)); }
/// Whether an event of probability sigma(x) happens on the uniform draw u: exactly
/// `u < logistic(x)`, without the exp when the draw is far above the probability.
inline bool happens(double u, double x) {
  // Two bounds, each with a margin far beyond rounding. First logit(u) >= ln u >= e ln 2 for u
  // in [2^e, 2^(e+1)): it comes from u's exponent alone, so it is ready before x and costs one
  // comparison at the end of x's chain of additions. It decides most draws at small hazards.
  const auto exponent = static_cast<int>(std::bit_cast<std::uint64_t>(u) >> 52) - 1023;
  if (x < exponent * std::numbers::ln2 - 1e-6) return false;
  if (x < 0.0) {
    // Then, for y = -x > 0, e^y >= (1 + y/32)^32, so sigma(x) <= 1/q with q = 1 + (1 + y/32)^32
    // (five squarings, rounding under 64 ulps): it decides most of the rest at larger hazards.
    double power = 1.0 - x * (1.0 / 32);
    for (int i = 0; i < 5; ++i) power *= power;
    if (u * (1.0 + power) >= 1.0 + 1e-9) return false;
  }
  return u < logistic(x);
}
/// -ln(1 - sigma(x)) = ln(1 + e^x), the cumulative hazard of a quarter with probability sigma(x).
inline double softplus(double x) { return x > 30.0 ? x : core::log1p(core::exp(x)); }

// Rule 3: resistance and obstruction.
/// rho(t+1) from rho, eta, foreign exposure F, federal stance P and the W_geo mean of rho.
double resistance_next(const Params& p, double rho, double eta, double foreign_exposure,
                       double stance, double geo_mean_rho);
/// The probability that obstruction is sanctioned, 1 - exp(-k_s D[law]) (the same everywhere).
double sanction_probability(const Params& p, double directive_law);
/// Whether the directorate obstructs this quarter (Epstein's rule).
bool obstructs(const Params& p, double rho, double mean_legitimacy, double risk_aversion,
               double sanction_probability);

// Rule 4: capacity (police c and judicial cJ share the form).
/// c(t+1) from c, the capped training inputs that reach it, and rho.
double capacity_next(const Params& p, double level, double training_input, double rho);

// Rule 5: diffusion signals.
/// Observed success pi = min(1, m_cases / (case_rate size)); 0 when the scale is 0.
double observed_success(const Params& p, double mean_cases, double size);
/// Coercion C for reform k.
double coercion(const Params& p, std::size_t reform, double law_in_force, double directive,
                double tip, double tour_intensity, double stance);
/// The part of C for reform k that is the same in every region: the law, directive and TIP terms.
double coercion_without_tour(const Params& p, double law_in_force, double directive, double tip);
/// C for reform k from its regional-invariant part and the region's task-force tour intensity;
/// coercion() is exactly coercion_with_tour(coercion_without_tour(...)).
double coercion_with_tour(const Params& p, std::size_t reform, double without_tour,
                          double tour_intensity, double stance);
/// The signals of one region and reform (0 where a mechanism is off).
struct Signals {
  double learning = 0.0, emulation = 0.0, competition = 0.0, coercion = 0.0, ngo_push = 0.0,
         direct_effect = 0.0;
};

/// The signals of one region for every reform: Signals' fields, reform k in lane k.
struct ReformSignals {
  PerReform learning{}, emulation{}, competition{}, coercion{}, ngo_push{}, direct_effect{};
};

// Rule 6: implementation.
/// The logit of the adoption hazard h.
double adoption_logit(const Params& p, std::size_t reform, const Signals& signals, double capacity,
                      double support, double rho, bool cascade);
/// adoption_logit of every reform of one region, `cascade` by reform, in one loop without a
/// branch (the regional phase computes each signal for the four reforms at once).
PerReform adoption_logits(const Params& p, const ReformSignals& signals, double capacity,
                          double support, double rho,
                          const std::array<bool, kReformCount>& cascade);
/// The adoption hazard h = logistic(adoption_logit(...)).
double adoption_hazard(const Params& p, std::size_t reform, const Signals& signals, double capacity,
                       double support, double rho, bool cascade);
/// The threshold a region's adopted-peer share must reach (threshold modes).
double adoption_threshold(const Params& p, double theta, double coercion_signal, double capacity);
/// a after an adoption step.
double adoption_step(const Params& p, double a);
/// a after decay.
double after_decay(const Params& p, std::size_t reform, double a, double law_in_force,
                   double support);

// Rule 7: courts.
/// aJ(t+1).
double judicial_use_next(const Params& p, double judicial_use, double a_law,
                         double judicial_capacity, double law_in_force, double rho);

// Rule 8: executive support.
/// s(t+1).
double support_next(const Params& p, double support, double exposure, double mean_directive,
                    double rho);
/// The fixed point of support_next: (e1 x + e2 D) / (e1 + e2 + e3 rho); x when all rates are 0.
double support_equilibrium(const Params& p, double exposure, double mean_directive, double rho);

// Rule 9: NGOs.
/// An NGO's own base income per quarter, drawn once per run: the `uniform`-quantile of the Gamma
/// distribution with mean income_base and shape k_inc (scale income_base / k_inc).
double ngo_base_income(const Params& p, double uniform);
/// R(t+1) >= 0 from this quarter's foreign income B_f and domestic income B_d (base included).
double ngo_resources_next(const Params& p, double resources, double foreign_income,
                          double domestic_income);
/// f(t+1).
double foreign_share_next(const Params& p, double foreign_share, double foreign_income,
                          double domestic_income);
/// g(t+1).
double legitimacy_next(const Params& p, double legitimacy, double resources, double foreign_share,
                       double stance);
/// tie(t+1) to the region's police.
double ngo_tie_next(const Params& p, double tie, double conference, double national_assembly);

// Rule 10: national.
/// P(t+1).
double stance_next(const Params& p, double stance, double mean_foreign_exposure, double tip,
                   double election, double mean_resistance);
/// Quarterly cumulative hazard of the next restrictive law, -ln(1 - p), p = 1 - (1 - H)^(1/4).
double restrictive_clock_increment(const Params& p, double foreign_total, double election,
                                   double stance);
/// Logit of the quarterly probability of federal legislation.
double legislation_logit(const Params& p, double tip, bool task_force, double mean_a_law, double un,
                         double push_intensity);
/// Logit of the quarterly probability that U steps up from `unit_level`.
double unit_logit(const Params& p, int unit_level, double mean_a_unit, double law_in_force,
                  double tip);
/// Law content lambda of a law passed with foreign authorship A.
double law_content(const Params& p, double foreign_authorship);

}  // namespace policysim::model::rules
