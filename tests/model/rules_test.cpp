// Single rules checked against hand computation.

#include "sim/model/rules/rules.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>

#include "fixtures.hpp"
#include "sim/model/phases/phases.hpp"
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

TEST_CASE("an NGO without grants settles at R = (income_base - cost) / d = 0.2",
          "[model][rules][ngos]") {
  Params p;
  double resources = p.ngo_R0;
  for (int t = 0; t < 1000; ++t) {
    resources = rules::ngo_resources_next(p, resources, 0.0, p.income_base);
  }
  CHECK(resources == Approx(0.2).epsilon(1e-9));
  CHECK(resources > p.R_min);

  // The same inside a whole run with no interventions: no NGO closes.
  const Country country = ring_country(4);
  Config config;
  config.start = Quarter{1990, 1};
  config.end = Quarter{2014, 4};
  Simulation simulation(config, country);
  simulation.run(2, {.region_series = false, .parallel = false});
  const NgoState& ngos = simulation.state().ngos;
  for (std::size_t i = 0; i < ngos.ngo_count(); ++i) {
    CHECK(ngos.alive[i] == 1);
    CHECK(ngos.resources[i] == Approx(0.2).margin(1e-3));
  }
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
