// A variant changes the donors and interventions it inherits by name (`_add`, `_remove`,
// `_replace`), and a bare list that drops inherited items says so.

#include "sim/scenario/variant_lists.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "load_error.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_error.hpp"
#include "temp_file.hpp"

using Catch::Contains;
using policysim::scenario::load_scenario;
using policysim::scenario::Scenario;
using policysim::scenario::ScenarioError;
using policysim::scenario::testing::write_scenario;

namespace {

constexpr const char* kBase = R"(name: base
start: 2000Q1
end: 2003Q4
regions: russia83
donors:
  - {name: US government, foreignness: 1.0, foreign: true}
  - {name: Russian NGOs, foreignness: 0.1, foreign: false}
interventions:
  - {name: Tour, donor: US government, instrument: task_force_tour, start: 2000Q1, end: 2001Q4, targets: all}
  - {name: Grants, donor: Russian NGOs, instrument: ngo_grant, start: 2000Q1, end: 2003Q4, targets: {random: 5}, intensity: 0.5}
  - {name: Training, donor: US government, instrument: training, start: 2001Q1, end: 2002Q4, targets: [RU-MOW]}
)";

/// A variant of kBase: `body` after an `extends` line, so its first line is line 2.
std::filesystem::path write_variant(const std::string& body) {
  return policysim::scenario::testing::write_variant(kBase, body);
}

std::vector<std::string> intervention_names(const Scenario& s) {
  std::vector<std::string> names;
  for (const auto& iv : s.config.interventions) names.push_back(iv.name);
  return names;
}

ScenarioError error_of(const std::string& body) {
  INFO(body);
  return policysim::scenario::testing::load_error(write_variant(body));
}

}  // namespace

TEST_CASE("interventions_add keeps the inherited interventions and adds after them",
          "[scenario][extends][variant]") {
  const Scenario s = load_scenario(write_variant(
      "name: eu\n"
      "donors_add:\n"
      "  - {name: EU, foreignness: 0.8, foreign: true}\n"
      "interventions_add:\n"
      "  - {name: EU training, donor: EU, instrument: judicial_training, start: 2002Q1, "
      "end: 2003Q4, targets: {district: Far Eastern}}\n"));
  CHECK(intervention_names(s) ==
        std::vector<std::string>{"Tour", "Grants", "Training", "EU training"});
  REQUIRE(s.config.donors.size() == 3);
  CHECK(s.config.donors[2].name == "EU");
  CHECK(s.config.interventions[3].donor == 2);
  CHECK(s.config.interventions[1].donor == 1);  // inherited ones keep their donors
  CHECK(s.warnings.empty());
}

TEST_CASE("interventions_remove drops named ones, or all of them", "[scenario][extends][variant]") {
  const Scenario some = load_scenario(write_variant("name: v\ninterventions_remove: [Grants]\n"));
  CHECK(intervention_names(some) == std::vector<std::string>{"Tour", "Training"});
  const Scenario none = load_scenario(write_variant(
      "name: v\ninterventions_remove: all\ninterventions_add:\n"
      "  - {name: Solo, donor: Russian NGOs, instrument: conference, start: 2000Q1, end: 2000Q4, "
      "targets: all}\n"));
  CHECK(intervention_names(none) == std::vector<std::string>{"Solo"});
  CHECK(none.warnings.empty());
}

TEST_CASE("interventions_replace changes one in place", "[scenario][extends][variant]") {
  const Scenario s = load_scenario(write_variant(
      "name: v\ninterventions_replace:\n"
      "  - {name: Grants, donor: US government, instrument: ngo_grant, start: 2000Q1, "
      "end: 2003Q4, targets: all, intensity: 0.9}\n"));
  CHECK(intervention_names(s) == std::vector<std::string>{"Tour", "Grants", "Training"});
  CHECK(s.config.interventions[1].intensity == 0.9);
  CHECK(s.config.interventions[1].donor == 0);
}

TEST_CASE("donors_replace and donors_remove change inherited donors by name",
          "[scenario][extends][variant]") {
  const Scenario s = load_scenario(write_variant(
      "name: v\ndonors_replace:\n  - {name: US government, foreignness: 0.5, foreign: true}\n"
      "donors_remove: [Russian NGOs]\ninterventions_remove: [Grants]\n"));
  REQUIRE(s.config.donors.size() == 1);
  CHECK(s.config.donors[0].foreignness == 0.5);
}

TEST_CASE("a donor removed and added back under its name keeps its interventions valid",
          "[scenario][extends][variant]") {
  const Scenario s =
      load_scenario(write_variant("name: v\ndonors_remove: all\ndonors_add:\n"
                                  "  - {name: US government, foreignness: 0.2, foreign: true}\n"
                                  "  - {name: Russian NGOs, foreignness: 0.1, foreign: false}\n"));
  REQUIRE(s.config.donors.size() == 2);
  CHECK(s.config.donors[0].foreignness == 0.2);
  CHECK(s.config.interventions.size() == 3);
}

TEST_CASE("the shipped variants change their lists explicitly, without warnings",
          "[scenario][extends][variant]") {
  const auto root = std::filesystem::path(POLICYSIM_SOURCE_DIR) / "scenarios";
  for (const char* name : {"us_style.yaml", "nordic_network.yaml", "domestic_ngo_led.yaml",
                           "funding_withdrawal.yaml"}) {
    INFO(name);
    // The one warning allowed is the inherited P_Z2 of baseline.yaml, below the range MODEL.md §7
    // now gives it until the recalibration; no warning comes from the variants' lists.
    for (const auto& warning : load_scenario(root / name).warnings) {
      INFO(warning.str());
      CHECK(warning.message.find("`P_Z2` = 0.484 is outside its plausible range") !=
            std::string::npos);
    }
  }
}

