// Each parallel phase gives the same bytes run serially and in parallel, from the same state.

#include <tbb/global_control.h>
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "fixtures.hpp"
#include "sim/core/reduce.hpp"
#include "sim/model/phases/phases.hpp"
#include "sim/model/rules/rules.hpp"
#include "sim/model/world.hpp"
#include "world_fixture.hpp"

using namespace policysim::model;
using policysim::model::testing::busy_config;
using policysim::model::testing::ring_country;
using policysim::model::testing::run_phase;
using policysim::model::testing::same_bytes;
using policysim::model::testing::WorldFixture;

namespace {

// The regional state after the regional phase, with the emulation memory it wrote.
bool same_regions(const World& world_a, const World& world_b) {
  const RegionState& a = world_a.state.regions;
  const RegionState& b = world_b.state.regions;
  return same_bytes(world_a.state.emulation_memory, world_b.state.emulation_memory) &&
         same_bytes(a.implementation, b.implementation) && same_bytes(a.capacity, b.capacity) &&
         same_bytes(a.judicial_capacity, b.judicial_capacity) &&
         same_bytes(a.judicial_use, b.judicial_use) && same_bytes(a.resistance, b.resistance) &&
         same_bytes(a.support, b.support) && same_bytes(a.mean_cases, b.mean_cases) &&
         same_bytes(a.cases, b.cases) && same_bytes(a.convictions, b.convictions) &&
         same_bytes(a.obstructing, b.obstructing);
}

bool same_ngos(const NgoState& a, const NgoState& b) {
  return same_bytes(a.resources, b.resources) && same_bytes(a.foreign_share, b.foreign_share) &&
         same_bytes(a.legitimacy, b.legitimacy) && same_bytes(a.tie, b.tie) &&
         same_bytes(a.alive, b.alive) &&
         same_bytes(a.quarters_below_minimum, b.quarters_below_minimum);
}

// A world advanced `ticks` quarters into the busy configuration, then through rules 1 and 2 of
// the next tick, ready for the parallel phases.
Config prepared_config(const Country& country, bool obstruction, AdoptionMode mode) {
  Config config = busy_config(country);
  config.mechanisms.obstruction = obstruction;
  config.adoption_mode = mode;
  config.initial_adopters.push_back({3, {0.9, 0.9, 0.9, 0.9}});
  config.initial_adopters.push_back({4, {0.9, 0.9, 0.9, 0.9}});
  config.initial_adopters.push_back({22, {0.9, 0.9, 0.9, 0.9}});
  return config;
}

struct Prepared {
  Country country = ring_country(40);
  WorldFixture fixture;
  World& w = fixture.world;
  Prepared(bool obstruction, AdoptionMode mode, Tick ticks)
      : fixture(prepared_config(country, obstruction, mode), country, 17) {
    for (Tick t = 0; t < ticks; ++t) step(w, t);
    run_phase(w, "schedule", ticks);
    run_phase(w, "exposure", ticks);
  }
};

}  // namespace

TEST_CASE("each parallel phase gives the same bytes serially and in parallel",
          "[model][determinism][phases]") {
  const auto mode =
      GENERATE(AdoptionMode::hazard, AdoptionMode::threshold, AdoptionMode::complex_contagion);
  const bool obstruction = GENERATE(false, true);
  const Tick tick = 28;
  Prepared prepared(obstruction, mode, tick);
  World serial = prepared.w;
  World parallel = prepared.w;
  serial.execution = {.parallel = false};
  parallel.execution = {.parallel = true, .grain = 1};

  for (const char* phase : {"regions", "region sums", "ngos", "nation", "ties"}) {
    CAPTURE(phase);
    run_phase(serial, phase, tick);
    run_phase(parallel, phase, tick);
    CHECK(same_regions(serial, parallel));
    CHECK(same_bytes(serial.scratch.ngo_alive_count, parallel.scratch.ngo_alive_count));
    CHECK(same_ngos(serial.state.ngos, parallel.state.ngos));
    CHECK(same_bytes(serial.scratch.ngo_closed, parallel.scratch.ngo_closed));
    CHECK(same_bytes(serial.state.tie_weight, parallel.state.tie_weight));
  }
}

