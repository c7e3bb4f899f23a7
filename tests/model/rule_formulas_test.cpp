// The rules of MODEL.md §5 that rules_test.cpp does not reach, each against a hand computation
// from the spec's formula. Parameters are set to distinct values where the defaults coincide
// (several are 1 or 0.05), so that a term with the wrong coefficient or input changes the result.
// tests/mutation/mutate.sh checks that a one-line change to any of these formulas fails a test.

#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstddef>

#include "fixtures.hpp"
#include "sim/model/phases/phases.hpp"
#include "sim/model/purpose.hpp"
#include "sim/model/rules/rules.hpp"
#include "sim/model/simulation.hpp"
#include "sim/model/world.hpp"
#include "world_fixture.hpp"

using namespace policysim::model;
using policysim::core::Quarter;
using policysim::model::testing::ring_country;

TEST_CASE("rule 10: the federal stance moves as computed by hand", "[model][rules][national]") {
  Params p;
  p.mu_F = 0.05, p.mu_T = 0.03, p.mu_E = 0.07, p.mu_R = 0.11, p.mu_d = 0.13, p.P0 = 0.3;
  // P + mu_F F (1-P) + mu_T TIP (1-P) + mu_E E + mu_R (rho - P) - mu_d (P - P0)
  // = 0.4 + 0.05*0.2*0.6 + 0.03*0.6*0.6 + 0.07*1 + 0.11*(0.6-0.4) - 0.13*(0.4-0.3)
  // = 0.4 + 0.006 + 0.0108 + 0.07 + 0.022 - 0.013 = 0.4958
  CHECK(rules::stance_next(p, 0.4, 0.2, 0.6, 1.0, 0.6) == Approx(0.4958).epsilon(1e-12));
  // Without an election: 0.4258.
  CHECK(rules::stance_next(p, 0.4, 0.2, 0.6, 0.0, 0.6) == Approx(0.4258).epsilon(1e-12));
  // Clipped to [0, 1].
  CHECK(rules::stance_next(p, 1.0, 1.0, 1.0, 10.0, 1.0) == 1.0);
}

TEST_CASE("rule 10: the legislation logit has every term of the spec", "[model][rules][national]") {
  Params p;
  p.psi0 = -7.5, p.psi_T = 1.5, p.psi_TF = 0.9, p.psi_A = 2.0, p.psi_UN = 1.3, p.psi_LP = 0.7;
  // psi0 + psi_T TIP + psi_TF TF + psi_A a_law + psi_UN UN + psi_LP I_push
  // = -7.5 + 1.5*0.6 + 0.9 + 2*0.25 + 1.3*1 + 0.7*0.5 = -3.55
  CHECK(rules::legislation_logit(p, 0.6, true, 0.25, 1.0, 0.5) == Approx(-3.55).epsilon(1e-12));
  // No task force and no UN protocol: -3.55 - 0.9 - 1.3 = -5.75.
  CHECK(rules::legislation_logit(p, 0.6, false, 0.25, 0.0, 0.5) == Approx(-5.75).epsilon(1e-12));
}

TEST_CASE("rule 10: the unit logit takes its own intercept per step and the TIP term",
          "[model][rules][national]") {
  Params p;
  p.upsilon0 = {-3.5, -5.75};
  p.upsilon1 = 3.0, p.upsilon2 = 1.5, p.upsilon3 = 2.0;
  // First step: -3.5 + 3*0.2 + 1.5*1 + 2*0.6 = -0.2; second: -5.75 + 3.3 = -2.45.
  CHECK(rules::unit_logit(p, 0, 0.2, 1.0, 0.6) == Approx(-0.2).epsilon(1e-12));
  CHECK(rules::unit_logit(p, 1, 0.2, 1.0, 0.6) == Approx(-2.45).epsilon(1e-12));
  // Without TIP the first step's logit falls by upsilon3 * 0.6 = 1.2.
  CHECK(rules::unit_logit(p, 0, 0.2, 1.0, 0.0) == Approx(-1.4).epsilon(1e-12));
  // Without the law in force it falls by upsilon2 * 1 = 1.5: -3.5 + 0.6 + 1.2 = -1.7.
  CHECK(rules::unit_logit(p, 0, 0.2, 0.0, 0.6) == Approx(-1.7).epsilon(1e-12));
}

