// Each class of scenario error names the file, the line and the column, and says what to do.

#include <catch2/catch.hpp>

#include <string>

#include "load_error.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_error.hpp"
#include "temp_file.hpp"

using Catch::Contains;
using policysim::scenario::load_scenario;
using policysim::scenario::ScenarioError;
using policysim::scenario::testing::load_error;
using policysim::scenario::testing::write_scenario;
using policysim::scenario::testing::write_variant;

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
  INFO(body);
  return policysim::scenario::testing::load_error(write_scenario(kHeader + body));
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
  CHECK_THAT(donor.what(), Contains("unknown donor `US goverment` in intervention `x`; did you "
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
  CHECK_THAT(e.message(),
             Contains("`replications` is -3; it must be a whole number from 1 to 2147483647"));
  // What `--reps` accepts: a larger count would wrap round in the runner's int.
  const auto huge = error_of("replications: 1000000000000\n");
  CHECK(huge.line() == 7);
  CHECK_THAT(huge.message(), Contains("`replications` is 1000000000000; it must be a whole number "
                                      "from 1 to 2147483647"));
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

TEST_CASE("a target's condition names an outcome and a range, and `counted` is true or false",
          "[scenario][errors]") {
  const auto e = error_of(
      "targets:\n"
      "  - {name: a, metric: lambda, stat: last, window: [2001Q1, 2001Q4], range: [0, 0.5], "
      "given: {outcome: law_passed, range: [1997, 2003]}}\n"
      "  - {name: b, metric: lambda, stat: last, window: [2001Q1, 2001Q4], range: [0, 0.5], "
      "given: {outcome: law_passed_year}}\n"
      "  - {name: c, metric: P, stat: change, window: [2001Q1, 2001Q4], range: [0, 1], "
      "counted: maybe}\n");
  REQUIRE(e.diagnostics().size() == 3);
  CHECK(e.diagnostics()[0].mark.line == 8);
  CHECK_THAT(e.diagnostics()[0].message, Contains("`given` of target `a`") &&
                                             Contains("unknown outcome `law_passed`") &&
                                             Contains("law_passed_year"));
  CHECK(e.diagnostics()[1].mark.line == 9);
  CHECK_THAT(e.diagnostics()[1].message, Contains("missing required key `range`"));
  CHECK(e.diagnostics()[2].mark.line == 10);
  CHECK_THAT(e.diagnostics()[2].message, Contains("`counted` of target `c`"));
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
  // Each district gets a name in memory: 4e9 of them made `validate` allocate until out of memory.
  const auto hostile = write_scenario(
      "name: t\nstart: 2000Q1\nend: 2000Q4\n"
      "synthetic: {regions: 4000000000, districts: 4000000000}\n");
  CHECK_THROWS_WITH(load_scenario(hostile), Contains("`synthetic.districts` is 4000000000; it must "
                                                     "be a whole number from 1 to 1000"));
  const auto codes = write_scenario(
      "name: t\nstart: 2000Q1\nend: 2000Q4\nsynthetic: {regions: 10, districts: 2}\n"
      "donors: [{name: d, foreignness: 0, foreign: false}]\n"
      "interventions: [{name: x, donor: d, instrument: training, start: 2000Q1, end: 2000Q1, "
      "targets: [S0000010]}]\n");
  CHECK_THROWS_WITH(load_scenario(codes), Contains("unknown region code `S0000010`; this synthetic "
                                                   "country has codes S0000000 to S0000009"));
}

TEST_CASE("a file with thousands of problems reports the first 50 and counts the rest",
          "[scenario][errors]") {
  std::string body;
  for (int i = 0; i < 1000; ++i) body += "unknown_" + std::to_string(i) + ": 1\n";  // lines 7..
  const auto e = error_of(body);
  REQUIRE(e.diagnostics().size() == policysim::scenario::kMaxReportedProblems);
  CHECK(e.omitted() == 950);
  CHECK(e.diagnostics().front().mark.line == 7);
  CHECK(e.diagnostics().back().mark.line == 7 + 49);  // the first 50 by position
  CHECK_THAT(e.diagnostics().back().message, Contains("unknown key `unknown_49`"));
  const std::string what = e.what();
  CHECK(std::count(what.begin(), what.end(), '\n') == 50);  // 50 problems and the count line
  CHECK_THAT(what, Contains(": ... and 950 more problems of the same file"));
}

TEST_CASE("problems past the limit keep the first ones by position", "[scenario][errors]") {
  // Found in an order other than file order: the unknown top-level keys (lines 36..335) are found
  // when the top level is read, the bad donors above them (lines 6..35) afterwards.
  std::string text = "name: t\nstart: 2000Q1\nend: 2003Q4\nregions: russia83\ndonors:\n";
  for (int i = 0; i < 30; ++i) {
    text += "  - {name: d" + std::to_string(i) + ", foreignness: 2, foreign: true}\n";
  }
  for (int i = 0; i < 300; ++i) text += "zz_" + std::to_string(i) + ": 1\n";
  try {
    load_scenario(write_scenario(text));
    FAIL("expected a ScenarioError");
  } catch (const ScenarioError& e) {
    REQUIRE(e.diagnostics().size() == 50);
    CHECK(e.omitted() == 280);
    CHECK(e.diagnostics()[0].mark.line == 6);
    CHECK_THAT(e.diagnostics()[0].message, Contains("`foreignness` of donor `d0` is 2"));
    CHECK(e.diagnostics()[29].mark.line == 35);
    CHECK(e.diagnostics()[30].mark.line == 36);
    CHECK_THAT(e.diagnostics()[30].message, Contains("unknown key `zz_0`"));
    CHECK_THAT(e.diagnostics()[49].message, Contains("unknown key `zz_19`"));
  }
}

TEST_CASE("a reversed run period is reported alone, without claims about the run",
          "[scenario][errors]") {
  const auto path = write_scenario(
      "name: t\nstart: 2012Q4\nend: 2000Q4\nregions: russia83\n"
      "forced_events:\n  - {event: law, quarter: 2003Q4}\n"
      "targets:\n  - {name: a, metric: P, stat: mean, window: [2001Q1, 2001Q4], range: [0, 1]}\n");
  try {
    load_scenario(path);
    FAIL("expected a ScenarioError");
  } catch (const ScenarioError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.line() == 3);
    CHECK(e.column() == 6);
    CHECK_THAT(e.message(), Contains("`end` 2000Q4 is before `start` 2012Q4"));
    CHECK_THAT(std::string(e.what()), !Contains("outside the run"));
  }
}

TEST_CASE("a quarter outside the valid years says which years are valid", "[scenario][errors]") {
  const auto e = error_of("forced_events:\n  - {event: law, quarter: 0001Q1}\n");
  CHECK(e.line() == 8);
  CHECK(e.column() == 27);
  CHECK_THAT(e.message(), Contains("`quarter` of a forced event is `0001Q1`: year 0001 is outside "
                                   "the valid years 1000 to 9999"));
  const auto five_digits = error_of("forced_events:\n  - {event: law, quarter: 20031Q1}\n");
  CHECK_THAT(five_digits.message(), Contains("year 20031 is outside the valid years"));
  const auto not_a_quarter = error_of("forced_events:\n  - {event: law, quarter: 2003Q5}\n");
  CHECK_THAT(not_a_quarter.message(), Contains("not a quarter: expected YYYYQn"));
}

TEST_CASE("a duplicate donor is reported once and valid donors are listed once",
          "[scenario][errors]") {
  const auto e = error_of(
      "  - {name: US government, foreignness: 0.5, foreign: true}\n"
      "interventions:\n"
      "  - {name: x, donor: EU, instrument: training, start: 2001Q1, end: 2001Q2, targets: all}\n");
  REQUIRE(e.diagnostics().size() == 2);
  CHECK(e.diagnostics()[0].mark.line == 7);
  CHECK_THAT(e.diagnostics()[0].message, Contains("donor `US government` is defined twice"));
  CHECK(e.diagnostics()[1].mark.line == 9);
  CHECK_THAT(e.diagnostics()[1].message,
             Contains("valid donors: US government (define donors under `donors:`)"));
}

TEST_CASE("an intervention entirely outside the run is accepted with a warning",
          "[scenario][errors]") {
  const auto path = write_scenario(
      kHeader +
      "interventions:\n"
      "  - {name: late tour, donor: US government, instrument: training, start: 2010Q1, "
      "end: 2011Q4, targets: all}\n"
      "  - {name: early tour, donor: US government, instrument: training, start: 1999Q1, "
      "end: 2000Q1, targets: all}\n");
  const auto scenario = load_scenario(path);
  REQUIRE(scenario.warnings.size() == 1);  // the early tour overlaps the run's first quarter
  const auto& warning = scenario.warnings.front();
  CHECK(warning.file == path.string());
  CHECK(warning.mark.line == 8);
  CHECK(warning.mark.column == 5);
  CHECK_THAT(warning.str(), Contains(":8:5: warning: intervention `late tour` runs 2010Q1 to "
                                     "2011Q4, entirely outside the run 2000Q1 to 2003Q4"));
  CHECK(load_scenario(write_scenario(kHeader)).warnings.empty());
}

TEST_CASE("a parameter outside its plausible range is accepted with a warning giving the range",
          "[scenario][errors]") {
  // beta_resistance: plausible 1 to 6, valid 0 to 50 in the parameter table (MODEL.md §7).
  const auto path = write_scenario(kHeader + "parameters:\n  beta_resistance: 9\n  gamma: 0.2\n");
  const auto scenario = load_scenario(path);
  REQUIRE(scenario.warnings.size() == 1);
  CHECK(scenario.warnings[0].mark.line == 8);
  CHECK(scenario.warnings[0].mark.column == 20);
  CHECK_THAT(scenario.warnings[0].str(),
             Contains(":8:20: warning: parameter `beta_resistance` = 9 is outside its plausible "
                      "range 1 to 6"));
  CHECK(scenario.config.params.beta_resistance == 9.0);
  // The ends of the plausible range are inside it.
  CHECK(load_scenario(write_scenario(kHeader + "parameters: {beta_resistance: 6}\n"))
            .warnings.empty());
}

TEST_CASE("a problem on an inherited line names the file it is in", "[scenario][errors][extends]") {
  // The base's implausible parameter (line 8 of s.yaml) warns when the base is read and when a
  // variant inherits it; the variant's own, on its line 3, names the variant.
  const auto variant = write_variant(kHeader + "parameters:\n  beta_resistance: 9\n",
                                     "name: v\nparameters: {gamma: 0.9}\n");
  const auto base = (variant.parent_path() / "s.yaml").string();
  const auto scenario = load_scenario(variant);
  REQUIRE(scenario.warnings.size() == 2);  // in the order found: the inherited map's keys first
  CHECK(scenario.warnings[0].file == base);
  CHECK(scenario.warnings[0].mark.line == 8);
  CHECK(scenario.warnings[0].mark.column == 20);
  CHECK_THAT(scenario.warnings[0].message, Contains("`beta_resistance` = 9"));
  CHECK(scenario.warnings[1].file == variant.string());
  CHECK(scenario.warnings[1].mark.line == 3);
  CHECK_THAT(scenario.warnings[1].message, Contains("`gamma` = 0.9"));
  // An error that only the variant's change makes, on a line of the base: the base's target
  // window (its line 9) lies outside the run the variant shortens. Reported in the base's file,
  // after the variant's own error.
  const auto shortened = write_variant(
      kHeader +
          "targets:\n  - {name: late, metric: resistance_mean, stat: mean, window: [2003Q1, "
          "2003Q4], range: [0, 1]}\n",
      "name: v\nend: 2001Q4\nparameters: {gamma: 2}\n");
  const auto error = load_error(shortened);
  REQUIRE(error.diagnostics().size() == 2);
  CHECK(error.diagnostics()[0].file == shortened.string());
  CHECK(error.diagnostics()[0].mark.line == 4);
  CHECK(error.diagnostics()[1].file == (shortened.parent_path() / "s.yaml").string());
  CHECK(error.diagnostics()[1].mark.line == 8);
  CHECK_THAT(error.diagnostics()[1].message, Contains("outside the run"));
}

TEST_CASE(
    "a visibility override equal to the instrument's visibility warns that it changes nothing",
    "[scenario][errors]") {
  // MODEL.md section 6: training's visibility is 0.2, the task force tour's 0.8.
  const std::string interventions =
      "interventions:\n"
      "  - {name: same, donor: US government, instrument: training, start: 2001Q1, end: 2001Q4, "
      "targets: all, visibility: 0.2}\n"
      "  - {name: other, donor: US government, instrument: task_force_tour, start: 2001Q1, "
      "end: 2001Q4, targets: all, visibility: 0.2}\n";
  const auto scenario = load_scenario(write_scenario(kHeader + interventions));
  REQUIRE(scenario.warnings.size() == 1);
  CHECK(scenario.warnings[0].mark.line == 8);
  CHECK_THAT(scenario.warnings[0].str(),
             Contains("warning: `visibility` 0.2 of intervention `same` is already the "
                      "visibility of `training`, so it changes nothing"));
  // The default is the scenario's: with training's visibility set to 0.3, 0.2 is a change, and
  // an arm that sets 0.3 again is told so.
  const auto changed = load_scenario(write_scenario(
      kHeader + "parameters: {visibility: {training: 0.3}}\n" + interventions +
      "arms:\n"
      "  - name: again\n"
      "    interventions_add:\n"
      "      - {name: more, donor: US government, instrument: training, start: 2002Q1, "
      "end: 2002Q4, targets: all, visibility: 0.3}\n"));
  REQUIRE(changed.warnings.size() == 1);
  CHECK_THAT(changed.warnings[0].str(), Contains("`visibility` 0.3 of intervention `more`"));
}

TEST_CASE("a missing `extends` file is missing input, reported at the `extends` line",
          "[scenario][errors]") {
  const auto path = write_scenario("name: t\nextends: no_such_parent.yaml\n");
  try {
    load_scenario(path);
    FAIL("expected a MissingInputError");
  } catch (const policysim::scenario::MissingInputError& e) {
    CHECK(e.file() == path.string());
    CHECK(e.line() == 2);
    CHECK(e.column() == 10);
    CHECK_THAT(e.message(),
               Contains("`extends` names " + (path.parent_path() / "no_such_parent.yaml").string() +
                        ", which does not exist"));
  }
}
