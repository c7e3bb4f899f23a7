// Single rules checked against hand computation.

#include "sim/model/rules/rules.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>
#include <vector>

#include "fixtures.hpp"
#include "sim/core/random.hpp"
#include "sim/model/phases/phases.hpp"
#include "sim/model/purpose.hpp"
#include "sim/model/run_draws.hpp"
#include "sim/model/simulation.hpp"
#include "sim/model/state.hpp"
#include "world_fixture.hpp"

using namespace policysim::model;
using policysim::core::Quarter;
using policysim::model::testing::ring_country;
using policysim::model::testing::run_phase;
using policysim::model::testing::WorldFixture;

TEST_CASE("rule 3 moves resistance as computed by hand in a two-region country",
          "[model][rules][resistance]") {
  // Region 0 is targeted by a foreign programme with visibility 0.5 (F = 0.5); region 1 is not.
  Country country = ring_country(2);
  Config config;
  config.start = Quarter{2000, 1};
  config.end = Quarter{2000, 4};
  config.donors = {{"foreign", 1.0, 0.0, true, Frame::balanced, std::nullopt}};
  Intervention programme;
  programme.instrument = Instrument::training;
  programme.start = config.start;
  programme.end = config.end;
  programme.targets = {TargetedRegions::Kind::regions, {0}, 0, 0};
  programme.visibility = 0.5;
  config.interventions = {programme};
  config.default_ngos = false;
  WorldFixture fixture(config, country, 1);
  World& w = fixture.world;
  w.draws.eta = {0.3, 0.25};
  w.state.regions.resistance = {0.4, 0.2};
  w.state.nation.stance = 0.3;

  run_phase(w, "schedule", 0);
  run_phase(w, "exposure", 0);
  CHECK(w.scratch.intensity(0).foreign_exposure == Approx(0.5));
  CHECK(w.scratch.intensity(1).foreign_exposure == 0.0);
  run_phase(w, "regions", 0);
  // rho0 = 0.4 + 0.15*0.5*0.6 + 0.05*(0.3-0.4) + 0.02*(0.2-0.4) - 0.04*(0.4-0.3) = 0.432
  // rho1 = 0.2 + 0 + 0.05*(0.3-0.2) + 0.02*(0.4-0.2) - 0.04*(0.2-0.25) = 0.211
  CHECK(w.state.regions.resistance[0] == Approx(0.432).epsilon(1e-12));
  CHECK(w.state.regions.resistance[1] == Approx(0.211).epsilon(1e-12));
}

TEST_CASE("a region without land neighbours feels no neighbour pull in rule 3",
          "[model][rules][resistance]") {
  Params p;
  // geo_mean_rho falls back to rho itself for an empty W_geo row.
  const double with_own = rules::resistance_next(p, 0.5, 0.5, 0.0, 0.5, 0.5);
  CHECK(with_own == Approx(0.5));
}

TEST_CASE("executive support starts at its rule-8 equilibrium", "[model][rules][executive]") {
  const Country country = ring_country(6);
  Config config;
  Simulation simulation(config, country);
  RunOutput output;
  simulation.start(4, {}, output);
  const std::vector<double>& eta = simulation.draws().eta;
  const RegionState& regions = simulation.state().regions;
  const Params& p = config.params;
  for (std::size_t r = 0; r < 6; ++r) {
    const double x = r < 2 ? p.exposure_high : p.exposure_low;
    const double expected = p.e1 * x / (p.e1 + p.e2 + p.e3 * eta[r]);
    CHECK(regions.support[r] == Approx(expected).epsilon(1e-14));
    CHECK(regions.resistance[r] == eta[r]);
    // It is a fixed point of rule 8 with rho = eta and D = 0.
    CHECK(rules::support_next(p, expected, x, 0.0, eta[r]) == Approx(expected).epsilon(1e-12));
  }
}

