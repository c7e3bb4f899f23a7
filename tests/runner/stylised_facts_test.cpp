// Targets as the facts read (MODEL.md §9): a change between two quarters, a target judged among
// the runs that meet a condition on another outcome, and a check left out of the count; each
// against values worked out by hand.

#include "sim/runner/stylised_facts.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

using policysim::core::Quarter;
using policysim::runner::given_values;
using policysim::runner::judge;
using policysim::runner::print_targets;
using policysim::runner::StylisedFactResult;
using policysim::runner::target_statistic;
using policysim::scenario::StylisedFact;
using policysim::scenario::StylisedFactCondition;
using policysim::scenario::StylisedFactStat;
using policysim::store::StoredRun;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

StylisedFact rise(Quarter from, Quarter to) {
  StylisedFact target;
  target.name = "P rose";
  target.metric = "P";
  target.stat = StylisedFactStat::change;
  target.window_start = from;
  target.window_end = to;
  target.low = 1e-9;
  target.high = 1.0;
  return target;
}

}  // namespace

TEST_CASE("a change is the value at the window's last quarter minus that at its first",
          "[runner][targets]") {
  // A run from 2000Q1: P = 0.30, 0.35, 0.32, 0.40, 0.38 in 2000Q1..2001Q1.
  const std::vector<double> series = {0.30, 0.35, 0.32, 0.40, 0.38};
  const Quarter start{2000, 1};
  CHECK(target_statistic(rise({2000, 1}, {2001, 1}), series, start) == Approx(0.08));
  CHECK(target_statistic(rise({2000, 2}, {2000, 3}), series, start) == Approx(-0.03));
  // A level above the start is not a rise: 0.35 at both ends is a change of 0.
  CHECK(target_statistic(rise({2000, 2}, {2000, 2}), series, start) == 0.0);
  // A window outside the run has no value.
  CHECK(std::isnan(target_statistic(rise({2003, 1}, {2003, 4}), series, start)));
  // Judged: 0.08 is a rise, -0.03 and 0 are not.
  const StylisedFactResult result = judge(rise({2000, 1}, {2001, 1}), {0.08, -0.03, 0.0});
  CHECK(result.share_in_range == Approx(1.0 / 3.0));
  CHECK(result.runs_judged == 3);
}

TEST_CASE("a target with a condition is judged only over the runs that meet it",
          "[runner][targets]") {
  StylisedFact punitive;
  punitive.name = "law is punitive";
  punitive.metric = "lambda";
  punitive.stat = StylisedFactStat::last;
  punitive.low = 0.0;
  punitive.high = 0.4999;
  punitive.share = 0.6;
  punitive.given = StylisedFactCondition{"law_passed_year", 1997.0, 2012.75};
  // Five runs: the law passed in three (lambda 0.3, 0.45, 0.7), never in two (lambda 0, which
  // the old encoding counted as punitive).
  const std::vector<double> lambda = {0.3, 0.0, 0.45, 0.7, 0.0};
  const std::vector<double> passed = {2003.75, kNaN, 2004.0, 2003.5, kNaN};
  const StylisedFactResult result = judge(punitive, lambda, passed);
  CHECK(result.runs_judged == 3);
  CHECK(result.share_in_range == Approx(2.0 / 3.0));  // 0.3 and 0.45 of the three
  CHECK(result.met);                                  // 2/3 >= 0.6
  // What is printed is the spread of those three: median 0.45, not the 0.3 of all five.
  std::ostringstream printed;
  print_targets(printed, {result});
  CHECK_THAT(printed.str(), Catch::Contains("of the 3 runs with") &&
                                Catch::Contains("median 0.45 [5%: 0.315, 95%: 0.675]"));
  // Without the condition the two runs without a law would count as punitive: 4 of 5.
  StylisedFact unconditional = punitive;
  unconditional.given.reset();
  CHECK(judge(unconditional, lambda).share_in_range == Approx(0.8));
  // A condition that no run meets leaves the share undefined and the target not met.
  const StylisedFactResult none = judge(punitive, lambda, std::vector<double>(5, kNaN));
  CHECK(none.runs_judged == 0);
  CHECK(std::isnan(none.share_in_range));
  CHECK_FALSE(none.met);

  // The condition's values come from the runs' outcome column of that name.
  std::vector<StoredRun> runs(3);
  const std::vector<std::string> columns = {"total_cases", "law_passed_year"};
  runs[0].outcomes = {10, 2003.75};
  runs[1].outcomes = {0, kNaN};
  runs[2].outcomes = {4, 2004.0};
  const std::vector<double> values = given_values(punitive, columns, runs);
  REQUIRE(values.size() == 3);
  CHECK(values[0] == 2003.75);
  CHECK(std::isnan(values[1]));
  CHECK(values[2] == 2004.0);
  CHECK(given_values(unconditional, columns, runs).empty());
}

TEST_CASE("a check is printed but left out of the count of targets met", "[runner][targets]") {
  StylisedFact counted = rise({2000, 1}, {2001, 1});
  StylisedFact check = counted;
  check.name = "toured regions resist more";
  check.counted = false;
  StylisedFact missed = counted;
  missed.name = "missed";
  const std::vector<StylisedFactResult> results = {
      judge(counted, {0.1, 0.2}), judge(check, {0.1, 0.2}), judge(missed, {-0.1, -0.2})};
  std::ostringstream text;
  print_targets(text, results);
  const std::string printed = text.str();
  CHECK(printed.find("CHECK    toured regions resist more (a check, not counted)") !=
        std::string::npos);
  // Two counted targets, one of them met; the check, met as well, is not among them.
  CHECK(printed.find("1 of 2 targets met (1 check not counted)") != std::string::npos);
}
