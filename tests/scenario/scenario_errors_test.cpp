// Each class of scenario error names the file, the line and the column, and says what to do.

#include <catch2/catch.hpp>

#include <string>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_error.hpp"
#include "temp_file.hpp"

using Catch::Contains;
using policysim::scenario::load_scenario;
using policysim::scenario::ScenarioError;
using policysim::scenario::testing::write_scenario;

namespace {

const std::string kHeader =
    "name: t\n"
    "start: 2000Q1\n"
    "end: 2003Q4\n"
    "regions: russia83\n"
    "donors:\n"
    "  - {name: US government, foreignness: 1.0, foreign: true}\n";  // lines 1-6

/// The error of loading kHeader + `body` (whose first line is line 7).
ScenarioError error_of(const std::string& body) {
  const auto path = write_scenario(kHeader + body);
  try {
    load_scenario(path);
  } catch (const ScenarioError& e) {
    CHECK(e.file() == path.string());
    return e;
  }
  FAIL("expected a ScenarioError for:\n" << body);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("an unknown key names the closest valid key", "[scenario][errors]") {
  const auto e = error_of("parameters:\n  beta_resist: 2\n");
  CHECK(e.line() == 8);
  CHECK(e.column() == 3);
  CHECK_THAT(e.message(), Contains("unknown key `beta_resist` in `parameters`; did you mean "
                                   "`beta_resistance`? valid keys: gamma, beta0,"));

  const auto top = error_of("replication: 3\n");
  CHECK(top.line() == 7);
  CHECK(top.column() == 1);
  CHECK_THAT(top.message(), Contains("did you mean `replications`?"));

  const auto nested = error_of("parameters:\n  beta0: {law: -4, victm: -5}\n");
  CHECK(nested.line() == 8);
  CHECK(nested.column() == 20);
  CHECK_THAT(nested.message(), Contains("in `parameters.beta0`; did you mean `victim`? valid keys: "
                                        "law, victim, multi, unit"));

  const auto donor = error_of(
      "interventions:\n  - {name: x, donor: US goverment, instrument: "
      "training, start: 2001Q1, end: 2001Q2, targets: all, intensty: 1}\n");
  CHECK(donor.diagnostics().size() == 2);
  CHECK_THAT(donor.what(), Contains("unknown donor `US goverment` in `intervention `x``; did you "
                                    "mean `US government`?"));
  CHECK_THAT(donor.what(), Contains("did you mean `intensity`?"));
}

TEST_CASE("a probability outside [0,1] is an error at its value", "[scenario][errors]") {
  const auto e = error_of(
      "interventions:\n"
      "  - name: x\n"
      "    donor: US government\n"
      "    instrument: training\n"
      "    start: 2001Q1\n"
      "    end: 2001Q4\n"
      "    targets: all\n"
      "    intensity: 1.5\n");
  CHECK(e.line() == 14);
  CHECK(e.column() == 16);
  CHECK_THAT(e.message(), Contains("`intensity` of intervention `x` is 1.5, outside its valid "
                                   "range [0, 1]"));
}

TEST_CASE("a parameter outside its valid range names the range", "[scenario][errors]") {
  const auto e = error_of("parameters: {gamma: 2}\n");
  CHECK(e.line() == 7);
  CHECK(e.column() == 21);
  CHECK_THAT(e.message(), Contains("parameter `gamma` = 2 is outside its valid range [0, 1]"));
  const auto group = error_of("parameters: {beta0: -4}\n");
  CHECK_THAT(group.message(), Contains("`beta0` is a group of parameters"));
}

TEST_CASE("an end before a start is an error at the end", "[scenario][errors]") {
  const auto e = error_of(
      "interventions:\n"
      "  - {name: x, donor: US government, instrument: training,\n"
      "     start: 2002Q1, end: 2001Q4, targets: all}\n");
  CHECK(e.line() == 9);
  CHECK(e.column() == 26);
  CHECK_THAT(e.message(), Contains("`end` 2001Q4 is before `start` 2002Q1"));
}

TEST_CASE("a run whose end is before its start is an error", "[scenario][errors]") {
  const auto path = write_scenario("name: t\nstart: 2005Q1\nend: 2004Q4\nregions: russia83\n");
  try {
    load_scenario(path);
    FAIL("expected a ScenarioError");
  } catch (const ScenarioError& e) {
    CHECK(e.line() == 3);
    CHECK(e.column() == 6);
    CHECK_THAT(e.message(), Contains("`end` 2004Q4 is before `start` 2005Q1"));
  }
}

TEST_CASE("an unknown region code names the nearest code", "[scenario][errors]") {
  const auto e = error_of(
      "interventions:\n"
      "  - {name: x, donor: US government, instrument: training,\n"
      "     start: 2001Q1, end: 2001Q4, targets: [RU-MOW, RU-MSK]}\n");
  CHECK(e.line() == 9);
  CHECK(e.column() == 52);
  CHECK_THAT(e.message(), Contains("unknown region code `RU-MSK`; the nearest code is `RU-"));
  const auto adopter = error_of("initial_adopters:\n  - {region: RU-KHX, law: 0.5}\n");
  CHECK(adopter.line() == 8);
  CHECK(adopter.column() == 14);
  CHECK_THAT(adopter.message(), Contains("the nearest code is `RU-KHA`"));
  const auto district = error_of(
      "interventions:\n"
      "  - {name: x, donor: US government, instrument: training,\n"
      "     start: 2001Q1, end: 2001Q4, targets: {district: Far East}}\n");
  CHECK_THAT(district.message(),
             Contains("unknown district `Far East`; did you mean `Far Eastern`?"));
}

TEST_CASE("a bad quarter string says how quarters are written", "[scenario][errors]") {
  const auto e = error_of("forced_events:\n  - {event: law, quarter: 2003-Q4}\n");
  CHECK(e.line() == 8);
  CHECK(e.column() == 27);
  CHECK_THAT(e.message(), Contains("`quarter` of a forced event is `2003-Q4`, not a quarter: "
                                   "expected YYYYQn with n in 1..4, e.g. 2003Q4"));
  const auto q5 = error_of("series:\n  tip: {2001Q5: 1}\n");
  CHECK(q5.line() == 8);
  CHECK(q5.column() == 9);
}

TEST_CASE("a negative count is an error", "[scenario][errors]") {
  const auto e = error_of("replications: -3\n");
  CHECK(e.line() == 7);
  CHECK(e.column() == 15);
  CHECK_THAT(e.message(), Contains("`replications` is -3; it must be a whole number >= 1"));
  const auto random = error_of(
      "interventions:\n"
      "  - {name: x, donor: US government, instrument: training,\n"
      "     start: 2001Q1, end: 2001Q4, targets: {random: 100}}\n");
  CHECK_THAT(random.message(), Contains("is 100 but the country has only 83 regions"));
}

TEST_CASE("a value of the wrong type says what was expected", "[scenario][errors]") {
  const auto e = error_of("seed: [1, 2]\n");
  CHECK(e.line() == 7);
  CHECK(e.column() == 7);
  CHECK_THAT(e.message(), Contains("expected a whole number for `seed`, got a list"));
  const auto flag = error_of("mechanisms: {learning: maybe}\n");
  CHECK(flag.column() == 24);
  CHECK_THAT(flag.message(), Contains("expected true or false for mechanism `learning`"));
  const auto number = error_of("parameters: {gamma: fast}\n");
  CHECK_THAT(number.message(), Contains("expected a number for parameter `gamma`, got `fast`"));
  const auto instrument = error_of(
      "interventions:\n"
      "  - {name: x, donor: US government, instrument: trainig,\n"
      "     start: 2001Q1, end: 2001Q4, targets: all}\n");
  CHECK(instrument.line() == 8);
  CHECK(instrument.column() == 49);
  CHECK_THAT(instrument.message(), Contains("unknown instrument `trainig`; did you mean "
                                            "`training`? valid values: training,"));
}

TEST_CASE("a missing required key is an error at its map", "[scenario][errors]") {
  const auto e = error_of("donors2: 1\n");
  CHECK(e.diagnostics().size() == 1);
  const auto path = write_scenario("name: t\nstart: 2000Q1\nregions: russia83\n");
  try {
    load_scenario(path);
    FAIL("expected a ScenarioError");
  } catch (const ScenarioError& error) {
    CHECK(error.line() == 1);
    CHECK(error.column() == 1);
    CHECK_THAT(error.message(), Contains("missing required key `end` in `scenario`"));
  }
}

TEST_CASE("a target is checked for stat, window, threshold and range", "[scenario][errors]") {
  const auto e = error_of(
      "targets:\n"
      "  - {name: a, metric: P, stat: average, window: [2001Q1, 2001Q4], "
      "range: [0, 1]}\n"
      "  - {name: b, metric: P, stat: mean, window: [2001Q1, 2009Q4], "
      "range: [0, 1]}\n"
      "  - {name: c, metric: U, stat: first_reached, window: [2001Q1, 2001Q4], "
      "range: [2001, 2002]}\n"
      "  - {name: d, metric: law_passed_year, stat: outcome, range: [2004, "
      "2003]}\n");
  REQUIRE(e.diagnostics().size() == 4);
  CHECK(e.diagnostics()[0].mark.line == 8);
  CHECK_THAT(e.diagnostics()[0].message, Contains("unknown stat `average`"));
  CHECK(e.diagnostics()[1].mark.line == 9);
  CHECK_THAT(e.diagnostics()[1].message, Contains("outside the run 2000Q1 to 2003Q4"));
  CHECK(e.diagnostics()[2].mark.line == 10);
  CHECK_THAT(e.diagnostics()[2].message, Contains("missing required key `threshold`"));
  CHECK(e.diagnostics()[3].mark.line == 11);
  CHECK_THAT(e.diagnostics()[3].message, Contains("the end of `range` of target `d` is before"));
}

TEST_CASE("a target names a metric the model records", "[scenario][errors]") {
  const auto e = error_of(
      "targets:\n"
      "  - {name: a, metric: resistence_mean, stat: mean, window: [2001Q1, 2001Q4], "
      "range: [0, 1]}\n"
      "  - {name: b, metric: law_passed, stat: outcome, range: [2003, 2005]}\n");
  REQUIRE(e.diagnostics().size() == 2);
  CHECK(e.diagnostics()[0].mark.line == 8);
  CHECK(e.diagnostics()[0].mark.column == 23);
  CHECK_THAT(e.diagnostics()[0].message,
             Contains("target `a`: unknown series metric `resistence_mean`; did you mean "
                      "`resistance_mean`?"));
  CHECK(e.diagnostics()[1].mark.line == 9);
  CHECK_THAT(e.diagnostics()[1].message,
             Contains("unknown outcome `law_passed`") && Contains("law_passed_year"));
}

TEST_CASE("all errors of a file are reported together, in file order", "[scenario][errors]") {
  const auto e = error_of(
      "replications: 0\n"
      "parameters: {gamma: -1, beta_resist: 1}\n"
      "forced_events:\n"
      "  - {event: lawx, quarter: 2003Q4}\n"
      "seeds: 3\n");
  REQUIRE(e.diagnostics().size() == 5);
  std::vector<int> lines;
  for (const auto& d : e.diagnostics()) lines.push_back(d.mark.line);
  CHECK(lines == std::vector<int>{7, 8, 8, 10, 11});
  const std::string what = e.what();
  CHECK(std::count(what.begin(), what.end(), '\n') == 4);
  CHECK_THAT(what, Contains(":11:1: unknown key `seeds` in `scenario`; did you mean `seed`?"));
}

TEST_CASE("a synthetic country's codes and sizes are checked", "[scenario][errors]") {
  const auto path = write_scenario(
      "name: t\nstart: 2000Q1\nend: 2000Q4\n"
      "synthetic: {regions: 10, districts: 20}\n");
  CHECK_THROWS_WITH(load_scenario(path), Contains("but there are only 10 regions"));
  const auto codes = write_scenario(
      "name: t\nstart: 2000Q1\nend: 2000Q4\nsynthetic: {regions: 10, districts: 2}\n"
      "donors: [{name: d, foreignness: 0, foreign: false}]\n"
      "interventions: [{name: x, donor: d, instrument: training, start: 2000Q1, end: 2000Q1, "
      "targets: [S0000010]}]\n");
  CHECK_THROWS_WITH(load_scenario(codes), Contains("unknown region code `S0000010`; this synthetic "
                                                   "country has codes S0000000 to S0000009"));
}