TEST_CASE("an NGO without grants settles at R = (income_base[i] - cost) / d",
          "[model][rules][ngos]") {
  Params p;  // d = 0.05, cost = 0.02, R_min = 0.05
  const auto settled = [&p](double own_income) {
    double resources = p.ngo_R0;
    for (int t = 0; t < 2000; ++t) {
      resources = rules::ngo_resources_next(p, resources, 0.0, own_income);
    }
    return resources;
  };
  CHECK(settled(0.03) == Approx((0.03 - 0.02) / 0.05).epsilon(1e-9));  // 0.2
  // The line between surviving and closing is cost + d R_min = 0.02 + 0.05 * 0.05 = 0.0225.
  CHECK(settled(0.0226) == Approx(0.052).epsilon(1e-9));
  CHECK(settled(0.0226) > p.R_min);
  CHECK(settled(0.0224) == Approx(0.048).epsilon(1e-9));
  CHECK(settled(0.0224) < p.R_min);
  // An income below cost: R would settle below zero, and is floored there.
  CHECK(settled(0.01) == 0.0);
}

TEST_CASE(
    "without grants, an NGO whose own income is below cost + d R_min closes, one above "
    "does not",
    "[model][rules][ngos]") {
  // 40 regions (82 NGOs) for 100 quarters with no interventions: every NGO lives on its own
  // income_base[i]. Each moves towards its level L = (income_base[i] - cost)/d from R0 = 0.3,
  // its distance shrinking by (1 - d) a quarter: R(t) = L + 0.95^t (R0 - L) while R stays above 0.
  // An NGO with L below 0.04 is under R_min = 0.05 from about quarter 64 on, so closed by 100;
  // one with L above 0.06 never falls under R_min and ends at L + 0.95^100 (R0 - L).
  const Country country = ring_country(40);
  Config config;
  config.start = Quarter{1990, 1};
  config.end = Quarter{2014, 4};
  Simulation simulation(config, country);
  simulation.run(2, {.region_series = false, .parallel = false});
  const Params& p = config.params;
  const NgoState& ngos = simulation.state().ngos;
  const std::vector<double>& own_income = simulation.draws().ngo_income_base;
  REQUIRE(own_income.size() == ngos.ngo_count());
  int closed = 0, surviving = 0;
  for (std::size_t i = 0; i < ngos.ngo_count(); ++i) {
    const double level = (own_income[i] - p.ngo_cost) / p.ngo_decay;
    if (level < 0.04) {
      CHECK(ngos.alive[i] == 0);
      ++closed;
    } else if (level > 0.06) {
      CHECK(ngos.alive[i] == 1);
      CHECK(ngos.resources[i] ==
            Approx(level + std::pow(1.0 - p.ngo_decay, 100) * (p.ngo_R0 - level)).epsilon(1e-9));
      ++surviving;
    }
  }
  // With the priors (mean 0.015, shape 2) about 80 % of NGOs earn less than 0.0225 on their own:
  // both kinds are there, so both branches above were checked.
  CHECK(closed > 0);
  CHECK(surviving > 0);
}

TEST_CASE("each NGO's own income is Gamma with mean income_base and shape k_inc",
          "[model][rules][ngos]") {
  // Draws of 20000 NGOs, each from its own key (seed, NGO, purpose) as RunDraws makes them.
  constexpr std::uint32_t kNgos = 20000;
  const policysim::core::RandomStream rng(20120101, kModelStream);
  const auto draws = [&rng](const Params& p) {
    std::vector<double> incomes;
    for (std::uint32_t i = 0; i < kNgos; ++i) {
      incomes.push_back(rules::ngo_base_income(p, rng.uniform(0, i, word(Purpose::ngo_income))));
    }
    return incomes;
  };
  // Each check below is a statistic of 20000 independent draws against its closed form, with a
  // band of 4.42 standard errors (two-sided normal tail: a false failure in 1e5 runs per check),
  // or for Kolmogorov-Smirnov a distance sqrt(N) D above 2.2 (Kolmogorov tail 2 exp(-2 * 2.2^2),
  // 1.3e-4). The draws are fixed by the seed, so a pass is reproducible.
  for (const double shape : {0.5, 2.0, 10.0}) {
    CAPTURE(shape);
    Params p;
    p.k_inc = shape;
    const double mean = p.income_base, scale = p.income_base / shape;
    const std::vector<double> incomes = draws(p);
    double sum = 0.0;
    for (double x : incomes) sum += x;
    const double sample_mean = sum / kNgos;
    double squares = 0.0;
    for (double x : incomes) squares += (x - sample_mean) * (x - sample_mean);
    const double sample_variance = squares / (kNgos - 1);
    // Gamma(k, theta): mean k theta, variance k theta^2, excess kurtosis 6/k; the sample variance
    // has variance (mu4 - sigma^4)/N = sigma^4 (2 + 6/k)/N.
    const double variance = shape * scale * scale;
    CHECK(std::abs(sample_mean - mean) < 4.42 * std::sqrt(variance / kNgos));
    CHECK(std::abs(sample_variance - variance) <
          4.42 * variance * std::sqrt((2.0 + 6.0 / shape) / kNgos));
    if (shape == 2.0) {
      // Shape 2 has a closed-form CDF: 1 - exp(-x/theta)(1 + x/theta).
      std::vector<double> sorted = incomes;
      std::sort(sorted.begin(), sorted.end());
      double distance = 0.0;
      for (std::size_t j = 0; j < sorted.size(); ++j) {
        const double z = sorted[j] / scale;
        const double cdf = 1.0 - std::exp(-z) * (1.0 + z);
        distance = std::max({distance, std::abs(cdf - static_cast<double>(j) / kNgos),
                             std::abs(cdf - static_cast<double>(j + 1) / kNgos)});
      }
      CHECK(std::sqrt(static_cast<double>(kNgos)) * distance < 2.2);
    }
  }
  // Every NGO has its own draw: they are not all the same number.
  Params p;
  const std::vector<double> incomes = draws(p);
  CHECK(*std::min_element(incomes.begin(), incomes.end()) <
        *std::max_element(incomes.begin(), incomes.end()));
  // A zero mean gives every NGO no income of its own.
  p.income_base = 0.0;
  CHECK(rules::ngo_base_income(p, 0.5) == 0.0);
}

