// Switching a mechanism off has the effect it should; forced events happen at their date.

#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "fixtures.hpp"
#include "sim/model/metrics.hpp"
#include "sim/model/phases/phases.hpp"
#include "sim/model/run_draws.hpp"
#include "sim/model/simulation.hpp"
#include "world_fixture.hpp"

using namespace policysim::model;
using policysim::core::Quarter;
using policysim::model::testing::busy_config;
using policysim::model::testing::ring_country;
using policysim::model::testing::WorldFixture;

namespace {

constexpr std::size_t kSeriesWidth = kSeriesMetrics.size();
constexpr std::size_t kRegionWidth = kRegionMetrics.size();

double series_at(const RunOutput& out, int tick, SeriesMetric metric) {
  return out.series[static_cast<std::size_t>(tick) * kSeriesWidth + column(metric)];
}

bool any_tick(const RunOutput& out, SeriesMetric metric, double level) {
  for (int t = 0; t < static_cast<int>(out.series.size() / kSeriesWidth); ++t) {
    if (series_at(out, t, metric) >= level) return true;
  }
  return false;
}

int count_events(const RunOutput& out, const std::string& kind) {
  int count = 0;
  for (const Event& event : out.events) count += event.kind == kind ? 1 : 0;
  return count;
}

}  // namespace

TEST_CASE("with resistance off, rho stays at eta in every region and quarter",
          "[model][ablation]") {
  const Country country = ring_country(8);
  Config config = busy_config(country);
  config.mechanisms.resistance = false;
  Simulation simulation(config, country);
  const RunOutput out = simulation.run(5, {.region_series = true, .parallel = false});
  const auto& eta = simulation.draws().eta;
  for (std::size_t t = 0; t < 64; ++t) {
    for (std::size_t r = 0; r < 8; ++r) {
      CHECK(out.region_series[(t * 8 + r) * kRegionWidth + column(RegionMetric::rho)] == eta[r]);
    }
  }
  config.mechanisms.resistance = true;
  Simulation with_resistance(config, country);
  const RunOutput moving = with_resistance.run(5, {.region_series = true, .parallel = false});
  CHECK(moving.region_series != out.region_series);
}

TEST_CASE("with no donors and no coercion, foreign exposure F is zero everywhere",
          "[model][ablation]") {
  const Country country = ring_country(6);
  Config config = busy_config(country);
  config.donors.clear();
  config.interventions.clear();
  config.mechanisms.coercion = false;
  WorldFixture fixture(config, country, 3);
  World& w = fixture.world;
  const RunOutput& out = fixture.output;
  for (Tick t = 0; t < 64; ++t) {
    for (const TickPhase& phase : tick_phases()) {
      phase.run(w, t);
      if (std::string(phase.name) != "exposure") continue;
      for (std::size_t r = 0; r < w.fixed.region_count; ++r) {
        CHECK(w.scratch.intensity(r).foreign_exposure == 0.0);
      }
    }
    w.state.next_tick();
  }
  for (int t = 0; t < 64; ++t) CHECK(series_at(out, t, SeriesMetric::foreign_intensity) == 0.0);
}

TEST_CASE("with legislation off the law never passes, however strong the push",
          "[model][ablation]") {
  const Country country = ring_country(6);
  Config config = busy_config(country);
  config.params.psi0 = 10.0;
  config.mechanisms.legislation = false;
  const RunOutput off =
      Simulation(config, country).run(1, {.region_series = false, .parallel = false});
  CHECK_FALSE(any_tick(off, SeriesMetric::law_in_force, 1e-12));
  CHECK(std::isnan(off.outcome(Outcome::law_passed_year)));
  CHECK(count_events(off, "law_passed") == 0);
  // No law: Art. 127.1 does not exist, so there are no cases.
  CHECK(off.outcome(Outcome::total_cases) == 0.0);
  config.mechanisms.legislation = true;
  const RunOutput on =
      Simulation(config, country).run(1, {.region_series = false, .parallel = false});
  CHECK(any_tick(on, SeriesMetric::law_in_force, 1.0));
  CHECK(count_events(on, "law_passed") == 1);
}

TEST_CASE("with the federal unit off U stays 0, and with restrictive laws off Z1 and Z2 stay 0",
          "[model][ablation]") {
  const Country country = ring_country(6);
  Config config = busy_config(country);
  config.params.upsilon0 = {10.0, 10.0};
  config.params.chi0 = 5.0;
  config.mechanisms.federal_unit = false;
  config.mechanisms.restrictive_laws = false;
  const RunOutput off =
      Simulation(config, country).run(1, {.region_series = false, .parallel = false});
  CHECK_FALSE(any_tick(off, SeriesMetric::U, 1.0));
  CHECK_FALSE(any_tick(off, SeriesMetric::Z1, 1.0));
  CHECK_FALSE(any_tick(off, SeriesMetric::Z2, 1.0));
  config.mechanisms.federal_unit = true;
  config.mechanisms.restrictive_laws = true;
  const RunOutput on =
      Simulation(config, country).run(1, {.region_series = false, .parallel = false});
  CHECK(series_at(on, 0, SeriesMetric::U) == 1.0);  // at most one step a quarter
  CHECK(series_at(on, 1, SeriesMetric::U) == 2.0);
  CHECK(series_at(on, 0, SeriesMetric::Z1) == 1.0);
}

