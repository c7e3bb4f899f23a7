#include "sim/scenario/scenario.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "sim/scenario/scenario_error.hpp"
#include "temp_file.hpp"

using policysim::core::Quarter;
using policysim::model::Instrument;
using policysim::model::TargetedRegions;
using policysim::scenario::load_scenario;
using policysim::scenario::Scenario;
using policysim::scenario::ScenarioError;
using policysim::scenario::testing::write_scenario;

namespace {

constexpr const char* kValid = R"(name: round trip
description: every section once
start: 2000Q1
end: 2003Q4
regions: russia83
include_edges: [doubtful]
replications: 5
seed: 99
adoption_mode: hazard
mechanisms: {learning: false, obstruction: true}
parameters:
  gamma: 0.2
  beta0: {law: -3, victim: -6}
  effect:
    training: {law: 0.7}
  upsilon0.second: -6
donors:
  - {name: A, foreignness: 1.0, local_ownership: 0.1, foreign: true, frame: prosecution, horizon: 2003Q2}
  - {name: B, foreignness: 0.3, foreign: false, frame: protection}
interventions:
  - {name: one, donor: B, instrument: exchange, start: 2001Q1, end: 2002Q2, targets: [RU-MOW, RU-KHA], intensity: 0.4, visibility: 0.1}
  - {name: two, donor: A, instrument: task_force_tour, start: 2002Q1, end: 2002Q1, targets: {district: north-western}}
  - {name: three, donor: A, instrument: legislation_push, start: 2001Q1, end: 2003Q4, targets: all}
  - {name: four, donor: B, instrument: ngo_grant, start: 2000Q1, end: 2000Q4, targets: {random: 17}}
  - {name: five, donor: B, instrument: training, start: 2000Q1, end: 2000Q4, targets: {most_exposed: 10}}
series:
  tip: {2001Q2: 1, 2002Q2: 0.3, 2003Q2: 0.6}
  elections: [2000Q1, {from: 2003Q4, to: 2004Q2}]
  un: [{from: 2000Q4, to: 2003Q4, value: 1}]
forced_events:
  - {event: unit_special, quarter: 2002Q1}
initial_adopters:
  - {region: RU-KHA, law: 0.6, multi: 0.2}
ngos:
  - {name: Syostri, region: RU-MOW, resources: 0.5, foreign_share: 0.2}
default_ngos: false
targets:
  - {name: cases, metric: share_regions_with_cases, stat: max, window: [2003Q1, 2003Q4], range: [0.1, 0.3], source: test}
  - {name: law year, metric: law_passed_year, stat: outcome, range: [2003, 2004.75], share: 0.5}
  - {name: first, metric: U, stat: first_reached, window: [2000Q1, 2003Q4], threshold: 1, range: [2000, 2002.75]}
  - {name: rise, metric: P, stat: change, window: [2000Q4, 2002Q4], range: [1.0e-9, 1], given: {outcome: law_passed_year, range: [1997, 2003.75]}, counted: false}
)";

std::uint32_t region(const Scenario& s, const std::string& code) {
  const auto country = policysim::scenario::load_country(s);
  for (std::uint32_t r = 0; r < country.region_count(); ++r) {
    if (country.codes[r] == code) return r;
  }
  FAIL("no region " << code);
  return 0;
}

}  // namespace

