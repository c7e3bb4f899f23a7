// The reference tick: MODEL.md §5 written out plainly (see reference_tick.hpp for what it is for).
//
// Random draws, as the engine makes them (the mapping is the engine's; everything else here is
// read from the specification). All use core::RandomStream(seed, stream 0); a "sequence" is the
// stream's draws at fixed (tick, agent, purpose), numbered from 0:
//   eta[r]            tick 0, agent r, eta_init: the first normal(eta_mean, eta_sd)
//   theta[r]          tick 0, agent r, theta_init: normals until one is in [0,1] (threshold modes)
//   risk_aversion[r]  tick 0, agent r, risk_aversion: the first uniform
//   Theta[e]          tick 0, agent e (law, special unit, federal unit, Z1, Z2), event_clock:
//                     the first gamma(k_ev, 1/k_ev)
//   adoption          tick t, agent r, adoption: the Philox block at counter (t, r, adoption, 0),
//                     its word k as (word + 0.5) / 2^32 for reform k (hazard mode); computed
//                     here from Random123 and the stream's key, not by the engine's helper
//   cases             tick t, agent r, cases: the first poisson
//   convictions       tick t, agent r, convictions: the first binomial (only when cases > 0)

#include "reference_tick.hpp"

#include <Random123/philox.h>

#include <algorithm>
#include <boost/math/distributions/gamma.hpp>
#include <cmath>
#include <stdexcept>

#include "sim/model/purpose.hpp"

