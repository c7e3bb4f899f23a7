#pragma once
// The table `policysim compare` prints: each outcome's paired effect in the outcome's own terms
// (docs/compare.md). Years are printed as years and their differences in years, a ratio only where
// a ratio means something, the difference also relative to the outcome's spread, "–" for what is
// undefined, and an outcome censored at the run length marked as such, with the count.

#include <iosfwd>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "sim/store/comparison_table.hpp"

namespace policysim::runner {

/// One printed row: the stored comparison and what the runs themselves say beyond it.
struct PrintedOutcome {
  store::ComparisonRow row;
  std::string unit;      ///< the outcome's unit (model::kOutcomes), e.g. "regions", "year"
  int arm_censored = 0;  ///< runs of the arm, among the pairs, that hit the censoring limit
  int ref_censored = 0;  ///< the same for the reference arm
  double ref_standard_error = std::numeric_limits<double>::quiet_NaN();  ///< sd_ref / sqrt(pairs)
};

/// The unit of dates in decimal years (2003.75 is 2003Q4): `law_passed_year`, `z1_year`.
inline constexpr std::string_view kYearUnit = "year";

/// An outcome whose value is the run length when the event never happened: `quarters_to_third_*`.
bool is_censored_outcome(std::string_view outcome);

/// Whether arm / reference is worth printing: not for dates or indices (which cross zero), not for
/// censored values, and only when the reference mean is more than two standard errors from zero
/// (otherwise the denominator could as well be zero).
bool ratio_is_meaningful(const PrintedOutcome& outcome);

/// A value in `unit` for the table: years with two decimals (never in significant figures), others
/// with four significant figures (format_fixed), "–" for NaN or infinity.
std::string format_value(double value, std::string_view unit);

/// `value` rounded to `significant` figures in fixed notation (12345 stays 12345, 0.000123 stays
/// 0.000123), in scientific notation below 1e-4 and from 1e6 on, "–" for NaN or infinity.
std::string format_fixed(double value, int significant);

/// The table of one arm against the reference, under `title`. `run_length_quarters` is the
/// censoring limit of `quarters_to_third_*`.
void print_arm_table(std::ostream& out, const std::string& title, const std::string& arm,
                     const std::string& reference, const std::vector<PrintedOutcome>& rows,
                     int run_length_quarters);

/// The lines under the tables that say what the columns mean.
void print_column_notes(std::ostream& out);

}  // namespace policysim::runner