TEST_CASE("rule 6 decay and step, rule 7 courts and rule 4 capacity match hand computation",
          "[model][rules]") {
  Params p;
  CHECK(rules::adoption_step(p, 0.4) == Approx(0.46));
  // a - delta a (1 - q Law)(1 - s) for law: 0.5 - 0.01*0.5*(1-0.8)*(1-0.5) = 0.4995
  CHECK(rules::after_decay(p, 0, 0.5, 1.0, 0.5) == Approx(0.4995));
  // c + tau I (1-c)(1 - omega rho) - zeta c = 0.2 + 0.3*1*0.8*0.75 - 0.006 = 0.374
  CHECK(rules::capacity_next(p, 0.2, 1.0, 0.5) == Approx(0.374));
  const double uptake = rules::logistic(-4.0 + 2.0 * 0.5 + 2.0 * 0.4 + 1.5 * 1.0 - 3.0 * 0.2);
  CHECK(rules::judicial_use_next(p, 0.1, 0.5, 0.4, 1.0, 0.2) ==
        Approx(0.1 + 0.1 * uptake * 0.9 - 0.01 * 0.1));
  // Hazard with every signal 0: sigma(beta0 + beta_S s - beta_R rho).
  rules::Signals none;
  CHECK(rules::adoption_hazard(p, 1, none, 0.0, 0.5, 0.3, false) ==
        Approx(rules::logistic(-5.0 + 0.5 - 0.9)));
  // Coercion on law includes the tour; on victim it does not.
  CHECK(rules::coercion(p, 0, 1.0, 0.5, 1.0, 1.0, 0.5) == Approx((1 + 0.5 + 0.5 + 1) * 0.5));
  CHECK(rules::coercion(p, 1, 1.0, 0.5, 1.0, 1.0, 0.5) == Approx((1 + 0.5 + 0.5) * 0.5));
  // The regional phase computes the shared part once a tick: the split gives the same bits.
  const double shared = rules::coercion_without_tour(p, 1.0, 0.5, 1.0);
  CHECK(shared == Approx(1 + 0.5 + 0.5));
  for (std::size_t k = 0; k < kReformCount; ++k) {
    for (const double tour : {0.0, 0.3, 1.0}) {
      const double direct = rules::coercion(p, k, 1.0, 0.5, 1.0, tour, 0.2);
      CHECK(rules::coercion_with_tour(p, k, shared, tour, 0.2) == direct);
    }
  }
}