TEST_CASE("rule 10: the law's content falls with its foreign authorship",
          "[model][rules][national]") {
  Params p;  // lambda0 0.8, lambda_fall 0.75
  // lambda0 (1 - lambda_fall A): 0.8 (1 - 0.75*0.4) = 0.56; a domestic law keeps lambda0.
  CHECK(rules::law_content(p, 0.4) == Approx(0.56).epsilon(1e-12));
  CHECK(rules::law_content(p, 0.0) == Approx(0.8).epsilon(1e-12));
}

TEST_CASE("rule 9: foreign share, legitimacy and tie as computed by hand", "[model][rules][ngos]") {
  Params p;  // foreign_share_weight 0.25, R* 0.5, nu1 0.1, nu2 0.2, tie gain 0.1, decay 0.02
  // f: 0.75 f + 0.25 B_f / (B_f + B_d) = 0.75*0.4 + 0.25*0.1/0.4 = 0.3625; with no income the
  // quarter's share is 0: 0.3.
  CHECK(rules::foreign_share_next(p, 0.4, 0.1, 0.3) == Approx(0.3625).epsilon(1e-12));
  CHECK(rules::foreign_share_next(p, 0.4, 0.0, 0.0) == Approx(0.3).epsilon(1e-12));
  // g + nu1 (min(1, R/R*) - g) - nu2 f P g = 0.5 + 0.1*(0.8-0.5) - 0.2*0.4*0.5*0.5 = 0.51
  CHECK(rules::legitimacy_next(p, 0.5, 0.4, 0.4, 0.5) == Approx(0.51).epsilon(1e-12));
  // R above R* counts as full effectiveness: 0.5 + 0.1*(1-0.5) - 0.02 = 0.53.
  CHECK(rules::legitimacy_next(p, 0.5, 1.0, 0.4, 0.5) == Approx(0.53).epsilon(1e-12));
  // tie + 0.1 conference + 0.1 assembly - 0.02 tie = 0.3 + 0.05 + 0.025 - 0.006 = 0.369
  p.ngo_tie_gain = 0.1;
  CHECK(rules::ngo_tie_next(p, 0.3, 0.5, 0.25) == Approx(0.369).epsilon(1e-12));
  CHECK(rules::ngo_tie_next(p, 0.3, 0.0, 0.0) == Approx(0.294).epsilon(1e-12));
}

TEST_CASE("rule 3: obstruction is Epstein's rule with the sanction 1 - exp(-k_s D)",
          "[model][rules][resistance]") {
  Params p;  // T_obs 0.1, k_s 2.3
  // 1 - exp(-2.3 * 0.5) = 1 - exp(-1.15) = 0.6833632...
  CHECK(rules::sanction_probability(p, 0.5) == Approx(0.68336323).epsilon(1e-8));
  CHECK(rules::sanction_probability(p, 0.0) == 0.0);
  // rho (1 - l) - riskaversion p_sanction > T_obs, on both sides of the threshold:
  // 0.5*0.5 - 0.25*0.5 = 0.125 > 0.1 obstructs; 0.5*0.5 - 0.35*0.5 = 0.075 does not.
  CHECK(rules::obstructs(p, 0.5, 0.5, 0.25, 0.5));
  CHECK_FALSE(rules::obstructs(p, 0.5, 0.5, 0.35, 0.5));
  // Legitimacy discounts grievance: 0.5*0.8 - 0.25*0.5 = 0.275 obstructs, 0.5*0.2 - 0 = 0.1 not
  // (the inequality is strict).
  CHECK(rules::obstructs(p, 0.5, 0.2, 0.25, 0.5));
  CHECK_FALSE(rules::obstructs(p, 0.5, 0.8, 0.0, 0.5));
}