namespace policysim::oracle {
namespace {

using model::AdoptionMode;
using model::Instrument;
using model::kReformCount;
using model::Reform;

constexpr std::size_t kLaw = 0;   // reform law, as MODEL.md lists the reforms
constexpr double kAdopted = 0.5;  // §2: a reform counts as adopted at a >= 0.5
// The federal events with their own clock threshold, in the order of RunDraws::event_threshold.
enum Event : std::size_t { kLawEvent, kSpecialUnit, kFederalUnit, kNgoLaw, kForeignAgentsLaw };

double clip01(double x) { return std::min(1.0, std::max(0.0, x)); }
double sigma(double x) { return 1.0 / (1.0 + std::exp(-x)); }
bool adopted(double a) { return a >= kAdopted; }
// -ln(1 - p): the cumulative hazard a quarter of probability p adds to an event clock.
double cumulative_hazard(double p) { return -std::log1p(-p); }
std::size_t at(Instrument m) { return model::index(m); }

// §6: prosecution scales the direct effect on law by frame_strong and on victim by frame_weak,
// protection the reverse; balanced and the other reforms by 1.
double frame_factor(const model::Params& p, model::Frame frame, std::size_t k) {
  if (frame == model::Frame::prosecution) {
    return k == kLaw ? p.frame_strong : k == model::index(Reform::victim) ? p.frame_weak : 1.0;
  }
  if (frame == model::Frame::protection) {
    return k == kLaw ? p.frame_weak : k == model::index(Reform::victim) ? p.frame_strong : 1.0;
  }
  return 1.0;
}

// What the active interventions bring to one region in a tick (rules 1, 2 and 5's E).
struct RegionInputs {
  std::array<double, model::kInstrumentCount> instrument{};  // I[r,m], capped at 1
  double foreign_grant = 0.0, domestic_grant = 0.0;          // capped at 1
  PerReform direct_effect{};                                 // E[r,k]
  double foreign_exposure = 0.0;                             // F[r]
};

}  // namespace

ReferenceModel::ReferenceModel(const model::Config& config, const model::Country& country)
    : config_(config), p_(config.params), n_(country.region_count()) {
  land_neighbours_.assign(n_, {});
  for (const auto& edge : country.land_edges) {
    if (edge.a == edge.b) continue;
    land_neighbours_[edge.a].push_back(edge.b);
    land_neighbours_[edge.b].push_back(edge.a);
  }
  district_ = country.district;
  std::size_t districts = country.district_names.size();
  for (std::uint32_t d : district_) districts = std::max<std::size_t>(districts, d + 1);
  district_members_.assign(districts, {});
  for (std::uint32_t r = 0; r < n_; ++r) district_members_[district_[r]].push_back(r);

  // §4: the references of r are the national centres and r's district centre, r excluded, each
  // once.
  references_.assign(n_, {});
  is_reference_.assign(n_, 0);
  for (std::uint32_t r = 0; r < n_; ++r) {
    std::vector<std::uint32_t> candidates(country.national_centres.begin(),
                                          country.national_centres.end());
    if (district_[r] < country.district_centre.size()) {
      candidates.push_back(country.district_centre[district_[r]]);
    }
    for (std::uint32_t q : candidates) {
      if (q >= n_ || q == r) continue;
      if (std::find(references_[r].begin(), references_[r].end(), q) != references_[r].end()) {
        continue;
      }
      references_[r].push_back(q);
      is_reference_[q] = 1;
    }
  }

  exposure_.resize(n_);
  size_.assign(n_, 1.0);
  for (std::size_t r = 0; r < n_; ++r) {
    const bool high = !country.high_exposure.empty() && country.high_exposure[r] != 0;
    exposure_[r] = high ? p_.exposure_high : p_.exposure_low;
    if (!country.size.empty()) size_[r] = country.size[r];
  }

  // §3: 1 + round(2 x[r]) NGOs per region by default, then the named ones.
  if (config.default_ngos) {
    for (std::uint32_t r = 0; r < n_; ++r) {
      const double count = p_.ngo_count_base + std::round(p_.ngo_count_per_exposure * exposure_[r]);
      for (int i = 0; i < static_cast<int>(count); ++i) {
        ngo_region_.push_back(r);
        model::NamedNgo initial;
        initial.resources = p_.ngo_R0;
        initial.foreign_share = p_.ngo_f0;
        initial.legitimacy = p_.ngo_g0;
        initial.tie = p_.ngo_tie0;
        ngo_initial_.push_back(initial);
      }
    }
  }
  for (const model::NamedNgo& ngo : config.named_ngos) {
    ngo_region_.push_back(ngo.region);
    ngo_initial_.push_back(ngo);
  }

  // §6 targets: explicit regions, a federal district, all regions, the n most exposed
  // (docs/model.md: ties keep region order); "n at random" is drawn per run.
  using Kind = model::TargetedRegions::Kind;
  for (const model::Intervention& iv : config.interventions) {
    std::vector<std::uint32_t> targets;
    switch (iv.targets.kind) {
      case Kind::regions:
        targets = iv.targets.regions;
        break;
      case Kind::district:
        if (iv.targets.district < district_members_.size()) {
          targets = district_members_[iv.targets.district];
        }
        break;
      case Kind::all:
        for (std::uint32_t r = 0; r < n_; ++r) targets.push_back(r);
        break;
      case Kind::most_exposed:
        for (std::uint32_t r = 0; r < n_; ++r) targets.push_back(r);
        std::stable_sort(targets.begin(), targets.end(), [this](std::uint32_t x, std::uint32_t y) {
          return exposure_[x] > exposure_[y];
        });
        targets.resize(std::min<std::size_t>(iv.targets.count, n_));
        break;
      case Kind::random:
        break;
    }
    std::sort(targets.begin(), targets.end());
    targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
    fixed_targets_.push_back(std::move(targets));
  }

  const auto ticks = static_cast<std::size_t>(config.tick_count());
  auto per_tick = [ticks](const model::Series& series) {
    std::vector<double> values(ticks, 0.0);
    for (std::size_t t = 0; t < ticks && t < series.size(); ++t) values[t] = series[t];
    return values;
  };
  tip_ = per_tick(config.tip);
  elections_ = per_tick(config.elections);
  un_ = per_tick(config.un);
}

void ReferenceModel::reset(std::uint64_t seed, const InterventionPattern& pattern) {
  using model::Purpose;
  using model::word;
  rng_ = core::RandomStream(seed, model::kModelStream);
  pattern_ = pattern;
  if (pattern_.targets.size() != config_.interventions.size()) {
    throw std::invalid_argument("the intervention pattern does not match the configuration");
  }
  targets_ = fixed_targets_;
  for (std::size_t i = 0; i < targets_.size(); ++i) {
    if (config_.interventions[i].targets.kind != model::TargetedRegions::Kind::random) continue;
    targets_[i] = pattern_.targets[i];
    std::sort(targets_[i].begin(), targets_[i].end());
  }

  // Per-run draws.
  draws_ = RunDraws{};
  const bool thresholds = config_.adoption_mode != AdoptionMode::hazard;
  for (std::uint32_t r = 0; r < n_; ++r) {
    draws_.eta.push_back(std::clamp(
        rng_.sequence(0, r, word(Purpose::eta_init)).normal(p_.eta_mean, p_.eta_sd), 0.01, 0.99));
    if (thresholds) {
      // θ ~ N(θ_mean, θ_sd), redrawn until in [0,1].
      auto sequence = rng_.sequence(0, r, word(Purpose::theta_init));
      double theta = sequence.normal(p_.theta_mean, p_.theta_sd);
      for (int attempt = 0; attempt < 1000 && (theta < 0.0 || theta > 1.0); ++attempt) {
        theta = sequence.normal(p_.theta_mean, p_.theta_sd);
      }
      draws_.theta.push_back(clip01(theta));
    }
    draws_.risk_aversion.push_back(rng_.uniform(0, r, word(Purpose::risk_aversion)));
  }
  const std::array<double, 5> shapes = {p_.k_ev_law, p_.k_ev_unit, p_.k_ev_unit,
                                        p_.k_ev_restrictive, p_.k_ev_restrictive};
  for (std::uint32_t e = 0; e < shapes.size(); ++e) {
    draws_.event_threshold[e] =
        rng_.sequence(0, e, word(Purpose::event_clock)).gamma(shapes[e], 1.0 / shapes[e]);
  }
  // Rule 9: income_base[i] ~ Gamma with mean income_base and shape k_inc, once per run and NGO,
  // by inversion of the NGO's uniform (docs/model.md), without long double as the engine.
  using Policy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;
  for (std::uint32_t i = 0; i < ngo_region_.size(); ++i) {
    const double u = rng_.uniform(0, i, word(Purpose::ngo_income));
    draws_.ngo_income_base.push_back(
        p_.income_base > 0.0
            ? boost::math::quantile(boost::math::gamma_distribution<double, Policy>(
                                        p_.k_inc, p_.income_base / p_.k_inc),
                                    u)
            : 0.0);
  }

  // Initial state (§3).
  ReferenceState& s = state_;
  s = ReferenceState{};
  s.implementation.assign(n_, PerReform{});
  for (const model::InitialAdopter& adopter : config_.initial_adopters) {
    for (std::size_t k = 0; k < kReformCount; ++k) {
      s.implementation[adopter.region][k] = clip01(adopter.level[k]);
    }
  }
  s.capacity.assign(n_, 0.0);
  s.judicial_capacity.assign(n_, 0.0);
  s.judicial_use.assign(n_, 0.0);
  s.resistance = draws_.eta;
  // s at the equilibrium of rule 8 with ρ = η and D = 0: e1 (x − s) − e2 s − e3 η s = 0.
  s.support.resize(n_);
  for (std::size_t r = 0; r < n_; ++r) {
    const double rate = p_.e1 + p_.e2 + p_.e3 * draws_.eta[r];
    s.support[r] = clip01(rate > 0.0 ? p_.e1 * exposure_[r] / rate : exposure_[r]);
  }
  s.mean_cases.assign(n_, 0.0);
  s.cases.assign(n_, 0);
  s.convictions.assign(n_, 0);
  s.obstructing.assign(n_, 0);
  for (std::uint32_t r = 0; r < n_; ++r) {
    if (is_reference_[r] != 0) s.emulation_memory.push_back({r, PerReform{}});
  }
  s.ever_toured.assign(n_, 0);
  for (const model::NamedNgo& ngo : ngo_initial_) {
    s.resources.push_back(std::max(0.0, ngo.resources));
    s.foreign_share.push_back(clip01(ngo.foreign_share));
    s.legitimacy.push_back(clip01(ngo.legitimacy));
    s.tie.push_back(clip01(ngo.tie));
  }
  s.alive.assign(ngo_region_.size(), 1);
  s.quarters_below_minimum.assign(ngo_region_.size(), 0);
  s.tie_weight.assign(pattern_.ties.size(), 0.0);
  s.stance = p_.P0;
  for (const model::Donor& donor : config_.donors) {
    const bool gone = donor.horizon && *donor.horizon - config_.start < 0;
    s.budget.push_back(gone ? 0.0 : 1.0);
    s.foreignness.push_back(clip01(donor.foreignness));
    s.cut_for_resistance.push_back(0);
    s.exited.push_back(gone ? 1 : 0);
  }
  bool unit_forced = false;
  apply_forced_events(s, 0, true, 0.0, unit_forced);
}

double ReferenceModel::geo_mean(std::size_t r, const std::vector<double>& values) const {
  // Row-normalised W_geo; an empty row falls back to the region's own value.
  const auto& neighbours = land_neighbours_[r];
  if (neighbours.empty()) return values[r];
  double sum = 0.0;
  for (std::uint32_t q : neighbours) sum += values[q];
  return sum / static_cast<double>(neighbours.size());
}

double ReferenceModel::peer_row(std::size_t r, const ReferenceState& /*now*/,
                                std::vector<double>& row) const {
  // §4: W = w_geo W_geo + w_fd W_fd + w_ngo W_ngo, row-normalised; W_ngo row-normalised with
  // max(1, row sum). docs/model.md: a layer counts only when its weight is positive and r has
  // peers in it, so the row's total is w_geo [land neighbours] + w_fd [district of more than one]
  // + w_ngo min(1, tie row sum).
  std::fill(row.begin(), row.end(), 0.0);
  double total = 0.0;
  const auto& neighbours = land_neighbours_[r];
  if (p_.w_geo > 0.0 && !neighbours.empty()) {
    for (std::uint32_t q : neighbours) row[q] += p_.w_geo / static_cast<double>(neighbours.size());
    total += p_.w_geo;
  }
  const auto& members = district_members_[district_[r]];
  if (p_.w_fd > 0.0 && members.size() > 1) {
    for (std::uint32_t q : members) {
      if (q != r) row[q] += p_.w_fd / static_cast<double>(members.size() - 1);
    }
    total += p_.w_fd;
  }
  if (p_.w_ngo > 0.0) {
    double tie_sum = 0.0;
    for (std::size_t q = 0; q < n_; ++q) tie_sum += tie_matrix_[r][q];
    if (tie_sum > 0.0) {
      const double divisor = std::max(1.0, tie_sum);
      for (std::size_t q = 0; q < n_; ++q) row[q] += p_.w_ngo * tie_matrix_[r][q] / divisor;
      total += p_.w_ngo * std::min(1.0, tie_sum);
    }
  }
  if (total > 0.0) {
    for (double& weight : row) weight /= total;
  }
  return total;
}

void ReferenceModel::pass_law(ReferenceState& next, double authorship) const {
  // Rule 10: Law[law] = 1, λ = λ0 (1 − λ_fall A), Law[victim] = Law[multi] = λ, Law[unit] = 0.
  next.law_content = clip01(p_.lambda0 * (1.0 - p_.lambda_fall * authorship));
  next.law_in_force = {1.0, next.law_content, next.law_content, 0.0};
  next.clock_law = 0.0;
}

void ReferenceModel::enact_restrictive_law(ReferenceState& next, bool foreign_agents) const {
  (foreign_agents ? next.foreign_agents_law : next.ngo_law) = true;
  next.clock_restrictive = 0.0;
  // Each law cuts every foreign donor's b by the donor cut and raises its φ (capped at 1).
  for (std::size_t j = 0; j < config_.donors.size(); ++j) {
    if (!config_.donors[j].foreign) continue;
    next.budget[j] *= p_.donor_cut;
    next.foreignness[j] = std::min(1.0, next.foreignness[j] + p_.phi_raise);
  }
}

void ReferenceModel::apply_forced_events(ReferenceState& next, int t, bool before_start,
                                         double authorship, bool& unit_forced) const {
  // §6: a forced event takes effect in the national phase of its quarter (docs/model.md: one
  // dated before the start is in force from the initial state).
  using Kind = model::ForcedEvent::Kind;
  auto due = [&](Kind kind) {
    bool any = false;
    int first = 0;
    for (const model::ForcedEvent& event : config_.forced_events) {
      if (event.kind != kind) continue;
      const int when = event.when - config_.start;
      first = any ? std::min(first, when) : when;
      any = true;
    }
    return any && (before_start ? first < 0 : first == t);
  };
  if (due(Kind::law) && next.law_in_force[kLaw] < 1.0) pass_law(next, authorship);
  if (due(Kind::unit_special) && next.unit_level < 1) {
    next.unit_level = 1;
    next.clock_unit = 0.0;
    unit_forced = true;
  }
  if (due(Kind::unit_federal) && next.unit_level < 2) {
    next.unit_level = 2;
    next.clock_unit = 0.0;
    unit_forced = true;
  }
  if (due(Kind::ngo_law) && !next.ngo_law) enact_restrictive_law(next, false);
  if (due(Kind::foreign_agents_law) && !next.foreign_agents_law) enact_restrictive_law(next, true);
  for (std::size_t k = 0; k < kReformCount; ++k) next.directive[k] = p_.d_U[k] * next.unit_level;
}

void ReferenceModel::step(int t) {
  using model::Purpose;
  using model::word;
  const model::Mechanisms& on = config_.mechanisms;
  const ReferenceState& now = state_;
  ReferenceState next = now;
  const auto tick = static_cast<std::uint32_t>(t);
  const auto ticks = static_cast<std::size_t>(t);
  const double tip = tip_[ticks], election = elections_[ticks], un = un_[ticks];
  const auto& interventions = config_.interventions;

  // Rule 1: schedule. I_n = ι_n b[j](t) while the window holds and b > 0.
  std::vector<double> intensity(interventions.size(), 0.0);
  std::vector<std::uint8_t> active(interventions.size(), 0);
  std::vector<RegionInputs> inputs(n_);
  bool task_force = false;
  double push = 0.0, authorship_sum = 0.0, foreign_total = 0.0;
  int authorship_count = 0;
  for (std::size_t i = 0; i < interventions.size(); ++i) {
    const model::Intervention& iv = interventions[i];
    const model::Donor& donor = config_.donors[iv.donor];
    const double b = now.budget[iv.donor];
    // Active when the window holds and b > 0, whatever its intensity.
    active[i] = iv.start - config_.start <= t && t <= iv.end - config_.start && b > 0.0;
    if (!active[i]) continue;
    intensity[i] = iv.intensity * b;
    const std::size_t m = model::index(iv.instrument);
    // Rule 2: F[r] = Σ v[m] φ[j] (1 − o[j]) I[n,r], φ the donor's current foreignness.
    const double visibility = iv.visibility ? *iv.visibility : p_.visibility[m];
    const double pressure = visibility * now.foreignness[iv.donor] * (1.0 - donor.local_ownership);
    for (std::uint32_t r : targets_[i]) {
      RegionInputs& in = inputs[r];
      in.instrument[m] += intensity[i];
      if (iv.instrument == Instrument::ngo_grant) {
        (donor.foreign ? in.foreign_grant : in.domestic_grant) += intensity[i];
      }
      for (std::size_t k = 0; k < kReformCount; ++k) {
        in.direct_effect[k] += p_.effect[m][k] * frame_factor(p_, donor.frame, k) * intensity[i];
      }
      in.foreign_exposure += pressure * intensity[i];
      if (iv.instrument == Instrument::task_force_tour) next.ever_toured[r] = 1;
    }
    // docs/model.md: the intensity spent is the uncapped sum over the targets.
    if (donor.foreign) foreign_total += intensity[i] * static_cast<double>(targets_[i].size());
    if (iv.instrument == Instrument::task_force_tour ||
        iv.instrument == Instrument::legislation_push) {
      task_force = true;
      authorship_sum += now.foreignness[iv.donor] * (1.0 - donor.local_ownership);
      ++authorship_count;
    }
    if (iv.instrument == Instrument::legislation_push) push = std::max(push, intensity[i]);
  }
  const double authorship = authorship_count > 0 ? authorship_sum / authorship_count : 0.0;
  for (RegionInputs& in : inputs) {
    for (double& value : in.instrument) value = std::min(1.0, value);
    in.foreign_grant = std::min(1.0, in.foreign_grant);
    in.domestic_grant = std::min(1.0, in.domestic_grant);
  }

  // The inter-regional tie weights of t as a dense matrix.
  tie_matrix_.assign(n_, std::vector<double>(n_, 0.0));
  for (std::size_t e = 0; e < pattern_.ties.size(); ++e) {
    const auto& pair = pattern_.ties[e];
    tie_matrix_[pair.low][pair.high] += now.tie_weight[e];
    tie_matrix_[pair.high][pair.low] += now.tie_weight[e];
  }

  // Quantities of tick t every region reads.
  std::vector<double> success(n_);  // π[s] = min(1, m_cases[s] / (case_rate size[s]))
  for (std::size_t r = 0; r < n_; ++r) {
    const double scale = p_.case_rate * size_[r];
    success[r] = scale > 0.0 ? std::min(1.0, now.mean_cases[r] / scale) : 0.0;
  }
  std::vector<PerReform> memory(n_, PerReform{});  // e[s,k] of t
  for (const auto& [region, values] : now.emulation_memory) memory[region] = values;
  double mean_directive = 0.0;
  for (double d : now.directive) mean_directive += d;
  mean_directive /= static_cast<double>(kReformCount);
  const double sanction = 1.0 - std::exp(-p_.k_s * now.directive[kLaw]);
  const double case_keep = std::pow(2.0, -1.0 / p_.case_half_life_ticks);
  const double memory_keep = std::pow(2.0, -1.0 / p_.emulation_half_life_ticks);

  // Rules 3-8, region by region, reading `now` and writing `next`.
  std::vector<double> row(n_);
  std::vector<std::uint32_t> alive_ngos(n_, 0);
  for (std::uint32_t r = 0; r < n_; ++r) {
    const RegionInputs& in = inputs[r];
    const double rho = now.resistance[r];
    const PerReform& a = now.implementation[r];

    // The region's alive NGOs at t: legitimacy ℓ (obstruction) and push G (rule 5).
    double legitimacy_sum = 0.0, no_push = 1.0;
    for (std::size_t i = 0; i < ngo_region_.size(); ++i) {
      if (ngo_region_[i] != r || now.alive[i] == 0) continue;
      ++alive_ngos[r];
      legitimacy_sum += now.legitimacy[i];
      const double effectiveness =
          p_.R_star > 0.0 ? std::min(1.0, now.resources[i] / p_.R_star) : 1.0;
      no_push *= 1.0 - now.legitimacy[i] * effectiveness * now.tie[i];
    }
    const double mean_legitimacy =
        alive_ngos[r] > 0 ? legitimacy_sum / static_cast<double>(alive_ngos[r]) : 0.0;
    const double ngo_push = clip01(1.0 - no_push);

    // Rule 3: obstruction (Epstein), then resistance.
    const bool obstructing =
        on.obstruction &&
        rho * (1.0 - mean_legitimacy) - draws_.risk_aversion[r] * sanction > p_.T_obs;
    next.obstructing[r] = obstructing ? 1 : 0;
    if (on.resistance) {
      next.resistance[r] = clip01(
          rho + p_.alpha_F * in.foreign_exposure * (1.0 - rho) + p_.alpha_P * (now.stance - rho) +
          p_.alpha_N * (geo_mean(r, now.resistance) - rho) - p_.kappa * (rho - draws_.eta[r]));
    } else {
      next.resistance[r] = draws_.eta[r];  // §7: switching resistance off freezes ρ at η
    }

    // Rule 4: capacity. An obstructing directorate absorbs no police training or exchange.
    const double police_input = obstructing ? 0.0
                                            : in.instrument[at(Instrument::training)] +
                                                  in.instrument[at(Instrument::exchange)];
    const double c = now.capacity[r], cJ = now.judicial_capacity[r];
    next.capacity[r] =
        clip01(c + p_.tau * police_input * (1.0 - c) * (1.0 - p_.omega * rho) - p_.zeta * c);
    const double judicial_input =
        in.instrument[at(Instrument::training)] + in.instrument[at(Instrument::judicial_training)];
    next.judicial_capacity[r] =
        clip01(cJ + p_.tau * judicial_input * (1.0 - cJ) * (1.0 - p_.omega * rho) - p_.zeta * cJ);

    // Rules 5 and 6, per reform.
    const double total_weight = peer_row(r, now, row);
    auto peer_mean = [&](auto value) {  // Σ_s W[r,s] value(s); own value without peers
      if (!(total_weight > 0.0)) return value(r);
      double sum = 0.0;
      for (std::uint32_t q = 0; q < n_; ++q) sum += row[q] * value(q);
      return sum;
    };
    const double exchange = in.instrument[at(Instrument::exchange)];
    const double tour = in.instrument[at(Instrument::task_force_tour)];
    const double s = now.support[r];
    static_assert(kReformCount == 4, "one Philox block holds the four reforms' draws");
    const auto key = rng_.key();
    const auto adoption_words =
        r123::Philox4x32{}(r123::Philox4x32::ctr_type{{tick, r, word(Purpose::adoption), 0}},
                           r123::Philox4x32::key_type{{key[0], key[1]}});
    for (std::size_t k = 0; k < kReformCount; ++k) {
      double coercion = 0.0;
      if (on.coercion) {
        coercion = (p_.w_law * now.law_in_force[k] + p_.w_dir * now.directive[k] + p_.w_tip * tip +
                    (k == kLaw ? p_.w_tour * tour : 0.0)) *
                   (1.0 - now.stance);
      }
      bool step = false;
      if (config_.adoption_mode == AdoptionMode::hazard) {
        double learning = 0.0, emulation = 0.0, competition = 0.0;
        if (on.learning) {
          const double peers =
              peer_mean([&](std::uint32_t q) { return now.implementation[q][k] * success[q]; });
          learning = (peers + exchange) / (1.0 + exchange);
        }
        if (on.emulation && !references_[r].empty()) {
          for (std::uint32_t q : references_[r]) emulation += memory[q][k];
          emulation /= static_cast<double>(references_[r].size());
        }
        if (on.competition && !land_neighbours_[r].empty()) {
          double sum = 0.0;
          for (std::uint32_t q : land_neighbours_[r]) sum += now.implementation[q][k];
          competition = exposure_[r] * sum / static_cast<double>(land_neighbours_[r].size());
        }
        const double beta_emulation =
            p_.beta_emulation * (now.cascade[k] ? p_.cascade_multiplier : 1.0);
        const double h =
            sigma(p_.beta0[k] + p_.beta_learning * learning + beta_emulation * emulation +
                  p_.beta_competition * competition + p_.beta_coercion * coercion +
                  p_.beta_capacity[k] * c + p_.beta_ngo[k] * (on.ngo_push ? ngo_push : 0.0) +
                  p_.beta_support * s + (on.direct_effects ? in.direct_effect[k] : 0.0) -
                  p_.beta_resistance * rho);
        step = (static_cast<double>(adoption_words[k]) + 0.5) / 4294967296.0 < h;
      } else {
        const double share = peer_mean(
            [&](std::uint32_t q) { return adopted(now.implementation[q][k]) ? 1.0 : 0.0; });
        step = share >= draws_.theta[r] - p_.theta_relief * (coercion + c);
        if (step && config_.adoption_mode == AdoptionMode::complex_contagion) {
          // docs/model.md: two distinct adopting peers among land neighbours, district members
          // and tie partners with a positive weight, each layer only when its weight is positive.
          int adopting = 0;
          for (std::uint32_t q = 0; q < n_; ++q) {
            if (q == r || !adopted(now.implementation[q][k])) continue;
            const bool land =
                p_.w_geo > 0.0 && std::find(land_neighbours_[r].begin(), land_neighbours_[r].end(),
                                            q) != land_neighbours_[r].end();
            const bool same_district = p_.w_fd > 0.0 && district_[q] == district_[r];
            const bool tied = p_.w_ngo > 0.0 && tie_matrix_[r][q] > 0.0;
            if (land || same_district || tied) ++adopting;
          }
          step = adopting >= 2;
        }
      }
      double a_next = step ? clip01(a[k] + p_.gamma * (1.0 - a[k])) : a[k];
      a_next = clip01(a_next - p_.decay[k] * a_next *
                                   (1.0 - p_.codification[k] * now.law_in_force[k]) * (1.0 - s));
      next.implementation[r][k] = a_next;
    }

    // Rule 7: courts.
    const double aJ = now.judicial_use[r];
    const double uptake = sigma(p_.betaJ0 + p_.betaJ1 * a[kLaw] + p_.betaJ2 * cJ +
                                p_.betaJ3 * now.law_in_force[kLaw] - p_.betaJR * rho);
    next.judicial_use[r] = clip01(aJ + p_.gamma_J * uptake * (1.0 - aJ) - p_.delta_J * aJ);
    std::uint32_t cases = 0, convictions = 0;
    if (now.law_in_force[kLaw] > 0.0 && !obstructing) {
      cases =
          rng_.sequence(tick, r, word(Purpose::cases)).poisson(p_.case_rate * size_[r] * a[kLaw]);
      if (cases > 0) {
        convictions = rng_.sequence(tick, r, word(Purpose::convictions))
                          .binomial(cases, clip01(aJ * p_.p_conv));
      }
    }
    next.cases[r] = cases;
    next.convictions[r] = convictions;
    // Rule 5: m_cases, an exponential mean of quarterly cases with half-life h.
    next.mean_cases[r] = case_keep * now.mean_cases[r] + (1.0 - case_keep) * cases;

    // Rule 8: executive support.
    next.support[r] =
        clip01(s + p_.e1 * (exposure_[r] - s) + p_.e2 * (mean_directive - s) - p_.e3 * rho * s);
  }
  // Rule 5: e[s,k] ← 2^(−1/h_M) e[s,k] + 1{a crossed 0.5 upward this tick}, capped at 1.
  for (auto& [region, values] : next.emulation_memory) {
    for (std::size_t k = 0; k < kReformCount; ++k) {
      const bool crossed =
          !adopted(now.implementation[region][k]) && adopted(next.implementation[region][k]);
      values[k] = std::min(1.0, memory_keep * memory[region][k] + (crossed ? 1.0 : 0.0));
    }
  }

  // Rule 9: NGOs alive at t.
  for (std::size_t i = 0; i < ngo_region_.size(); ++i) {
    if (now.alive[i] == 0) continue;
    const std::uint32_t r = ngo_region_[i];
    const RegionInputs& in = inputs[r];
    const double share = 1.0 / static_cast<double>(alive_ngos[r]);  // split among alive NGOs
    const double foreign_income = in.foreign_grant * p_.grant_size *
                                  (1.0 - p_.z1 * (now.ngo_law ? 1.0 : 0.0)) *
                                  (1.0 - p_.z2 * (now.foreign_agents_law ? 1.0 : 0.0)) * share;
    const double domestic_income =
        in.domestic_grant * p_.grant_size * share + draws_.ngo_income_base[i];
    const double R = now.resources[i], f = now.foreign_share[i], g = now.legitimacy[i];
    next.resources[i] =
        std::max(0.0, (1.0 - p_.ngo_decay) * R + foreign_income + domestic_income - p_.ngo_cost);
    const double income = foreign_income + domestic_income;
    next.foreign_share[i] =
        clip01((1.0 - p_.foreign_share_weight) * f +
               p_.foreign_share_weight * (income > 0.0 ? foreign_income / income : 0.0));
    const double effectiveness = p_.R_star > 0.0 ? std::min(1.0, R / p_.R_star) : 1.0;
    next.legitimacy[i] = clip01(g + p_.nu1 * (effectiveness - g) - p_.nu2 * f * now.stance * g);
    next.quarters_below_minimum[i] =
        next.resources[i] < p_.R_min ? now.quarters_below_minimum[i] + 1 : 0;
    if (static_cast<double>(next.quarters_below_minimum[i]) >= p_.ngo_close_ticks)
      next.alive[i] = 0;
    // Rule 11 (the NGO's tie to its police, rule 9's formula).
    next.tie[i] = clip01(now.tie[i] + p_.ngo_tie_gain * in.instrument[at(Instrument::conference)] +
                         p_.ngo_tie_gain * in.instrument[at(Instrument::national_assembly)] -
                         p_.ngo_tie_decay * now.tie[i]);
  }

  // Rule 10: the national phase, on the regional state of t+1 and the national state of t.
  const double regions = static_cast<double>(n_);
  double exposure_sum = 0.0, resistance_sum = 0.0;
  PerReform implementation_sum{}, adopters{};
  for (std::size_t r = 0; r < n_; ++r) {
    exposure_sum += inputs[r].foreign_exposure;
    resistance_sum += next.resistance[r];
    for (std::size_t k = 0; k < kReformCount; ++k) {
      implementation_sum[k] += next.implementation[r][k];
      adopters[k] += adopted(next.implementation[r][k]) ? 1.0 : 0.0;
    }
  }
  const double P = now.stance;
  next.stance =
      clip01(P + p_.mu_F * (exposure_sum / regions) * (1.0 - P) + p_.mu_T * tip * (1.0 - P) +
             p_.mu_E * election + p_.mu_R * (resistance_sum / regions - P) - p_.mu_d * (P - p_.P0));

  bool unit_forced = false;
  apply_forced_events(next, t, false, authorship, unit_forced);
  auto forced = [&](model::ForcedEvent::Kind kind) {
    return std::any_of(config_.forced_events.begin(), config_.forced_events.end(),
                       [kind](const model::ForcedEvent& e) { return e.kind == kind; });
  };
  using Kind = model::ForcedEvent::Kind;

  // Legislation: Λ ← Λ − ln(1 − p), p = σ(ψ0 + ψ_T TIP + ψ_TF TF + ψ_A ā[law] + ψ_UN UN + ψ_LP
  // I_push).
  if (next.law_in_force[kLaw] < 1.0 && !forced(Kind::law) && on.legislation) {
    const double p =
        sigma(p_.psi0 + p_.psi_T * tip + p_.psi_TF * (task_force ? 1.0 : 0.0) +
              p_.psi_A * implementation_sum[kLaw] / regions + p_.psi_UN * un + p_.psi_LP * push);
    next.clock_law += cumulative_hazard(p);
    if (next.clock_law >= draws_.event_threshold[kLawEvent]) pass_law(next, authorship);
  }

  // Federal MIA unit: at most one step a tick, p = σ(υ0[U] + υ1 ā[unit] + υ2 Law[law] + υ3 TIP).
  const std::size_t unit = model::index(Reform::unit);
  if (!unit_forced && next.unit_level < 2 && on.federal_unit) {
    const bool first = next.unit_level == 0;
    if (!forced(first ? Kind::unit_special : Kind::unit_federal)) {
      const double p = sigma((first ? p_.upsilon0[0] : p_.upsilon0[1]) +
                             p_.upsilon1 * implementation_sum[unit] / regions +
                             p_.upsilon2 * now.law_in_force[kLaw] + p_.upsilon3 * tip);
      next.clock_unit += cumulative_hazard(p);
      if (next.clock_unit >= draws_.event_threshold[first ? kSpecialUnit : kFederalUnit]) {
        ++next.unit_level;
        next.clock_unit = 0.0;
      }
    }
  }
  for (std::size_t k = 0; k < kReformCount; ++k) next.directive[k] = p_.d_U[k] * next.unit_level;

  // Restrictive laws: yearly H = 1 − exp(−exp(χ0 + χ1 ln(1 + B_total) + χ2 E + χ3 P)), per
  // quarter p = 1 − (1 − H)^(1/4); Z1 first, then Z2 only in quarters with P > P_Z2.
  if (on.restrictive_laws) {
    const double H = -std::expm1(-std::exp(p_.chi0 + p_.chi1 * std::log1p(foreign_total) +
                                           p_.chi2 * election + p_.chi3 * P));
    const double p = -std::expm1(std::log1p(-H) / 4.0);
    if (!next.ngo_law) {
      if (!forced(Kind::ngo_law)) {
        next.clock_restrictive += cumulative_hazard(p);
        if (next.clock_restrictive >= draws_.event_threshold[kNgoLaw]) {
          enact_restrictive_law(next, false);
        }
      }
    } else if (now.ngo_law && !next.foreign_agents_law && !forced(Kind::foreign_agents_law) &&
               P > p_.P_Z2) {
      next.clock_restrictive += cumulative_hazard(p);
      if (next.clock_restrictive >= draws_.event_threshold[kForeignAgentsLaw]) {
        enact_restrictive_law(next, true);
      }
    }
  }

  // Donors: a foreign donor halves b once when the mean ρ (t+1) over the targets of its active
  // interventions exceeds ρ_exit; b = 0 after its horizon.
  for (std::size_t j = 0; j < config_.donors.size(); ++j) {
    if (next.exited[j] != 0) continue;
    if (config_.donors[j].foreign && next.cut_for_resistance[j] == 0) {
      double sum = 0.0;
      std::size_t count = 0;
      for (std::size_t i = 0; i < interventions.size(); ++i) {
        if (interventions[i].donor != j || active[i] == 0) continue;
        for (std::uint32_t r : targets_[i]) {
          sum += next.resistance[r];
          ++count;
        }
      }
      if (count > 0 && sum / static_cast<double>(count) > p_.rho_exit) {
        next.budget[j] *= p_.exit_cut;
        next.cut_for_resistance[j] = 1;
      }
    }
    const auto& horizon = config_.donors[j].horizon;
    if (horizon && t + 1 > *horizon - config_.start) {
      next.budget[j] = 0.0;
      next.exited[j] = 1;
    }
  }

  // Norm cascade (docs/model.md): latched once a third of regions have adopted, on t+1.
  for (std::size_t k = 0; k < kReformCount; ++k) {
    next.cascade[k] = next.cascade[k] || adopters[k] >= p_.cascade_share * regions;
  }

  // Rule 11: inter-regional ties gain tie_gain I_n while an owning intervention is active and
  // decay by tie_decay w, within [0,1].
  for (std::size_t e = 0; e < pattern_.ties.size(); ++e) {
    double gain = 0.0;
    for (std::uint32_t i : pattern_.ties[e].owners) gain += p_.tie_gain * intensity[i];
    next.tie_weight[e] = clip01(now.tie_weight[e] + gain - p_.tie_decay * now.tie_weight[e]);
  }

  state_ = std::move(next);
}

}  // namespace policysim::oracle