TEST_CASE("happens(u, x) is exactly u < logistic(x), at and around the probability",
          "[model][rules]") {
  const auto check = [](double u, double x) {
    INFO("x = " << x << ", u = " << u);
    CHECK(rules::happens(u, x) == (u < rules::logistic(x)));
  };
  // Draws exactly at sigma(x), one ulp either side, at the squaring bound 1 / (1 + (1 - x/32)^32)
  // and random, over logits from certain failure to near-certain success.
  policysim::core::RandomStream stream(7, 0);
  for (int i = 0; i <= 6000; ++i) {
    const double x = -50.0 + 0.01 * i;
    const double h = rules::logistic(x);
    const double bound = 1.0 / (1.0 + std::pow(1.0 - x / 32, 32));
    for (const double u :
         {h, std::nextafter(h, 0.0), std::nextafter(h, 1.0), bound, std::nextafter(bound, 0.0),
          std::nextafter(bound, 1.0), bound * (1 + 1e-9), stream.uniform(0, i, 0)}) {
      if (u > 0.0 && u < 1.0) check(u, x);
    }
  }
  // Where the exponent bound decides: draws at and next to powers of two 2^e, logits at and next
  // to the bound e ln 2 - 1e-6 and to logit(u) itself.
  for (int e = -60; e <= -1; ++e) {
    const double power = std::ldexp(1.0, e);
    for (const double u : {power, std::nextafter(power, 1.0), std::nextafter(2 * power, 0.0)}) {
      const double bound = e * std::numbers::ln2 - 1e-6;
      const double logit = std::log(u / (1.0 - u));
      for (const double x :
           {bound, std::nextafter(bound, -1e300), std::nextafter(bound, 1e300), logit,
            std::nextafter(logit, -1e300), std::nextafter(logit, 1e300), std::log(u)}) {
        check(u, x);
      }
    }
  }
}

TEST_CASE("the restrictive-law clock adds exactly -ln(1-p) with p = 1 - (1-H)^(1/4)",
          "[model][rules][national]") {
  Params p;
  const double linear = p.chi0 + p.chi1 * std::log(1.0 + 3.0) + p.chi2 * 1.0 + p.chi3 * 0.4;
  const double yearly = 1.0 - std::exp(-std::exp(linear));
  const double quarterly = 1.0 - std::pow(1.0 - yearly, 0.25);
  CHECK(rules::restrictive_clock_increment(p, 3.0, 1.0, 0.4) ==
        Approx(-std::log(1.0 - quarterly)).epsilon(1e-9));
  CHECK(rules::softplus(-2.0) == Approx(-std::log(1.0 - rules::logistic(-2.0))));
}

namespace {

// Quarter (ticks since start) in which the law passes under a constant per-quarter probability
// of 0.1, for one seed and event-clock shape.
int law_tick(double shape, std::uint64_t seed) {
  const Country country = ring_country(2);
  Config config;
  config.start = Quarter{2000, 1};
  config.end = Quarter{2019, 4};
  config.default_ngos = false;
  config.params.psi0 = std::log(0.1 / 0.9);
  config.params.psi_A = 0.0;
  config.params.k_ev_law = shape;
  config.mechanisms.federal_unit = false;
  config.mechanisms.restrictive_laws = false;
  Simulation simulation(config, country);
  const RunOutput out = simulation.run(seed, {.region_series = false, .parallel = false});
  for (const Event& event : out.events) {
    if (event.kind == "law_passed") return event.tick;
  }
  return 80;
}

}  // namespace

TEST_CASE("event clocks: k_ev = 1 is the memoryless hazard, large k_ev fires on schedule",
          "[model][rules][national]") {
  // Cumulative hazard per quarter -ln(0.9) = 0.105; with Theta near 1 the law passes when
  // (t + 1) * 0.105 >= 1, i.e. in quarter t = 9.
  int first_quarter = 0;
  double sum = 0.0, sum_squares = 0.0;
  const int seeds = 300;
  for (int seed = 0; seed < seeds; ++seed) {
    CHECK(std::abs(law_tick(2000.0, static_cast<std::uint64_t>(seed)) - 9) <= 1);
    const int tick = law_tick(1.0, static_cast<std::uint64_t>(seed));
    first_quarter += tick == 0 ? 1 : 0;
    sum += tick;
    sum_squares += static_cast<double>(tick) * tick;
  }
  // Memoryless: P(first quarter) = 0.1 and the spread is wide (geometric, sd about 9).
  CHECK(first_quarter >= 15);
  CHECK(first_quarter <= 50);
  const double mean = sum / seeds;
  CHECK(std::sqrt(sum_squares / seeds - mean * mean) > 5.0);
}