// What each phase costs is measured in bench/ (policysim bench); here only that timing a tick
// changes nothing.
TEST_CASE("a timed tick gives the same results as an untimed one", "[model][phases]") {
  Prepared untimed(true, AdoptionMode::hazard, 0), timed(true, AdoptionMode::hazard, 0);
  const auto phases = tick_phases();
  REQUIRE(phases.size() == 8);
  CHECK(std::string(phases.front().name) == "schedule");
  CHECK(std::string(phases[2].name) == "regions");
  CHECK(std::string(phases.back().name) == "record");
  std::vector<double> seconds(phases.size(), 0.0);
  for (Tick t = 0; t < 12; ++t) {
    step(untimed.w, t);
    step(timed.w, t, seconds);
  }
  CHECK(same_bytes(untimed.fixture.output.series, timed.fixture.output.series));
  CHECK(same_regions(untimed.w, timed.w));
}

TEST_CASE("the regional phase reads only the state of tick t", "[model][phases]") {
  // Updating regions in reverse order gives the same result: no region reads another's new value
  // (in the threshold modes too, whose peer counts read neighbours' implementation levels).
  const auto mode =
      GENERATE(AdoptionMode::hazard, AdoptionMode::threshold, AdoptionMode::complex_contagion);
  Prepared prepared(true, mode, 24);
  World forward = prepared.w;
  World backward = prepared.w;
  run_phase(forward, "regions", 24);
  const RunContext run = backward.context();
  const RegionalState state = RegionalState::of(backward.state);
  prepare_peer_sums(run, 24, state, backward.scratch);
  for (std::size_t r = backward.fixed.region_count; r-- > 0;)
    update_regions_in(run, 24, state, backward.scratch, r, r + 1);
  update_emulation_memory(run, state, backward.scratch);
  CHECK(same_regions(forward, backward));
}

TEST_CASE("district sums add each block of regions in order, then the blocks in order",
          "[model][phases][determinism]") {
  // Districts interleaved (r mod 7), so that every block holds every district; levels and cases
  // that vary from region to region. The twin adds a pi and the adopters region by region within
  // each block, then block after block; for one block that is a plain pass in region order.
  const std::uint32_t regions = GENERATE(40U, 10000U);
  CAPTURE(regions);
  Country country = ring_country(regions);
  constexpr std::uint32_t kDistricts = 7;
  country.district_names.assign(kDistricts, "D");
  country.district_centre.clear();
  for (std::uint32_t d = 0; d < kDistricts; ++d) country.district_centre.push_back(d);
  for (std::uint32_t r = 0; r < regions; ++r) country.district[r] = r % kDistricts;
  const Config config = busy_config(country);
  WorldFixture fixture(config, country, 5);
  World& w = fixture.world;
  const std::size_t n = w.fixed.region_count;
  for (std::size_t r = 0; r < n; ++r) {
    for (std::size_t k = 0; k < kReformCount; ++k) {
      w.state.regions.implementation[k * n + r] = static_cast<double>((r * 7 + k * 3) % 11) / 10.0;
    }
    w.state.regions.mean_cases[r] = static_cast<double>(r % 13) * 0.1 * w.config.params.case_rate;
  }

  std::vector<double> learning(kDistricts * kReformCount, 0.0);
  std::vector<double> adopters(kDistricts * kReformCount, 0.0);
  for (std::size_t begin = 0; begin < n; begin += kDistrictSumBlock) {
    std::vector<double> block_learning(learning.size(), 0.0), block_adopters(learning.size(), 0.0);
    for (std::size_t r = begin; r < std::min(n, begin + kDistrictSumBlock); ++r) {
      const double success =
          rules::observed_success(w.config.params, w.state.regions.mean_cases[r], w.fixed.size[r]);
      for (std::size_t k = 0; k < kReformCount; ++k) {
        const double a = w.state.regions.a(r, k);
        block_learning[k * kDistricts + r % kDistricts] += a * success;
        block_adopters[k * kDistricts + r % kDistricts] += a >= kAdoptedLevel ? 1.0 : 0.0;
      }
    }
    for (std::size_t i = 0; i < learning.size(); ++i) {
      learning[i] += block_learning[i];
      adopters[i] += block_adopters[i];
    }
  }
  REQUIRE(learning[0] > 0.0);

  for (const int threads : {1, 2, 4}) {
    CAPTURE(threads);
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                              static_cast<std::size_t>(threads));
    w.execution.parallel = true;
    prepare_peer_sums(w.context(), 0, RegionalState::of(w.state), w.scratch);
    CHECK(same_bytes(w.scratch.district_learning_sum, learning));
    CHECK(w.scratch.district_adopter_count == adopters);
  }
}

