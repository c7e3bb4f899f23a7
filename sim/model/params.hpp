#pragma once
// Every magnitude of the model (MODEL.md §7), with its prior as the default. The scenario layer
// fills these by name through parameter_table.hpp; the model never sees YAML.

#include <array>
#include <cmath>

#include "sim/model/instrument.hpp"
#include "sim/model/reform.hpp"

namespace policysim::model {

/// How a region decides to take an adoption step (MODEL.md §5 rule 6).
enum class AdoptionMode { hazard, threshold, complex_contagion };

/// Switches for ablation: each mechanism of MODEL.md §7 can be turned off.
struct Mechanisms {
  bool learning = true;
  bool emulation = true;
  bool competition = true;
  bool coercion = true;
  bool ngo_push = true;
  bool direct_effects = true;
  bool resistance = true;    ///< off: rho stays at eta
  bool obstruction = false;  ///< Epstein's obstruction, off by default
  bool restrictive_laws = true;
  bool legislation = true;
  bool federal_unit = true;
};

/// Numeric parameters. Names follow MODEL.md; units are per quarter unless said.
struct Params {
  // Adoption (rule 6).
  double gamma = 0.10;                         ///< max adoption step
  PerReform beta0 = {-4.0, -5.0, -4.5, -5.0};  ///< intercepts
  double beta_learning = 1.5;
  double beta_emulation = 1.0;
  double emulation_half_life_ticks = 4.0;
  double cascade_share = 1.0 / 3.0;  ///< adopted share that doubles beta_emulation
  double cascade_multiplier = 2.0;   ///< the doubling
  double beta_competition = 0.5;
  double beta_coercion = 2.0;
  double w_law = 1.0, w_dir = 1.0, w_tip = 0.5, w_tour = 1.0;
  PerReform beta_capacity = {2.0, 2.0, 1.0, 1.0};
  PerReform beta_ngo = {0.5, 1.5, 1.5, 0.3};
  double beta_support = 1.0;
  double beta_resistance = 3.0;
  PerReform decay = {0.01, 0.05, 0.05, 0.02};     ///< delta[k]
  PerReform codification = {0.8, 0.5, 0.5, 0.5};  ///< q[k]
  // Threshold mode.
  double theta_mean = 0.25, theta_sd = 0.12, theta_relief = 0.2;

  // Capacity (rule 4).
  double tau = 0.3, omega = 0.5, zeta = 0.03;

  // Resistance (rule 3) and obstruction.
  double alpha_F = 0.15, alpha_P = 0.05, alpha_N = 0.02, kappa = 0.04;
  double eta_mean = 0.3, eta_sd = 0.1;
  double T_obs = 0.1, k_s = 2.3;

  // Exposure x[r] (table in §7).
  double exposure_high = 1.0, exposure_low = 0.4;

  // Networks (§4).
  double w_geo = 0.5, w_fd = 0.2, w_ngo = 0.3;
  double tie_gain = 0.1, tie_decay = 0.02;
  double ngo_links_per_target = 4.0;

  // Courts (rule 7).
  double gamma_J = 0.1, betaJ0 = -4.0, betaJ1 = 2.0, betaJ2 = 2.0, betaJ3 = 1.5, betaJR = 3.0;
  double delta_J = 0.01;
  double case_rate = 4.0, p_conv = 0.3;
  double case_half_life_ticks = 4.0;

  // Executive (rule 8).
  double e1 = 0.05, e2 = 0.05, e3 = 0.1;

  // NGOs (rule 9) and their initial state.
  double ngo_decay = 0.05, ngo_cost = 0.02, grant_size = 0.2;
  double income_base = 0.015;  ///< mean of the NGOs' own base incomes per quarter
  double k_inc = 2.0;          ///< shape of the Gamma distribution of those incomes
  double R_star = 0.5, R_min = 0.05, nu1 = 0.1, nu2 = 0.2;
  double ngo_close_ticks = 4.0;
  double ngo_R0 = 0.3, ngo_f0 = 0.5, ngo_g0 = 0.5, ngo_tie0 = 0.1;
  double ngo_tie_gain = 0.1;           ///< tie gain per unit of conference or national assembly
  double ngo_tie_decay = 0.02;         ///< proportional tie decay per quarter
  double foreign_share_weight = 0.25;  ///< weight of this quarter in the foreign share f
  double ngo_count_base = 1.0, ngo_count_per_exposure = 2.0;  ///< 1 + round(2 x[r]) NGOs

  // National phase (rule 10).
  double mu_F = 0.05, mu_T = 0.03, mu_E = 0.05, mu_R = 0.05, mu_d = 0.05, P0 = 0.3;
  double chi0 = -5.4, chi1 = std::log(1.067), chi2 = std::log(1.11), chi3 = 5.0, P_Z2 = 0.6;
  double donor_cut = 0.68, phi_raise = 0.1;
  double z1 = 0.3, z2 = 0.6;
  double rho_exit = 0.7, exit_cut = 0.5;
  double psi0 = -7.5, psi_T = 1.5, psi_TF = 1.0, psi_A = 2.0, psi_UN = 1.0, psi_LP = 1.0;
  double lambda0 = 0.8, lambda_fall = 0.75;
  std::array<double, 2> upsilon0 = {-3.5, -5.75};  ///< first step, second step of U
  double upsilon1 = 3.0, upsilon2 = 1.5, upsilon3 = 2.0;
  PerReform d_U = {0.5, 0.25, 0.25, 0.5};
  double k_ev_law = 4.0, k_ev_unit = 4.0, k_ev_restrictive = 4.0;

  // Frames scale the direct instrument effects on law and victim (§6).
  double frame_strong = 1.5, frame_weak = 0.75;

  // Instruments (§6 table): visibility v[m] and direct effects e[m, k].
  PerInstrument visibility = {0.2, 0.2, 0.3, 0.5, 0.5, 0.2, 0.8, 0.9};
  std::array<PerReform, kInstrumentCount> effect = {{
      {0.5, 0.5, 0.0, 0.0},  // training
      {0.0, 0.0, 0.0, 0.0},  // judicial_training
      {0.0, 0.0, 0.0, 0.0},  // ngo_grant
      {0.0, 0.5, 1.0, 0.0},  // conference
      {0.0, 0.5, 1.0, 0.0},  // national_assembly
      {0.0, 0.5, 0.5, 0.5},  // exchange
      {0.0, 0.0, 0.0, 0.0},  // task_force_tour
      {0.0, 0.0, 0.0, 0.0},  // legislation_push
  }};
};

}  // namespace policysim::model