TEST_CASE("a valid scenario round-trips into the right Config values", "[scenario][load]") {
  const Scenario s = load_scenario(write_scenario(kValid));
  const auto& c = s.config;
  CHECK(s.name == "round trip");
  CHECK(s.description == "every section once");
  CHECK(c.start == Quarter(2000, 1));
  CHECK(c.end == Quarter(2003, 4));
  CHECK(c.tick_count() == 16);
  CHECK(s.replications == 5);
  CHECK(s.seed == 99);
  CHECK(s.region_count == 83);
  CHECK(s.country.include_edges == std::vector<std::string>{"doubtful"});
  CHECK(policysim::scenario::load_country(s).land_edges.size() == 188);

  CHECK_FALSE(c.mechanisms.learning);
  CHECK(c.mechanisms.obstruction);
  CHECK(c.mechanisms.emulation);

  CHECK(c.params.gamma == 0.2);
  CHECK(c.params.beta0[0] == -3.0);
  CHECK(c.params.beta0[1] == -6.0);
  CHECK(c.params.beta0[2] == -4.5);  // the default stays
  CHECK(c.params.upsilon0[1] == -6.0);
  CHECK(s.parameters.at("effect.training.law") == 0.7);
  CHECK(s.parameters.size() == 5);

  REQUIRE(c.donors.size() == 2);
  CHECK(c.donors[0].foreign);
  CHECK(c.donors[0].frame == policysim::model::Frame::prosecution);
  CHECK(c.donors[0].horizon == Quarter(2003, 2));
  CHECK(c.donors[0].local_ownership == 0.1);
  CHECK_FALSE(c.donors[1].foreign);
  CHECK(c.donors[1].frame == policysim::model::Frame::protection);
  CHECK_FALSE(c.donors[1].horizon.has_value());

  REQUIRE(c.interventions.size() == 5);
  const auto& one = c.interventions[0];
  CHECK(one.donor == 1);
  CHECK(one.instrument == Instrument::exchange);
  CHECK(one.start == Quarter(2001, 1));
  CHECK(one.end == Quarter(2002, 2));
  CHECK(one.targets.kind == TargetedRegions::Kind::regions);
  CHECK(one.targets.regions ==
        std::vector<std::uint32_t>{region(s, "RU-MOW"), region(s, "RU-KHA")});
  CHECK(one.intensity == 0.4);
  CHECK(one.visibility == 0.1);
  CHECK(c.interventions[1].donor == 0);
  CHECK(c.interventions[1].targets.kind == TargetedRegions::Kind::district);
  CHECK(c.interventions[1].targets.district == 1);  // Northwestern, matched loosely
  CHECK(c.interventions[1].intensity == 1.0);
  CHECK_FALSE(c.interventions[1].visibility.has_value());
  CHECK(c.interventions[2].targets.kind == TargetedRegions::Kind::all);
  CHECK(c.interventions[3].targets.kind == TargetedRegions::Kind::random);
  CHECK(c.interventions[3].targets.count == 17);
  CHECK(c.interventions[4].targets.kind == TargetedRegions::Kind::most_exposed);
  CHECK(c.interventions[4].targets.count == 10);

  // 2000Q1..2003Q4: the TIP map is a step function, lists mark quarters or spans.
  CHECK(c.tip == std::vector<double>{0, 0, 0, 0, 0, 1, 1, 1, 1, 0.3, 0.3, 0.3, 0.3, 0.6, 0.6, 0.6});
  CHECK(c.elections == std::vector<double>{1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
  CHECK(c.un == std::vector<double>{0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1});

  REQUIRE(c.forced_events.size() == 1);
  CHECK(c.forced_events[0].kind == policysim::model::ForcedEvent::Kind::unit_special);
  CHECK(c.forced_events[0].when == Quarter(2002, 1));
  REQUIRE(c.initial_adopters.size() == 1);
  CHECK(c.initial_adopters[0].region == region(s, "RU-KHA"));
  CHECK(c.initial_adopters[0].level == policysim::model::PerReform{0.6, 0, 0.2, 0});
  REQUIRE(c.named_ngos.size() == 1);
  CHECK(c.named_ngos[0].name == "Syostri");
  CHECK(c.named_ngos[0].resources == 0.5);
  CHECK(c.named_ngos[0].foreign_share == 0.2);
  CHECK(c.named_ngos[0].legitimacy == 0.5);
  CHECK_FALSE(c.default_ngos);

  REQUIRE(s.targets.size() == 4);
  CHECK(s.targets[0].stat == policysim::scenario::StylisedFactStat::max);
  CHECK(s.targets[0].window_start == Quarter(2003, 1));
  CHECK(s.targets[0].low == 0.1);
  CHECK(s.targets[0].high == 0.3);
  CHECK(s.targets[0].share == 0.6);
  CHECK(s.targets[0].source == "test");
  CHECK(s.targets[1].stat == policysim::scenario::StylisedFactStat::outcome);
  CHECK_FALSE(s.targets[1].window_start.has_value());
  CHECK(s.targets[1].share == 0.5);
  CHECK(s.targets[2].threshold == 1.0);
  CHECK(s.targets[2].counted);
  CHECK_FALSE(s.targets[2].given.has_value());
  CHECK(s.targets[3].stat == policysim::scenario::StylisedFactStat::change);
  CHECK(s.targets[3].window_start == Quarter(2000, 4));
  CHECK(s.targets[3].window_end == Quarter(2002, 4));
  REQUIRE(s.targets[3].given.has_value());
  CHECK(s.targets[3].given->outcome == "law_passed_year");
  CHECK(s.targets[3].given->low == 1997.0);
  CHECK(s.targets[3].given->high == 2003.75);
  CHECK_FALSE(s.targets[3].counted);

  CHECK(policysim::scenario::describe(s) ==
        "round trip: 2000Q1-2003Q4 (16 ticks), 83 regions (russia83), 2 donors, 5 interventions, "
        "4 targets, 5 replications, seed 99");
}

TEST_CASE("scenarios in scenarios/ and scenarios/smoke/ find the shared data folder",
          "[scenario][load]") {
  const auto root = std::filesystem::path(POLICYSIM_SOURCE_DIR);
  const auto data = std::filesystem::weakly_canonical(root / "scenarios" / "data");
  CHECK(std::filesystem::weakly_canonical(
            policysim::scenario::find_data_dir(root / "scenarios" / "smoke")) == data);
  CHECK(std::filesystem::weakly_canonical(policysim::scenario::find_data_dir(root / "scenarios")) ==
        data);
  const auto tiny = load_scenario(root / "scenarios" / "smoke" / "tiny.yaml");
  CHECK(std::filesystem::weakly_canonical(tiny.data_dir) == data);
  CHECK(policysim::scenario::load_country(tiny).region_count() == 83);
}

TEST_CASE("a scenario named without a folder finds the data from the working directory",
          "[scenario][load]") {
  // As after `cd scenarios/smoke && policysim run tiny.yaml`.
  const auto root = std::filesystem::path(POLICYSIM_SOURCE_DIR);
  struct WorkingDirectory {  // entered for the test, left again even when a check throws
    std::filesystem::path before = std::filesystem::current_path();
    explicit WorkingDirectory(const std::filesystem::path& dir) {
      std::filesystem::current_path(dir);
    }
    ~WorkingDirectory() { std::filesystem::current_path(before); }
  } in_smoke(root / "scenarios" / "smoke");
  const auto data = std::filesystem::weakly_canonical(root / "scenarios" / "data");
  CHECK(std::filesystem::weakly_canonical(policysim::scenario::find_data_dir({})) == data);
  CHECK(std::filesystem::weakly_canonical(load_scenario("tiny.yaml").data_dir) == data);
}

TEST_CASE("a synthetic scenario resolves its computed codes and builds its country",
          "[scenario][load][synthetic]") {
  const auto s = load_scenario(std::filesystem::path(POLICYSIM_SOURCE_DIR) / "scenarios" / "smoke" /
                               "synthetic.yaml");
  CHECK(s.country.kind == policysim::scenario::CountrySource::Kind::synthetic);
  CHECK(s.region_count == 200);
  REQUIRE(s.config.interventions.size() == 3);
  CHECK(s.config.interventions[2].targets.regions == std::vector<std::uint32_t>{0, 199});
  CHECK(s.config.interventions[0].targets.district == 0);
  const auto country = policysim::scenario::load_country(s);
  CHECK(country.region_count() == 200);
  CHECK(country.district_names.size() == 7);
}

TEST_CASE("every scenario file shipped in scenarios/ loads", "[scenario][load][shipped]") {
  const auto root = std::filesystem::path(POLICYSIM_SOURCE_DIR) / "scenarios";
  std::size_t loaded = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".yaml") continue;
    if (entry.path().parent_path().filename() == "data") continue;
    INFO(entry.path().string());
    try {
      const Scenario s = load_scenario(entry.path());
      CHECK_FALSE(s.name.empty());
      CHECK(policysim::scenario::load_country(s).region_count() == s.region_count);
      ++loaded;
    } catch (const ScenarioError& e) {
      FAIL(e.what());
    }
  }
  CHECK(loaded >= 2);
}

