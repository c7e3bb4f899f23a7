#pragma once
// The names and positions of the outputs of MODEL.md §8. Scenario targets are written against
// these names: keep them stable.

#include <array>
#include <cstddef>
#include <string_view>

namespace policysim::model {

/// National series, one row per tick (the state at the end of the quarter).
enum class SeriesMetric : std::size_t {
  adopted_law,
  adopted_victim,
  adopted_multi,
  adopted_unit,
  share_adopted_law,
  share_adopted_victim,
  share_adopted_multi,
  share_adopted_unit,
  mean_law,
  mean_victim,
  mean_multi,
  mean_unit,
  resistance_mean,
  resistance_q05,
  resistance_q50,
  resistance_q95,
  resistance_toured_minus_other,
  P,
  U,
  law_in_force,
  lambda,
  Z1,
  Z2,
  cases,
  convictions,
  regions_with_cases,
  share_regions_with_cases,
  ngos_alive,
  foreign_intensity,
  domestic_intensity,
};
inline constexpr std::array<std::string_view, 30> kSeriesMetricNames = {
    "adopted_law",
    "adopted_victim",
    "adopted_multi",
    "adopted_unit",
    "share_adopted_law",
    "share_adopted_victim",
    "share_adopted_multi",
    "share_adopted_unit",
    "mean_law",
    "mean_victim",
    "mean_multi",
    "mean_unit",
    "resistance_mean",
    "resistance_q05",
    "resistance_q50",
    "resistance_q95",
    "resistance_toured_minus_other",
    "P",
    "U",
    "law_in_force",
    "lambda",
    "Z1",
    "Z2",
    "cases",
    "convictions",
    "regions_with_cases",
    "share_regions_with_cases",
    "ngos_alive",
    "foreign_intensity",
    "domestic_intensity"};

/// Regional series, per tick and region (only when asked).
enum class RegionMetric : std::size_t {
  a_law,
  a_victim,
  a_multi,
  a_unit,
  c,
  cJ,
  aJ,
  rho,
  s,
  cases,
};
inline constexpr std::array<std::string_view, 10> kRegionMetricNames = {
    "a_law", "a_victim", "a_multi", "a_unit", "c", "cJ", "aJ", "rho", "s", "cases"};

/// Per-run outcomes; the per-reform ones come in the order law, victim, multi, unit.
inline constexpr std::array<std::string_view, 38> kOutcomeNames = {
    "final_adopted_law", "final_adopted_victim", "final_adopted_multi", "final_adopted_unit",
    "adopted_12q_after_foreign_stop_law", "adopted_12q_after_foreign_stop_victim",
    "adopted_12q_after_foreign_stop_multi", "adopted_12q_after_foreign_stop_unit",
    "quarters_to_third_law", "quarters_to_third_victim", "quarters_to_third_multi",
    "quarters_to_third_unit", "peak_resistance", "final_resistance", "law_passed_year", "u1_year",
    "u2_year", "z1_year", "z2_year", "total_cases", "total_convictions", "morans_i_law",
    "morans_i_victim", "morans_i_multi", "morans_i_unit", "share_of_peak_kept_law",
    "share_of_peak_kept_victim", "share_of_peak_kept_multi", "share_of_peak_kept_unit",
    // Kept last so that the positions above stay put if more are added.
    "peak_mean_law", "peak_mean_victim", "peak_mean_multi", "peak_mean_unit", "final_mean_law",
    "final_mean_victim", "final_mean_multi", "final_mean_unit", "ngos_closed"};

/// Position of a series metric in a row.
constexpr std::size_t column(SeriesMetric metric) { return static_cast<std::size_t>(metric); }
/// Position of a region metric in a region's row.
constexpr std::size_t column(RegionMetric metric) { return static_cast<std::size_t>(metric); }

}  // namespace policysim::model
