// The printed comparison table: years as years, a ratio only where it means something, "–" for
// what is undefined, and censored outcomes marked with their count.

#include "sim/runner/comparison_text.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

using namespace policysim;
using runner::format_fixed;
using runner::format_value;
using runner::PrintedOutcome;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

PrintedOutcome row(const std::string& outcome, const std::string& unit, double mean_ref,
                   double mean_arm, double ref_standard_error) {
  PrintedOutcome printed;
  printed.unit = unit;
  printed.row.arm = "eu";
  printed.row.reference = "us";
  printed.row.outcome = outcome;
  printed.row.replicates = printed.row.pairs = 20;
  printed.row.mean_ref = mean_ref;
  printed.row.mean_arm = mean_arm;
  printed.row.mean_diff = mean_arm - mean_ref;
  printed.row.ratio = mean_ref == 0 ? kNaN : mean_arm / mean_ref;
  printed.row.t_low = printed.row.mean_diff - 0.1;
  printed.row.t_high = printed.row.mean_diff + 0.1;
  printed.row.boot_low = printed.row.t_low;
  printed.row.boot_high = printed.row.t_high;
  printed.row.cohens_d = 0.5;
  printed.row.vrf = 2;
  printed.ref_standard_error = ref_standard_error;
  return printed;
}

/// The printed line of `outcome` in `text`.
std::string line_of(const std::string& text, const std::string& outcome) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with(outcome + " ")) return line;
  }
  FAIL("no line for " << outcome);
  return {};
}

}  // namespace

TEST_CASE("numbers are printed in fixed notation to their significant figures",
          "[runner][compare][text]") {
  CHECK(format_fixed(12345.4, 4) == "12345");
  CHECK(format_fixed(1942.0, 4) == "1942");
  CHECK(format_fixed(-2.0733, 4) == "-2.073");
  CHECK(format_fixed(0.000123456, 4) == "0.0001235");
  CHECK(format_fixed(1.5, 4) == "1.5");
  CHECK(format_fixed(0.0, 4) == "0");
  CHECK(format_fixed(-0.0000002798, 2) == "-2.8e-07");
  CHECK(format_fixed(142037166487.0, 3) == "1.42e+11");
  CHECK(format_fixed(kNaN, 4) == "–");
  CHECK(format_fixed(kInf, 3) == "–");
  CHECK(format_fixed(-kInf, 3) == "–");
}

TEST_CASE("dates are printed as years with two decimals, and their differences in years",
          "[runner][compare][text]") {
  // 2003Q4 is 2003.75; four significant figures would print 2004.
  CHECK(format_value(2003.75, "year") == "2003.75");
  CHECK(format_value(2004.0, "year") == "2004.00");
  CHECK(format_value(-2.0733, "year") == "-2.07");
  CHECK(format_value(1942.3, "cases") == "1942");
  CHECK(format_value(0.1292, "0-1") == "0.1292");
}

TEST_CASE("a ratio is printed only for amounts whose reference is clearly above zero",
          "[runner][compare][text]") {
  CHECK(runner::ratio_is_meaningful(row("final_adopted_law", "regions", 1.57, 0.15, 0.12)));
  CHECK(runner::ratio_is_meaningful(row("peak_resistance", "0-1", 0.474, 0.63, 0.001)));
  // 0.01 regions in the reference is one standard error from zero: 530 times means nothing.
  CHECK_FALSE(runner::ratio_is_meaningful(row("final_adopted_victim", "regions", 0.01, 5.3, 0.01)));
  CHECK_FALSE(runner::ratio_is_meaningful(row("final_adopted_multi", "regions", 0, 1.39, 0.0)));
  // A constant reference above zero has no standard error and a meaningful ratio.
  CHECK(runner::ratio_is_meaningful(row("total_cases", "cases", 10, 12, 0.0)));
  // Dates and correlations are not on a ratio scale.
  CHECK_FALSE(runner::ratio_is_meaningful(row("law_passed_year", "year", 2004.1, 2002.0, 0.1)));
  CHECK_FALSE(runner::ratio_is_meaningful(row("morans_i_law", "index", 0.4, 0.6, 0.01)));
  auto censored = row("quarters_to_third_law", "quarters", 40, 30, 1);
  censored.ref_censored = 3;
  CHECK_FALSE(runner::ratio_is_meaningful(censored));
}

TEST_CASE("the table marks censored outcomes with their count and shows '–' for undefined VRF",
          "[runner][compare][text]") {
  auto agree = row("final_resistance", "0-1", 0.43, 0.43, 0.01);
  agree.row.vrf = kInf;  // the arms agree on every replicate
  auto year = row("law_passed_year", "year", 2003.8, 2002.03, 0.1);
  auto none_reached = row("quarters_to_third_law", "quarters", 64, 64, 0);
  none_reached.arm_censored = none_reached.ref_censored = 20;
  none_reached.row.vrf = kNaN;
  auto some_reached = row("quarters_to_third_victim", "quarters", 60, 50, 1);
  some_reached.arm_censored = 5;
  some_reached.ref_censored = 12;
  std::ostringstream out;
  runner::print_arm_table(out, "eu - us", "eu", "us", {agree, year, none_reached, some_reached},
                          64);
  const std::string text = out.str();
  INFO(text);
  CHECK(text.find("inf") == std::string::npos);
  CHECK(line_of(text, "final_resistance").find(" 0-1 ") != std::string::npos);
  CHECK(line_of(text, "law_passed_year").find(" year ") != std::string::npos);
  CHECK(line_of(text, "final_resistance").ends_with("–"));
  CHECK(line_of(text, "law_passed_year").find("2003.80") != std::string::npos);
  CHECK(line_of(text, "law_passed_year").find("-1.77") != std::string::npos);
  CHECK(line_of(text, "quarters_to_third_law").find("censored") != std::string::npos);
  CHECK(line_of(text, "quarters_to_third_law").find("≥64") != std::string::npos);
  CHECK(line_of(text, "quarters_to_third_victim").find("≥60") != std::string::npos);
  CHECK(line_of(text, "quarters_to_third_victim").find("-10") != std::string::npos);
  CHECK(text.find("quarters_to_third_victim: 5 of 20 eu runs and 12 of 20 us runs never") !=
        std::string::npos);
  CHECK(text.find("64 quarters (censored)") != std::string::npos);
}
