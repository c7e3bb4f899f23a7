#include "sim/runner/comparison_text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>

namespace policysim::runner {
namespace {

constexpr const char* kUndefined = "–";

/// Characters, not bytes, of UTF-8 text: "–" and "≥" take one column.
std::size_t columns(const std::string& text) {
  std::size_t count = 0;
  for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return count;
}

std::string pad_right(const std::string& text, std::size_t width) {
  const std::size_t used = columns(text);
  return used >= width ? text : text + std::string(width - used, ' ');
}

std::string pad_left(const std::string& text, std::size_t width) {
  const std::size_t used = columns(text);
  if (used >= width) return text;
  std::string padded(width - used, ' ');
  return padded.append(text);
}

std::string interval(double low, double high, std::string_view unit) {
  if (!std::isfinite(low) || !std::isfinite(high)) return kUndefined;
  std::string text = "[";
  return text.append(format_value(low, unit))
      .append(", ")
      .append(format_value(high, unit))
      .append("]");
}

bool censored(const PrintedOutcome& outcome) {
  return outcome.arm_censored > 0 || outcome.ref_censored > 0;
}

bool all_censored(const PrintedOutcome& outcome) {
  return outcome.row.pairs > 0 && outcome.arm_censored == outcome.row.pairs &&
         outcome.ref_censored == outcome.row.pairs;
}

/// A mean of values of which some are the censoring limit is a lower bound of the uncensored mean.
std::string mean_text(double mean, int censored_runs, std::string_view unit) {
  std::string text = format_value(mean, unit);
  if (censored_runs == 0 || !std::isfinite(mean)) return text;
  std::string marked = "≥";
  return marked.append(text);
}

/// The arm name as a column header: at most `width` characters.
std::string header_name(const std::string& name, std::size_t width) {
  if (name.size() <= width) return name;
  return name.substr(0, width - 1).append("~");
}

constexpr std::size_t kOutcomeWidth = 22, kUnitWidth = 11, kPairsWidth = 5, kMeanWidth = 10,
                      kDiffWidth = 10, kIntervalWidth = 22, kRatioWidth = 7, kEffectWidth = 7,
                      kVrfWidth = 6;

}  // namespace

bool is_censored_outcome(std::string_view outcome) {
  return outcome.starts_with("quarters_to_third_");
}

bool ratio_is_meaningful(const PrintedOutcome& outcome) {
  const auto& row = outcome.row;
  // A date's ratio has no meaning, nor has that of an index such as Moran's I, which crosses zero.
  if (outcome.unit == kYearUnit || outcome.unit == "index") return false;
  if (censored(outcome) || !std::isfinite(row.ratio) || row.mean_ref == 0) return false;
  if (std::isnan(outcome.ref_standard_error)) return false;
  return std::fabs(row.mean_ref) > 2 * outcome.ref_standard_error;
}

std::string format_fixed(double value, int significant) {
  if (!std::isfinite(value)) return kUndefined;
  if (value == 0) return "0";
  char text[64];
  if (std::fabs(value) >= 1e6 || std::fabs(value) < 1e-4) {  // a line of zeros helps no one
    std::snprintf(text, sizeof text, "%.*g", significant, value);
    return text;
  }
  // Digits after the point so that `significant` figures show, never fewer than none.
  const int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(value))));
  const int decimals = std::max(0, significant - 1 - magnitude);
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  std::string result = text;
  if (result.find('.') != std::string::npos) {  // 0.1500 -> 0.15, 2.000 -> 2
    while (result.back() == '0') result.pop_back();
    if (result.back() == '.') result.pop_back();
  }
  return result == "-0" ? "0" : result;
}

std::string format_value(double value, std::string_view unit) {
  if (!std::isfinite(value)) return kUndefined;
  if (unit == kYearUnit) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", value);
    return text;
  }
  return format_fixed(value, 4);
}