TEST_CASE("with coercion off a huge TIP weight does not drive adoption", "[model][ablation]") {
  const Country country = ring_country(6);
  Config config = busy_config(country);
  config.params.w_tip = 20.0;
  config.params.beta_resistance = 0.0;
  config.mechanisms.coercion = false;
  const RunOutput off =
      Simulation(config, country).run(2, {.region_series = false, .parallel = false});
  config.mechanisms.coercion = true;
  const RunOutput on =
      Simulation(config, country).run(2, {.region_series = false, .parallel = false});
  CHECK(on.outcome(Outcome::peak_mean_law) > off.outcome(Outcome::peak_mean_law) + 0.2);
}

TEST_CASE("a forced event happens in its quarter and switches its rule off", "[model][forced]") {
  const Country country = ring_country(6);
  Config config = busy_config(country);
  config.params.psi0 = 10.0;  // the rule would pass the law at once
  config.params.chi0 = 5.0;   // and the NGO law too
  config.forced_events = {{ForcedEvent::Kind::law, Quarter{2003, 4}},
                          {ForcedEvent::Kind::unit_special, Quarter{2002, 1}},
                          {ForcedEvent::Kind::ngo_law, Quarter{2006, 1}}};
  config.params.upsilon0 = {10.0, -50.0};
  const RunOutput out =
      Simulation(config, country).run(8, {.region_series = false, .parallel = false});
  CHECK(out.outcome(Outcome::law_passed_year) == 2003.75);
  CHECK(out.outcome(Outcome::u1_year) == 2002.0);
  CHECK(out.outcome(Outcome::z1_year) == 2006.0);
  CHECK(count_events(out, "law_passed") == 1);
  CHECK(count_events(out, "ngo_law") == 1);
  const int law_tick = Quarter{2003, 4} - config.start;
  CHECK(series_at(out, law_tick - 1, SeriesMetric::law_in_force) == 0.0);
  CHECK(series_at(out, law_tick, SeriesMetric::law_in_force) == 1.0);
  CHECK(series_at(out, law_tick, SeriesMetric::lambda) < 0.8);  // the push was foreign
}

TEST_CASE("an event forced before the start is in force from the first quarter",
          "[model][forced]") {
  const Country country = ring_country(6);
  Config config = busy_config(country);
  config.forced_events = {{ForcedEvent::Kind::law, Quarter{1990, 1}}};
  const RunOutput out =
      Simulation(config, country).run(8, {.region_series = false, .parallel = false});
  CHECK(series_at(out, 0, SeriesMetric::law_in_force) == 1.0);
  CHECK(series_at(out, 0, SeriesMetric::lambda) == config.params.lambda0);
}

TEST_CASE("obstructing directorates open no cases", "[model][ablation]") {
  const Country country = ring_country(6);
  Config config = busy_config(country);
  config.forced_events = {{ForcedEvent::Kind::law, Quarter{1997, 1}}};
  config.initial_adopters = {{0, {1, 1, 1, 1}}, {1, {1, 1, 1, 1}}, {2, {1, 1, 1, 1}}};
  const RunOutput open =
      Simulation(config, country).run(4, {.region_series = false, .parallel = false});
  CHECK(open.outcome(Outcome::total_cases) > 0.0);
  config.mechanisms.obstruction = true;
  config.params.T_obs = -1.0;  // everyone obstructs, always
  const RunOutput obstructed =
      Simulation(config, country).run(4, {.region_series = false, .parallel = false});
  CHECK(obstructed.outcome(Outcome::total_cases) == 0.0);
}

TEST_CASE("a donor past its horizon spends nothing and leaves once", "[model][donors]") {
  const Country country = ring_country(6);
  Config config = busy_config(country);
  config.donors[0].horizon = Quarter{2001, 4};
  const RunOutput out =
      Simulation(config, country).run(6, {.region_series = false, .parallel = false});
  CHECK(count_events(out, "donor_exit") == 1);
  // In 2002Q1 only the Nordic Council spends foreign money: its exchange, in 2 random regions at
  // intensity 1 (its conference in district West starts in 2004).
  const int after = Quarter{2002, 1} - config.start;
  CHECK(series_at(out, after, SeriesMetric::foreign_intensity) == Approx(2.0));
}