TEST_CASE("each regional total is its quantity's own deterministic sum",
          "[model][phases][determinism]") {
  // Over 10 000 regions (several blocks of the fixed tree) and at 1, 2 and 4 threads; counts are
  // checked against closed forms.
  const std::uint32_t regions = 10000;
  const Country country = ring_country(regions);
  const Config config = busy_config(country);
  WorldFixture fixture(config, country, 9);
  World& w = fixture.world;
  run_phase(w, "schedule", 30);
  run_phase(w, "exposure", 30);
  const std::size_t n = w.fixed.region_count;
  for (std::size_t r = 0; r < n; ++r) {
    for (std::size_t k = 0; k < kReformCount; ++k) {
      w.state.regions.implementation[k * n + r] =
          std::sin(static_cast<double>(r * (k + 1))) * 0.5 + 0.5;
    }
    w.state.regions.resistance[r] = std::cos(static_cast<double>(r)) * 0.5 + 0.5;
    w.state.ever_toured[r] = r % 3 == 0 ? 1 : 0;
    w.state.regions.cases[r] = static_cast<std::uint32_t>(r % 5);
    w.state.regions.convictions[r] = static_cast<std::uint32_t>(r % 2);
  }
  using policysim::core::deterministic_sum;
  const double exposure =
      deterministic_sum(n, [&w](std::size_t r) { return w.scratch.intensity(r).foreign_exposure; });
  REQUIRE(exposure > 0.0);
  for (const int threads : {1, 2, 4}) {
    CAPTURE(threads);
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                              static_cast<std::size_t>(threads));
    const RegionTotals totals = sum_regions(w.state.regions, w.state.ever_toured, w.scratch);
    for (std::size_t k = 0; k < kReformCount; ++k) {
      CHECK(same_bytes(std::vector{totals.implementation[k]},
                       std::vector{deterministic_sum(w.state.regions.reform(k))}));
      const auto adopters =
          std::count_if(w.state.regions.reform(k).begin(), w.state.regions.reform(k).end(),
                        [](double a) { return a >= kAdoptedLevel; });
      CHECK(totals.adopters[k] == static_cast<double>(adopters));
    }
    const auto resistance = [&w](bool toured) {
      return deterministic_sum(w.fixed.region_count, [&w, toured](std::size_t r) {
        return (w.state.ever_toured[r] != 0) == toured ? w.state.regions.resistance[r] : 0.0;
      });
    };
    CHECK(same_bytes(std::vector{totals.resistance},
                     std::vector{deterministic_sum(w.state.regions.resistance)}));
    CHECK(same_bytes(std::vector{totals.toured_resistance}, std::vector{resistance(true)}));
    CHECK(same_bytes(std::vector{totals.other_resistance}, std::vector{resistance(false)}));
    CHECK(same_bytes(std::vector{totals.foreign_exposure}, std::vector{exposure}));
    CHECK(totals.toured == 3334.0);              // r = 0, 3, ..., 9999
    CHECK(totals.cases == 2000.0 * 10.0);        // 0 + 1 + 2 + 3 + 4 per five regions
    CHECK(totals.convictions == 5000.0);         // odd regions
    CHECK(totals.regions_with_cases == 8000.0);  // r mod 5 != 0
  }
}

