// Arms: named changes to the base scenario, resolved into their own configurations and checked
// like the base (docs/compare.md).

#include "sim/scenario/arm_reader.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "load_error.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_error.hpp"
#include "temp_file.hpp"

using Catch::Contains;
using policysim::scenario::Arm;
using policysim::scenario::load_scenario;
using policysim::scenario::Scenario;
using policysim::scenario::ScenarioError;
using policysim::scenario::testing::write_scenario;

namespace {

const std::string kBase =
    "name: t\n"
    "start: 2000Q1\n"
    "end: 2003Q4\n"
    "regions: russia83\n"
    "donors:\n"
    "  - {name: US government, foreignness: 1.0, foreign: true}\n"
    "  - {name: Russian NGOs, foreignness: 0.1, foreign: false}\n"
    "interventions:\n"
    "  - {name: Tour, donor: US government, instrument: task_force_tour, start: 2001Q1, end: "
    "2002Q4, targets: {random: 10}}\n"
    "  - {name: Grants, donor: Russian NGOs, instrument: ngo_grant, start: 2000Q1, end: 2003Q4, "
    "targets: all}\n"
    "series:\n"
    "  tip: {2001Q1: 1.0}\n"
    "  un: [2000Q4]\n"
    "parameters: {gamma: 0.2}\n";  // lines 1-14; arms start on line 15

const Arm& arm_named(const Scenario& s, const std::string& name) {
  const auto it =
      std::find_if(s.arms.begin(), s.arms.end(), [&](const Arm& a) { return a.name == name; });
  REQUIRE(it != s.arms.end());
  return *it;
}

ScenarioError error_of(const std::string& arms) {
  INFO(arms);
  return policysim::scenario::testing::load_error(write_scenario(kBase + arms));
}

}  // namespace