void print_arm_table(std::ostream& out, const std::string& title, const std::string& arm,
                     const std::string& reference, const std::vector<PrintedOutcome>& rows,
                     int run_length_quarters) {
  std::size_t outcome_width = kOutcomeWidth;
  for (const auto& printed : rows)
    outcome_width = std::max(outcome_width, printed.row.outcome.size());
  out << '\n' << title << '\n';
  out << pad_right("outcome", outcome_width) << ' ' << pad_right("unit", kUnitWidth) << ' '
      << pad_left("pairs", kPairsWidth) << ' '
      << pad_left(header_name(reference, kMeanWidth), kMeanWidth) << ' '
      << pad_left(header_name(arm, kMeanWidth), kMeanWidth) << ' '
      << pad_left("difference", kDiffWidth) << "  " << pad_right("95% t interval", kIntervalWidth)
      << ' ' << pad_right("95% bootstrap", kIntervalWidth) << ' ' << pad_left("ratio", kRatioWidth)
      << ' ' << pad_left("diff/sd", kEffectWidth) << ' ' << pad_left("VRF", kVrfWidth) << '\n';
  std::vector<const PrintedOutcome*> censored_rows;
  for (const auto& printed : rows) {
    const auto& row = printed.row;
    const bool none_reached = all_censored(printed);
    std::string difference = format_value(row.mean_diff, printed.unit);  // dates: in years
    std::string t = interval(row.t_low, row.t_high, printed.unit);
    std::string bootstrap = interval(row.boot_low, row.boot_high, printed.unit);
    std::string effect = format_fixed(row.cohens_d, 2);
    std::string vrf = format_fixed(row.vrf, 3);
    if (none_reached) {  // the run length in both: no effect can be read
      difference = "censored";
      t = bootstrap = effect = vrf = kUndefined;
    } else if (censored(printed)) {
      effect = kUndefined;  // a spread of censored values is not the outcome's spread
    }
    if (censored(printed)) censored_rows.push_back(&printed);
    out << pad_right(row.outcome, outcome_width) << ' ' << pad_right(printed.unit, kUnitWidth)
        << ' ' << pad_left(std::to_string(row.pairs), kPairsWidth) << ' '
        << pad_left(mean_text(row.mean_ref, printed.ref_censored, printed.unit), kMeanWidth) << ' '
        << pad_left(mean_text(row.mean_arm, printed.arm_censored, printed.unit), kMeanWidth) << ' '
        << pad_left(difference, kDiffWidth) << "  " << pad_right(t, kIntervalWidth) << ' '
        << pad_right(bootstrap, kIntervalWidth) << ' '
        << pad_left(ratio_is_meaningful(printed) ? format_fixed(row.ratio, 3) : kUndefined,
                    kRatioWidth)
        << ' ' << pad_left(effect, kEffectWidth) << ' ' << pad_left(vrf, kVrfWidth) << '\n';
  }
  for (const auto* printed : censored_rows) {
    out << "  " << printed->row.outcome << ": " << printed->arm_censored << " of "
        << printed->row.pairs << ' ' << arm << " runs and " << printed->ref_censored << " of "
        << printed->row.pairs << ' ' << reference
        << " runs never had a third of regions adopt and count as the run length, "
        << run_length_quarters << " quarters (censored): ≥ marks a mean that is a lower bound\n";
  }
}

void print_column_notes(std::ostream& out) {
  out << "\ndifference: mean over replicates of (arm - reference) run by run, in the outcome's "
         "unit (for a date, in years)\n"
         "diff/sd: the difference over the outcome's standard deviation across replicates (the "
         "two arms pooled, Cohen's d): 0.2 is small beside the run-to-run spread, 2 is large\n"
         "ratio: arm / reference, only for amounts whose reference mean is more than two standard "
         "errors from zero\n"
         "VRF: variance of an unpaired difference over the paired one, from the same runs (how "
         "many times more replicates independent seeds would need); – where the arms agree on "
         "every replicate or the difference is undefined\n";
}

}  // namespace policysim::runner