namespace {

// A country where one diffusion mechanism, given a large weight, is the only way for reform to
// spread beyond two regions that a conference with a strong direct effect pushes to adopt.
double mean_final_implementation(bool Mechanisms::*mechanism, double Params::*weight,
                                 PerReform Params::*per_reform_weight, bool on) {
  const Country country = ring_country(12);
  Config config;
  config.start = Quarter{2000, 1};
  config.end = Quarter{2007, 4};
  config.donors = {{"domestic", 0.0, 0.0, false, Frame::balanced, std::nullopt}};
  Intervention conference;
  conference.instrument = Instrument::conference;
  conference.start = config.start;
  conference.end = config.end;
  conference.targets = {TargetedRegions::Kind::regions, {0, 6}, 0, 0};
  config.interventions = {conference};
  config.forced_events = {{ForcedEvent::Kind::law, Quarter{1999, 1}}};
  Params& p = config.params;
  p.beta0 = {-8.0, -8.0, -8.0, -8.0};
  p.beta_learning = p.beta_emulation = p.beta_competition = p.beta_support = 0.0;
  p.beta_resistance = 0.0;
  p.beta_capacity = {0.0, 0.0, 0.0, 0.0};
  p.beta_ngo = {0.0, 0.0, 0.0, 0.0};
  p.case_rate = 10.0;
  p.ngo_tie0 = 1.0;
  p.ngo_g0 = 1.0;
  p.effect[index(Instrument::conference)] = {10.0, 10.0, 10.0, 10.0};
  if (weight != nullptr) config.params.*weight = 30.0;
  if (per_reform_weight != nullptr) config.params.*per_reform_weight = {60.0, 60.0, 60.0, 60.0};
  config.mechanisms.coercion = false;
  config.mechanisms.*mechanism = on;
  const RunOutput out =
      Simulation(config, country).run(12, {.region_series = false, .parallel = false});
  double sum = 0.0;
  for (std::size_t k = 0; k < kReformCount; ++k) {
    sum += out.outcome(for_reform(Outcome::final_mean_law, k));
  }
  return sum / 4.0;
}

}  // namespace

TEST_CASE("switching off a diffusion mechanism removes the adoption it drives",
          "[model][ablation]") {
  struct Case {
    const char* name;
    bool Mechanisms::*mechanism;
    double Params::*weight;
    PerReform Params::*per_reform_weight;
  };
  const Case cases[] = {
      {"learning", &Mechanisms::learning, &Params::beta_learning, nullptr},
      {"emulation", &Mechanisms::emulation, &Params::beta_emulation, nullptr},
      {"competition", &Mechanisms::competition, &Params::beta_competition, nullptr},
      {"ngo_push", &Mechanisms::ngo_push, nullptr, &Params::beta_ngo},
      {"direct_effects", &Mechanisms::direct_effects, nullptr, nullptr},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const double on = mean_final_implementation(c.mechanism, c.weight, c.per_reform_weight, true);
    const double off = mean_final_implementation(c.mechanism, c.weight, c.per_reform_weight, false);
    INFO("on " << on << ", off " << off);
    // Learning is the slowest: its signal is a * pi of the two pushed regions, both below 1.
    CHECK(on > off + 0.03);
  }
}

TEST_CASE("the share of regions with a case in the past year counts the last four quarters",
          "[model][outputs]") {
  // Law in force from the start and a low case rate, so that regions have cases in some quarters
  // and not in others; the share is recomputed here from each region's cases per quarter.
  const Country country = ring_country(12);
  Config config = busy_config(country);
  config.forced_events = {{ForcedEvent::Kind::law, Quarter{1990, 1}}};
  for (std::uint32_t r = 0; r < 12; ++r) config.initial_adopters.push_back({r, {0.3, 0, 0, 0}});
  config.params.case_rate = 0.5;
  const RunOutput out =
      Simulation(config, country).run(3, {.region_series = true, .parallel = false});
  const std::size_t n = 12, metrics = kRegionMetricNames.size();
  const auto cases = [&](int tick, std::size_t r) {
    return out.region_series[(static_cast<std::size_t>(tick) * n + r) * metrics +
                             column(RegionMetric::cases)];
  };
  const int ticks = config.tick_count();
  bool some_gap = false, some_case = false;
  for (int t = 0; t < ticks; ++t) {
    int with_case = 0;
    for (std::size_t r = 0; r < n; ++r) {
      bool any = false;
      for (int back = 0; back < 4 && t - back >= 0; ++back) any = any || cases(t - back, r) > 0;
      with_case += any ? 1 : 0;
      some_gap = some_gap || (cases(t, r) == 0 && any);
      some_case = some_case || cases(t, r) > 0;
    }
    CAPTURE(t);
    CHECK(series_at(out, t, SeriesMetric::share_regions_with_cases_past_year) ==
          Approx(with_case / 12.0).epsilon(1e-15));
    CHECK(series_at(out, t, SeriesMetric::share_regions_with_cases_past_year) >=
          series_at(out, t, SeriesMetric::share_regions_with_cases));
  }
  // The run reached both cases: regions with cases, and regions counted for an earlier quarter's.
  CHECK(some_case);
  CHECK(some_gap);
}