TEST_CASE("rule 6: the threshold falls with coercion and capacity", "[model][rules][adoption]") {
  Params p;
  p.theta_relief = 0.2;
  // theta - theta_relief (C + c) = 0.3 - 0.2*(0.2 + 0.1) = 0.24
  CHECK(rules::adoption_threshold(p, 0.3, 0.2, 0.1) == Approx(0.24).epsilon(1e-12));
  CHECK(rules::adoption_threshold(p, 0.3, 0.0, 0.0) == Approx(0.3).epsilon(1e-12));
}

TEST_CASE("rule 7: cases and convictions are the spec's Poisson and binomial draws",
          "[model][rules][courts]") {
  // Four regions of different sizes and implementation, the law in force: each region's cases
  // must be Poisson(case_rate size a_law) and its convictions Binomial(cases, aJ p_conv), drawn
  // on the region's own streams (purposes `cases` and `convictions`) at tick 0.
  Country country = ring_country(4);
  country.size = {0.5, 1.5, 2.0, 1.0};
  Config config;
  config.start = Quarter{2004, 1};
  config.end = Quarter{2004, 4};
  config.default_ngos = false;
  config.params.case_rate = 9.0;
  config.params.p_conv = 0.4;
  constexpr std::uint64_t kSeed = 77;
  policysim::model::testing::WorldFixture fixture(config, country, kSeed);
  World& w = fixture.world;
  const std::size_t law = index(Reform::law);
  const double a_law[] = {0.9, 0.6, 0.8, 0.3};
  const double judicial_use[] = {0.5, 0.9, 0.25, 1.0};
  for (std::size_t r = 0; r < 4; ++r) {
    w.state.regions.implementation[law * 4 + r] = a_law[r];
    w.state.regions.judicial_use[r] = judicial_use[r];
  }
  w.state.nation.law_in_force[law] = 1.0;

  for (const char* phase : {"schedule", "exposure", "regions"}) {
    policysim::model::testing::run_phase(w, phase, 0);
  }

  const policysim::core::RandomStream stream(kSeed, kModelStream);
  std::uint32_t total_cases = 0;
  for (std::uint32_t r = 0; r < 4; ++r) {
    auto case_draws = stream.sequence(0, r, word(Purpose::cases));
    const std::uint32_t cases = case_draws.poisson(9.0 * country.size[r] * a_law[r]);
    auto conviction_draws = stream.sequence(0, r, word(Purpose::convictions));
    const std::uint32_t convictions =
        cases == 0 ? 0 : conviction_draws.binomial(cases, judicial_use[r] * 0.4);
    INFO("region " << r);
    CHECK(w.state.regions.cases[r] == cases);
    CHECK(w.state.regions.convictions[r] == convictions);
    total_cases += cases;
  }
  // The draws are not degenerate: the expected total is 9 (0.45 + 0.9 + 1.6 + 0.3) = 29.25.
  CHECK(total_cases > 0);
}

TEST_CASE("rule 7: the law in force raises the courts' uptake of Art. 127.1",
          "[model][rules][courts]") {
  Params p;  // gamma_J 0.1, betaJ0 -4, betaJ1 2, betaJ2 2, betaJ3 1.5, betaJR 3, delta_J 0.01
  // Without the law: aJ + gamma_J sigma(-4 + 2*0.5 + 2*0.4 + 1.5*0 - 3*0.2) (1 - aJ) - delta_J aJ
  // = 0.1 + 0.1 sigma(-2.8) 0.9 - 0.001; with it the logit is -1.3.
  const auto sigma = [](double x) { return 1.0 / (1.0 + std::exp(-x)); };
  CHECK(rules::judicial_use_next(p, 0.1, 0.5, 0.4, 0.0, 0.2) ==
        Approx(0.1 + 0.09 * sigma(-2.8) - 0.001).epsilon(1e-12));
  CHECK(rules::judicial_use_next(p, 0.1, 0.5, 0.4, 1.0, 0.2) ==
        Approx(0.1 + 0.09 * sigma(-1.3) - 0.001).epsilon(1e-12));
}