TEST_CASE("a variant extends a scenario, merging parameters and replacing lists",
          "[scenario][load][extends]") {
  const auto root = std::filesystem::path(POLICYSIM_SOURCE_DIR) / "scenarios";
  const Scenario base = load_scenario(root / "baseline.yaml");
  const Scenario backlash = load_scenario(root / "backlash_sensitive.yaml");
  CHECK(backlash.name == "backlash_sensitive");
  CHECK(backlash.config.params.alpha_F == 0.30);
  CHECK(backlash.config.params.kappa == 0.02);
  CHECK(backlash.config.interventions.size() == base.config.interventions.size());
  CHECK(backlash.targets.empty());
  const Scenario withdrawal = load_scenario(root / "funding_withdrawal.yaml");
  for (const auto& donor : withdrawal.config.donors) {
    CHECK(donor.horizon.has_value() == donor.foreign);
  }
  const Scenario no_tip = load_scenario(root / "no_tip_coercion.yaml");
  CHECK(std::all_of(no_tip.config.tip.begin(), no_tip.config.tip.end(),
                    [](double v) { return v == 0.0; }));
  CHECK(no_tip.config.un == base.config.un);
  CHECK(std::any_of(base.config.tip.begin(), base.config.tip.end(),
                    [](double v) { return v == 1.0; }));
}