TEST_CASE("arms resolve into the base's configuration with their changes", "[scenario][arms]") {
  const auto s = load_scenario(write_scenario(kBase + R"(arms:
  - {name: same}
  - name: changed
    description: every kind of change
    parameters: {alpha_F: 0.3}
    mechanisms: {resistance: false}
    series: {tip: []}
    forced_events: [{event: law, quarter: 2002Q1}]
    donors_replace:
      - {name: US government, foreignness: 0.8, foreign: true, horizon: 2002Q4}
    donors_add:
      - {name: Nordic, foreignness: 0.6, foreign: true}
    interventions_remove: [Grants]
    interventions_replace:
      - {name: Tour, donor: US government, instrument: task_force_tour, start: 2001Q1, end: 2003Q4, targets: {random: 20}}
    interventions_add:
      - {name: Exchange, donor: Nordic, instrument: exchange, start: 2001Q1, end: 2003Q4, targets: {district: Northwestern}}
  - name: replaced
    interventions:
      - {name: Only, donor: Russian NGOs, instrument: training, start: 2000Q1, end: 2000Q4, targets: all}
reference: same
)"));
  REQUIRE(s.arms.size() == 3);
  CHECK(s.reference == "same");
  CHECK(s.config.interventions.size() == 2);  // the base is untouched

  const Arm& same = arm_named(s, "same");
  CHECK(same.config.interventions.size() == 2);
  CHECK(same.config.params.gamma == s.config.params.gamma);
  CHECK(same.config.tip == s.config.tip);

  const Arm& changed = arm_named(s, "changed");
  CHECK(changed.description == "every kind of change");
  CHECK(changed.config.params.alpha_F == 0.3);
  CHECK(changed.config.params.gamma == 0.2);  // kept from the base
  CHECK(changed.parameters.at("alpha_F") == 0.3);
  CHECK(changed.parameters.at("gamma") == 0.2);
  CHECK_FALSE(changed.config.mechanisms.resistance);
  CHECK(std::all_of(changed.config.tip.begin(), changed.config.tip.end(),
                    [](double v) { return v == 0.0; }));
  CHECK(changed.config.un == s.config.un);  // a series the arm does not name stays
  REQUIRE(changed.config.forced_events.size() == 1);
  REQUIRE(changed.config.donors.size() == 3);
  CHECK(changed.config.donors[0].name == "US government");  // replaced in place
  CHECK(changed.config.donors[0].foreignness == 0.8);
  CHECK(changed.config.donors[0].horizon.has_value());
  CHECK(changed.config.donors[2].name == "Nordic");
  REQUIRE(changed.config.interventions.size() == 2);
  CHECK(changed.config.interventions[0].name == "Tour");
  CHECK(changed.config.interventions[0].targets.count == 20);
  CHECK(changed.config.interventions[1].name == "Exchange");
  CHECK(changed.config.interventions[1].donor == 2);

  const Arm& replaced = arm_named(s, "replaced");
  REQUIRE(replaced.config.interventions.size() == 1);
  CHECK(replaced.config.interventions[0].name == "Only");
  CHECK(replaced.config.interventions[0].donor == 1);
}

TEST_CASE("an arm changes a parameter the base sets, by its name or the spec's symbol",
          "[scenario][arms]") {
  // kBase sets gamma; a scenario extending the calibrated baseline sets many such parameters.
  const auto s = load_scenario(write_scenario(kBase + R"(arms:
  - {name: by_name, parameters: {gamma: 0.05}}
  - {name: by_symbol, parameters: {beta_R: 4.5}}
  - {name: nested, parameters: {beta0: {law: -3}}}
)"));
  const Arm& by_name = arm_named(s, "by_name");
  CHECK(by_name.config.params.gamma == 0.05);
  CHECK(by_name.parameters.at("gamma") == 0.05);
  const Arm& by_symbol = arm_named(s, "by_symbol");
  CHECK(by_symbol.config.params.beta_resistance == 4.5);
  CHECK(by_symbol.config.params.gamma == 0.2);  // the base's, unchanged
  CHECK(by_symbol.parameters.at("beta_resistance") == 4.5);
  CHECK(arm_named(s, "nested").config.params.beta0[0] == -3.0);
  CHECK(s.config.params.gamma == 0.2);  // the base is untouched

  // The same parameter twice within one arm is still an error.
  CHECK_THAT(
      error_of("arms:\n  - {name: twice, parameters: {beta_R: 4, beta_resistance: 5}}\n").what(),
      Contains("parameter `beta_resistance` is given twice"));
}

TEST_CASE("an unknown key of an arm names the closest one", "[scenario][arms][errors]") {
  const auto e = error_of("arms:\n  - {name: a, intervention_remove: [Tour]}\n");
  CHECK(e.line() == 16);
  CHECK(e.column() == 15);
  CHECK_THAT(e.message(), Contains("unknown key `intervention_remove` in `arm`; did you mean "
                                   "`interventions_remove`?"));
}

TEST_CASE("an arm can remove or replace only interventions that exist",
          "[scenario][arms][errors]") {
  const auto removed = error_of("arms:\n  - name: a\n    interventions_remove: [Tuor]\n");
  CHECK(removed.line() == 17);
  CHECK(removed.column() == 28);
  CHECK_THAT(removed.message(),
             Contains("unknown intervention `Tuor` in `interventions_remove`; did you "
                      "mean `Tour`? valid interventions: Tour, Grants (in arm `a`)"));

  const auto replaced = error_of(
      "arms:\n  - name: a\n    interventions_replace:\n      - {name: Grant, donor: Russian "
      "NGOs, instrument: ngo_grant, start: 2000Q1, end: 2000Q4, targets: all}\n");
  CHECK(replaced.line() == 18);
  CHECK_THAT(replaced.message(), Contains("did you mean `Grants`?"));
  CHECK_THAT(replaced.message(), Contains("use `interventions_add` for a new one"));

  const auto added = error_of(
      "arms:\n  - name: a\n    interventions_add:\n      - {name: Grants, donor: Russian NGOs, "
      "instrument: ngo_grant, start: 2000Q1, end: 2000Q4, targets: all}\n");
  CHECK(added.line() == 18);
  CHECK_THAT(added.message(), Contains("intervention `Grants` already exists in arm `a`"));

  const auto donor = error_of(
      "arms:\n  - name: a\n    donors_replace:\n      - {name: US goverment, foreignness: 0.5, "
      "foreign: true}\n");
  CHECK_THAT(donor.message(), Contains("did you mean `US government`?"));
}

TEST_CASE("an arm's values are checked like the base's", "[scenario][arms][errors]") {
  const auto parameter = error_of("arms:\n  - {name: a, parameters: {gamma: 7}}\n");
  CHECK(parameter.line() == 16);
  CHECK_THAT(parameter.message(), Contains("gamma"));

  const auto donor = error_of(
      "arms:\n  - name: a\n    interventions_add:\n      - {name: X, donor: Nobody, instrument: "
      "training, start: 2000Q1, end: 2000Q4, targets: all}\n");
  CHECK_THAT(donor.message(), Contains("unknown donor `Nobody`"));

  const auto region = error_of(
      "arms:\n  - name: a\n    interventions_add:\n      - {name: X, donor: Nobody, instrument: "
      "training, start: 2000Q1, end: 2000Q4, targets: [RU-MSK]}\n");
  CHECK(region.diagnostics().size() == 2);  // every problem of the file at once
}

TEST_CASE("arm names are unique, plain and not `base`, and the reference exists",
          "[scenario][arms][errors]") {
  CHECK_THAT(error_of("arms:\n  - {name: a}\n  - {name: a}\n").message(),
             Contains("arm `a` is defined twice"));
  CHECK_THAT(error_of("arms:\n  - {name: base}\n").message(),
             Contains("`base` is the base scenario itself"));
  CHECK_THAT(error_of("arms:\n  - {name: \"a,b\"}\n").message(),
             Contains("may hold only letters, digits"));
  const auto reference = error_of("arms:\n  - {name: us_style}\nreference: us_stlye\n");
  CHECK(reference.line() == 17);
  CHECK_THAT(reference.message(), Contains("did you mean `us_style`?"));
  CHECK_THAT(error_of("arms: {name: a}\n").message(), Contains("expected a list for `arms`"));
}

TEST_CASE("the shipped comparison declares the arms of MODEL.md section 10", "[scenario][arms]") {
  const auto s = load_scenario(std::filesystem::path(POLICYSIM_SOURCE_DIR) / "scenarios" /
                               "compare_interventions.yaml");
  std::vector<std::string> names;
  for (const auto& arm : s.arms) names.push_back(arm.name);
  CHECK(names == std::vector<std::string>{"us_style", "nordic_network", "domestic_ngo_led",
                                          "funding_withdrawal", "backlash_sensitive",
                                          "no_tip_coercion"});
  CHECK(s.reference == "base");
  // Each arm equals its variant file where the variant file states the change.
  const auto variant = [](const char* file) {
    return load_scenario(std::filesystem::path(POLICYSIM_SOURCE_DIR) / "scenarios" / file);
  };
  const auto same_interventions = [](const policysim::model::Config& a,
                                     const policysim::model::Config& b) {
    if (a.interventions.size() != b.interventions.size()) return false;
    for (std::size_t i = 0; i < a.interventions.size(); ++i) {
      const auto &x = a.interventions[i], &y = b.interventions[i];
      if (x.name != y.name || x.instrument != y.instrument || x.start != y.start ||
          x.end != y.end || x.intensity != y.intensity || x.targets.count != y.targets.count ||
          x.targets.regions != y.targets.regions ||
          a.donors[x.donor].name != b.donors[y.donor].name)
        return false;
    }
    return true;
  };
  const auto us = variant("us_style.yaml");
  CHECK(same_interventions(arm_named(s, "us_style").config, us.config));
  CHECK(arm_named(s, "us_style").config.tip == us.config.tip);
  CHECK(same_interventions(arm_named(s, "nordic_network").config,
                           variant("nordic_network.yaml").config));
  CHECK(same_interventions(arm_named(s, "domestic_ngo_led").config,
                           variant("domestic_ngo_led.yaml").config));
  const auto withdrawal = variant("funding_withdrawal.yaml");
  for (const auto& donor : arm_named(s, "funding_withdrawal").config.donors) {
    const auto it = std::find_if(withdrawal.config.donors.begin(), withdrawal.config.donors.end(),
                                 [&](const auto& d) { return d.name == donor.name; });
    REQUIRE(it != withdrawal.config.donors.end());
    CHECK(donor.horizon == it->horizon);
  }
  const auto backlash = variant("backlash_sensitive.yaml");
  CHECK(arm_named(s, "backlash_sensitive").config.params.alpha_F == backlash.config.params.alpha_F);
  CHECK(arm_named(s, "backlash_sensitive").config.params.kappa == backlash.config.params.kappa);
  CHECK(arm_named(s, "backlash_sensitive").config.params.mu_F == backlash.config.params.mu_F);
  CHECK(arm_named(s, "no_tip_coercion").config.tip == variant("no_tip_coercion.yaml").config.tip);
}