TEST_CASE("rule 10: an election multiplies the restrictive-law hazard by exp(chi2)",
          "[model][rules][national]") {
  Params p;  // chi0 -5.4, chi1 ln 1.067, chi2 ln 1.11, chi3 5
  // exp(chi0 + chi1 ln(1 + B) + chi2 E + chi3 P) / 4 with B = 3, E = 1, P = 0.5.
  const double expected =
      0.25 * std::exp(-5.4 + std::log(1.067) * std::log(4.0) + std::log(1.11) + 2.5);
  CHECK(rules::restrictive_clock_increment(p, 3.0, 1.0, 0.5) == Approx(expected).epsilon(1e-12));
  CHECK(rules::restrictive_clock_increment(p, 3.0, 0.0, 0.5) ==
        Approx(expected / 1.11).epsilon(1e-12));
}

TEST_CASE("rule 6: the adoption logit has every term of the spec, the cascade doubling emulation",
          "[model][rules][adoption]") {
  Params p;
  p.beta0[1] = -4.0, p.beta_capacity[1] = 0.6, p.beta_ngo[1] = 0.8;
  p.beta_learning = 1.1, p.beta_emulation = 0.9, p.beta_competition = 0.7, p.beta_coercion = 1.3;
  p.beta_support = 0.5, p.beta_resistance = 1.7, p.cascade_multiplier = 2.0;
  rules::Signals signals;
  signals.learning = 0.2, signals.emulation = 0.3, signals.competition = 0.1;
  signals.coercion = 0.4, signals.ngo_push = 0.5, signals.direct_effect = 0.25;
  // beta0 + b_L L + b_E E + b_Co Co + b_C C + b_c c + b_N N + b_s s + direct - b_R rho
  // = -4 + 1.1*0.2 + 0.9*0.3 + 0.7*0.1 + 1.3*0.4 + 0.6*0.5 + 0.8*0.5 + 0.5*0.6 + 0.25 - 1.7*0.3
  // = -4 + 0.22 + 0.27 + 0.07 + 0.52 + 0.3 + 0.4 + 0.3 + 0.25 - 0.51 = -2.18
  CHECK(rules::adoption_logit(p, 1, signals, 0.5, 0.6, 0.3, false) == Approx(-2.18).epsilon(1e-12));
  // The cascade doubles the emulation weight: -2.18 + 0.9*0.3 = -1.91.
  CHECK(rules::adoption_logit(p, 1, signals, 0.5, 0.6, 0.3, true) == Approx(-1.91).epsilon(1e-12));
  // h = 1 / (1 + exp(2.18)) = 0.1015609...
  CHECK(rules::adoption_hazard(p, 1, signals, 0.5, 0.6, 0.3, false) ==
        Approx(0.10156092789763664).epsilon(1e-12));
}

TEST_CASE("rule 6: the four reforms' logits at once are each reform's, bit for bit",
          "[model][rules][adoption]") {
  Params p;
  p.beta0 = {-4.0, -3.0, -2.5, -5.0};
  p.beta_capacity = {0.6, 0.2, 0.9, 0.4};
  p.beta_ngo = {0.8, 0.1, 0.3, 0.7};
  p.beta_learning = 1.1, p.beta_emulation = 0.9, p.beta_competition = 0.7, p.beta_coercion = 1.3;
  p.beta_support = 0.5, p.beta_resistance = 1.7, p.cascade_multiplier = 2.0;
  rules::ReformSignals lanes;
  lanes.learning = {0.2, 0.31, 0.017, 0.9};
  lanes.emulation = {0.3, 0.0, 0.45, 0.11};
  lanes.competition = {0.1, 0.7, 0.0, 0.33};
  lanes.coercion = {0.4, 0.04, 0.21, 0.0};
  lanes.ngo_push = {0.5, 0.5, 0.5, 0.5};
  lanes.direct_effect = {0.25, 0.0, 0.0, 0.125};
  const std::array<bool, 4> cascade = {false, true, false, true};
  const PerReform logits = rules::adoption_logits(p, lanes, 0.5, 0.6, 0.3, cascade);
  for (std::size_t k = 0; k < 4; ++k) {
    const rules::Signals one{lanes.learning[k], lanes.emulation[k], lanes.competition[k],
                             lanes.coercion[k], lanes.ngo_push[k],  lanes.direct_effect[k]};
    CHECK(logits[k] == rules::adoption_logit(p, k, one, 0.5, 0.6, 0.3, cascade[k]));
  }
  // Reform 1 by hand: -3 + 1.1*0.31 + 2*0.9*0 + 0.7*0.7 + 1.3*0.04 + 0.2*0.5 + 0.1*0.5 + 0.5*0.6
  // + 0 - 1.7*0.3 = -3 + 0.341 + 0.49 + 0.052 + 0.1 + 0.05 + 0.3 - 0.51 = -2.177.
  CHECK(logits[1] == Approx(-2.177).epsilon(1e-12));
}