TEST_CASE("rule 12 reports each NGO that closed in the tick, in NGO order",
          "[model][phases][outputs]") {
  Prepared prepared(true, AdoptionMode::hazard, 3);
  World& w = prepared.w;
  run_phase(w, "region sums", 3);
  const std::size_t ngos = w.fixed.ngo_count;
  REQUIRE(ngos > 40);
  std::fill(w.scratch.ngo_closed.begin(), w.scratch.ngo_closed.end(), 0);
  const std::vector<std::uint32_t> closed = {0, 17, 18, static_cast<std::uint32_t>(ngos - 1)};
  for (const std::uint32_t i : closed) w.scratch.ngo_closed[i] = 1;
  w.state.events.clear();
  run_phase(w, "record", 3);
  std::vector<std::uint32_t> reported;
  for (const EventNote& event : w.state.events) {
    CHECK(event.tick == 3);
    if (event.kind == EventKind::ngo_closed) reported.push_back(event.subject);
  }
  CHECK(reported == closed);
}

TEST_CASE("a reference's emulation memory decays and is 1 after an upward crossing",
          "[model][phases][emulation]") {
  Prepared prepared(false, AdoptionMode::hazard, 0);
  World& w = prepared.w;
  const std::size_t n = w.fixed.region_count;
  REQUIRE(w.fixed.reference_regions.size() == 2);  // region 0 and the second district's centre
  const std::size_t slot = w.fixed.reference_regions[0] == 0 ? 0 : 1;
  REQUIRE(w.fixed.reference_regions[slot] == 0);
  // Reform 0 crosses 0.5 upwards, 1 stays above, 2 below, 3 crosses downwards.
  const PerReform before = {0.4, 0.6, 0.3, 0.6}, after = {0.6, 0.7, 0.4, 0.4};
  w.scratch.peer[0].a = before;
  for (std::size_t k = 0; k < kReformCount; ++k) w.state.regions.implementation[k * n] = after[k];
  std::fill(w.state.emulation_memory.begin(), w.state.emulation_memory.end(), 0.5);
  update_emulation_memory(w.context(), RegionalState::of(w.state), w.scratch);
  const double decayed = 0.5 * std::pow(2.0, -1.0 / w.config.params.emulation_half_life_ticks);
  CHECK(w.state.emulation_memory[slot * kReformCount + 0] == 1.0);  // 0.5 decayed + 1, capped
  CHECK(w.state.emulation_memory[slot * kReformCount + 1] == Approx(decayed).epsilon(1e-15));
  CHECK(w.state.emulation_memory[slot * kReformCount + 2] == Approx(decayed).epsilon(1e-15));
  CHECK(w.state.emulation_memory[slot * kReformCount + 3] == Approx(decayed).epsilon(1e-15));
}