TEST_CASE("a problem in an extended file is reported against that file",
          "[scenario][errors][extends]") {
  const auto parent = policysim::scenario::testing::write_scenario(
      "name: p\nstart: 2000Q1\nend: 2000Q4\nregions: russia83\nseed: -1\n");
  const auto child = parent.parent_path() / "child.yaml";
  std::ofstream(child) << "extends: s.yaml\nname: c\n";
  try {
    load_scenario(child);
    FAIL("expected a ScenarioError");
  } catch (const ScenarioError& e) {
    CHECK(e.file() == parent.string());
    CHECK(e.line() == 5);
  }
  std::ofstream(parent.parent_path() / "loop.yaml") << "extends: loop.yaml\nname: l\n";
  CHECK_THROWS_WITH(load_scenario(parent.parent_path() / "loop.yaml"), Catch::Contains("deep"));
}

TEST_CASE("a variant's parameter replaces the base's however either spells it",
          "[scenario][load][extends]") {
  using policysim::scenario::testing::write_variant;
  const std::string base =
      "name: b\nstart: 2000Q1\nend: 2000Q4\nregions: russia83\n"
      "parameters:\n  beta_resistance: 3.5\n  beta0.law: -5\n  beta0: {victim: -4.5}\n"
      "  upsilon0: {second: -6.5}\n";
  // By the spec's symbol over the name, nested over dotted, dotted over nested, name over symbol.
  const Scenario v = load_scenario(write_variant(
      base, "name: v\nparameters:\n  beta_R: 4\n  beta0: {law: -3}\n  upsilon0.second: -7\n"));
  CHECK(v.config.params.beta_resistance == 4.0);
  CHECK(v.config.params.beta0[0] == -3.0);     // law
  CHECK(v.config.params.beta0[1] == -4.5);     // victim, kept from the base
  CHECK(v.config.params.upsilon0[1] == -7.0);  // second
  CHECK(v.parameters == std::map<std::string, double>{{"beta_resistance", 4.0},
                                                      {"beta0.law", -3.0},
                                                      {"beta0.victim", -4.5},
                                                      {"upsilon0.second", -7.0}});
  CHECK(std::find(v.changes_from_base.begin(), v.changes_from_base.end(),
                  "parameter `beta_resistance` 3.5 -> 4") != v.changes_from_base.end());

  const std::string by_symbol =
      "name: b\nstart: 2000Q1\nend: 2000Q4\nregions: russia83\nparameters: {beta_R: 2}\n";
  const Scenario w =
      load_scenario(write_variant(by_symbol, "name: w\nparameters: {beta_resistance: 5}\n"));
  CHECK(w.config.params.beta_resistance == 5.0);

  // Within one file, the same parameter twice is still an error, at its second place.
  CHECK_THROWS_WITH(load_scenario(write_variant(
                        base, "name: x\nparameters:\n  beta_R: 4\n  beta_resistance: 5\n")),
                    Catch::Contains(":5:3: parameter `beta_resistance` is given twice"));
}