TEST_CASE("rule 5: observed success and coercion as computed by hand", "[model][rules][signals]") {
  Params p;
  p.case_rate = 0.04;
  // pi = min(1, m / (case_rate size)): 0.5 / (0.04*50) = 0.25; 3 / 2 is capped at 1; a region of
  // size 0 has no scale and observes nothing.
  CHECK(rules::observed_success(p, 0.5, 50.0) == Approx(0.25).epsilon(1e-12));
  CHECK(rules::observed_success(p, 3.0, 50.0) == 1.0);
  CHECK(rules::observed_success(p, 3.0, 0.0) == 0.0);
  p.w_law = 1.1, p.w_dir = 0.7, p.w_tip = 0.5, p.w_tour = 0.9;
  // (w_law L + w_dir D + w_tip TIP + w_tour tour [law only]) (1 - P)
  // law: (1.1*1 + 0.7*0.5 + 0.5*0.6 + 0.9*0.4) * (1 - 0.25) = (1.1 + 0.35 + 0.3 + 0.36) * 0.75
  //      = 2.11 * 0.75 = 1.5825; victim, without the tour: 1.75 * 0.75 = 1.3125
  CHECK(rules::coercion(p, 0, 1.0, 0.5, 0.6, 0.4, 0.25) == Approx(1.5825).epsilon(1e-12));
  CHECK(rules::coercion(p, 1, 1.0, 0.5, 0.6, 0.4, 0.25) == Approx(1.3125).epsilon(1e-12));
}

TEST_CASE("rule 8: executive support and its fixed point as computed by hand",
          "[model][rules][executive]") {
  Params p;
  p.e1 = 0.1, p.e2 = 0.2, p.e3 = 0.3;
  // s + e1 (x - s) + e2 (D - s) - e3 rho s = 0.5 + 0.1*0.3 - 0.2*0.1 - 0.3*0.5*0.5 = 0.435
  CHECK(rules::support_next(p, 0.5, 0.8, 0.4, 0.5) == Approx(0.435).epsilon(1e-12));
  // (e1 x + e2 D) / (e1 + e2 + e3 rho) = (0.08 + 0.08) / 0.45 = 16/45, where support stays.
  const double fixed_point = rules::support_equilibrium(p, 0.8, 0.4, 0.5);
  CHECK(fixed_point == Approx(16.0 / 45.0).epsilon(1e-12));
  CHECK(rules::support_next(p, fixed_point, 0.8, 0.4, 0.5) == Approx(fixed_point).epsilon(1e-12));
  // With every rate 0 the executive follows its exposure.
  p.e1 = 0.0, p.e2 = 0.0, p.e3 = 0.0;
  CHECK(rules::support_equilibrium(p, 0.8, 0.4, 0.5) == 0.8);
}

TEST_CASE("rule 9: NGO resources as computed by hand, never below 0", "[model][rules][ngos]") {
  Params p;
  p.ngo_decay = 0.1, p.ngo_cost = 0.05;
  // (1 - d) R + B_f + B_d - cost = 0.9*0.5 + 0.2 + 0.1 - 0.05 = 0.7
  CHECK(rules::ngo_resources_next(p, 0.5, 0.2, 0.1) == Approx(0.7).epsilon(1e-12));
  // 0 + 0 + 0.01 - 0.05 < 0: resources stop at 0.
  CHECK(rules::ngo_resources_next(p, 0.0, 0.0, 0.01) == 0.0);
}