TEST_CASE("rules 1 and 2's regional intensities are the capped sums over the active interventions",
          "[model][phases][schedule]") {
  // A dense twin of the shared entries, recomputed from the interventions and their targets
  // every tick of a run in which activity, budgets and so targets' entries change. Two more
  // grants make both origins' grant intensities exceed 1 somewhere, as training does.
  const Country country = ring_country(40);
  Config config = busy_config(country);
  Intervention grants;
  grants.instrument = Instrument::ngo_grant;
  grants.start = {2000, 1};
  grants.end = {2004, 4};
  grants.targets = {TargetedRegions::Kind::most_exposed, {}, 0, 3};
  grants.intensity = 0.8;
  for (const std::uint32_t donor : {1U, 2U}) {
    grants.name = "more grants " + std::to_string(donor);
    grants.donor = donor;
    config.interventions.push_back(grants);
  }
  WorldFixture fixture(config, country, 17);
  World& w = fixture.world;
  const Params& p = w.config.params;
  // Frames (MODEL.md §6): prosecution favours law over victim, protection the reverse.
  auto frame_factor = [&p](Frame frame, Reform reform) {
    const bool law = reform == Reform::law, victim = reform == Reform::victim;
    if (frame == Frame::balanced || (!law && !victim)) return 1.0;
    return (frame == Frame::prosecution) == law ? p.frame_strong : p.frame_weak;
  };
  std::size_t targeted_ticks = 0, capped_instrument = 0, capped_foreign = 0, capped_domestic = 0;
  std::size_t shared_ticks = 0;
  for (Tick t = 0; t < 64; ++t) {
    run_phase(w, "schedule", t);
    run_phase(w, "exposure", t);
    std::vector<RegionIntensity> dense(w.fixed.region_count);
    for (std::size_t i = 0; i < w.config.interventions.size(); ++i) {
      const double intensity = w.scratch.intervention_intensity[i];
      if (!(intensity > 0.0)) continue;
      const Intervention& iv = w.config.interventions[i];
      const Donor& donor = w.config.donors[iv.donor];
      const std::size_t m = index(iv.instrument);
      const double exposure_weight = w.fixed.intervention_visibility[i] *
                                     w.state.donors.foreignness[iv.donor] *
                                     (1.0 - donor.local_ownership);
      for (std::uint32_t e = w.draws.target_offsets[i]; e < w.draws.target_offsets[i + 1]; ++e) {
        RegionIntensity& sum = dense[w.draws.targets[e]];
        sum.foreign_exposure += exposure_weight * intensity;
        sum.instrument[m] += intensity;
        if (iv.instrument == Instrument::ngo_grant) {
          (donor.foreign ? sum.foreign_grant : sum.domestic_grant) += intensity;
        }
        for (std::size_t k = 0; k < kReformCount; ++k) {
          sum.direct_effect[k] +=
              p.effect[m][k] * frame_factor(donor.frame, static_cast<Reform>(k)) * intensity;
        }
      }
    }
    for (std::size_t r = 0; r < dense.size(); ++r) {
      const RegionIntensity& sparse = w.scratch.intensity(r);
      for (std::size_t m = 0; m < kInstrumentCount; ++m) {
        CHECK(sparse.instrument[m] == std::min(dense[r].instrument[m], 1.0));
      }
      CHECK(sparse.foreign_grant == std::min(dense[r].foreign_grant, 1.0));
      CHECK(sparse.domestic_grant == std::min(dense[r].domestic_grant, 1.0));
      CHECK(sparse.direct_effect == dense[r].direct_effect);
      CHECK(sparse.foreign_exposure == dense[r].foreign_exposure);
      for (const double sum : dense[r].instrument) capped_instrument += sum > 1.0 ? 1 : 0;
      capped_foreign += dense[r].foreign_grant > 1.0 ? 1 : 0;
      capped_domestic += dense[r].domestic_grant > 1.0 ? 1 : 0;
    }
    const std::size_t entries = w.scratch.intensity_entries.size();
    const auto targeted = static_cast<std::size_t>(
        std::count_if(w.scratch.intensity_entry.begin(), w.scratch.intensity_entry.end(),
                      [](std::uint32_t entry) { return entry != 0; }));
    targeted_ticks += targeted > 0 ? 1 : 0;
    shared_ticks += entries - 1 < targeted ? 1 : 0;
    step(w, t);  // schedules the same again, then the rest of the tick
  }
  CHECK(targeted_ticks > 0);
  CHECK(targeted_ticks < 64);  // some ticks target nothing: stale entries would show there
  CHECK(shared_ticks > 0);     // regions with the same interventions share their entry
  CHECK(capped_instrument > 0);
  CHECK(capped_foreign > 0);
  CHECK(capped_domestic > 0);
}