TEST_CASE("an unknown name to remove or replace is an error with the closest inherited name",
          "[scenario][extends][variant][errors]") {
  const auto removed = error_of("name: v\ninterventions_remove: [Tour, Grant]\n");
  CHECK(removed.line() == 3);
  CHECK(removed.column() == 30);
  CHECK_THAT(removed.message(),
             Contains("unknown intervention `Grant` in `interventions_remove`; did you mean "
                      "`Grants`? valid interventions: Tour, Grants, Training"));
  CHECK_THAT(removed.message(), Contains("inherited from"));

  const auto replaced = error_of(
      "name: v\ninterventions_replace:\n"
      "  - {name: Trainng, donor: US government, instrument: training, start: 2001Q1, "
      "end: 2002Q4, targets: all}\n");
  CHECK(replaced.line() == 4);
  CHECK(replaced.column() == 12);
  CHECK_THAT(replaced.message(), Contains("did you mean `Training`?"));
  CHECK_THAT(replaced.message(), Contains("use `interventions_add` for a new intervention"));

  const auto donor = error_of("name: v\ndonors_remove: [US govt]\n");
  CHECK_THAT(donor.message(), Contains("unknown donor `US govt` in `donors_remove`"));
}

TEST_CASE("adding a name that is inherited says to replace it instead",
          "[scenario][extends][variant][errors]") {
  const auto e = error_of(
      "name: v\ninterventions_add:\n"
      "  - {name: Tour, donor: US government, instrument: training, start: 2001Q1, "
      "end: 2002Q4, targets: all}\n");
  CHECK(e.line() == 4);
  CHECK_THAT(e.message(), Contains("intervention `Tour` is already inherited from"));
  CHECK_THAT(e.message(), Contains("use `interventions_replace` to change it"));
}

TEST_CASE("removing a donor that inherited interventions still use is an error",
          "[scenario][extends][variant][errors]") {
  const auto e = error_of("name: v\ndonors_remove: [US government]\n");
  CHECK(e.line() == 3);
  CHECK(e.column() == 17);
  CHECK_THAT(e.message(), Contains("donor `US government` is removed, but 2 interventions still "
                                   "name it (Tour, Training)"));
}

TEST_CASE("a bare list and changes to the same list are not given together",
          "[scenario][extends][variant][errors]") {
  const auto e = error_of("name: v\ninterventions: []\ninterventions_remove: [Tour]\n");
  CHECK(e.line() == 4);
  CHECK_THAT(e.message(), Contains("give either `interventions`"));
}

TEST_CASE("a bare list in a variant that drops inherited items warns, naming how to add",
          "[scenario][extends][variant]") {
  const Scenario s = load_scenario(write_variant(
      "name: v\ninterventions:\n"
      "  - {name: Solo, donor: Russian NGOs, instrument: conference, start: 2000Q1, end: 2000Q4, "
      "targets: all}\n"));
  CHECK(intervention_names(s) == std::vector<std::string>{"Solo"});
  REQUIRE(s.warnings.size() == 1);
  CHECK(s.warnings[0].mark.line == 3);
  CHECK(s.warnings[0].mark.column == 1);
  CHECK_THAT(s.warnings[0].message,
             Contains("`interventions` replaces the 3 interventions inherited from"));
  CHECK_THAT(s.warnings[0].message,
             Contains("and drops 3 of them (Tour, Grants, Training); to keep them and add "
                      "yours, write `interventions_add:` instead"));

  // Restating every inherited donor (with changes) drops nothing: no warning.
  const Scenario restated = load_scenario(
      write_variant("name: v\ndonors:\n  - {name: US government, foreignness: 0.9, foreign: true}\n"
                    "  - {name: Russian NGOs, foreignness: 0.1, foreign: false}\n"));
  CHECK(restated.warnings.empty());
}

TEST_CASE("list changes in a file that extends nothing are an error",
          "[scenario][variant][errors]") {
  const auto path = write_scenario(std::string(kBase) + "interventions_remove: [Tour]\n");
  try {
    load_scenario(path);
    FAIL("expected a ScenarioError");
  } catch (const ScenarioError& e) {
    CHECK(e.line() == 12);
    CHECK(e.column() == 1);
    CHECK_THAT(e.message(), Contains("`interventions_remove` changes the interventions a variant "
                                     "inherits through `extends:`; this file extends nothing"));
  }
}

TEST_CASE("targets_add keeps the inherited targets, and a paired one is kept apart",
          "[scenario][extends][variant]") {
  const std::string with_facts =
      std::string(kBase) +
      "targets:\n"
      "  - {name: law by 2003, metric: law_passed_year, stat: outcome, range: [2000, 2003.75]}\n";
  const Scenario s = load_scenario(policysim::scenario::testing::write_variant(
      with_facts,
      "name: cuts_compared\n"
      "arms:\n"
      "  - {name: cuts, interventions_remove: [Grants]}\n"
      "targets_add:\n"
      "  - {name: victim lower after cuts, arm: cuts, metric: mean_victim, stat: last, "
      "window: [2003Q4, 2003Q4], range: [-1, -1.0e-9]}\n"));
  REQUIRE(s.targets.size() == 1);
  CHECK(s.targets[0].name == "law by 2003");
  REQUIRE(s.paired_targets.size() == 1);
  CHECK(s.paired_targets[0].arm == "cuts");
  CHECK(s.paired_targets[0].paired());
  CHECK(s.warnings.empty());
  // A bare `targets:` still replaces the inherited ones, without a warning.
  const Scenario replaced = load_scenario(
      policysim::scenario::testing::write_variant(with_facts, "name: none\ntargets: []\n"));
  CHECK(replaced.targets.empty());
  CHECK(replaced.warnings.empty());
}
