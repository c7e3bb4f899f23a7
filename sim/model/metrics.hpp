#pragma once
// The outputs of MODEL.md §8: the national series, the regional series and the per-run outcomes,
// each an enum and one table of (enumerator, name, unit, description). The tables give the
// results database its columns (and their meanings), `policysim list outcomes|metrics` its
// lines and the report its labels. Scenario targets and stored results are written against the
// names: keep them stable, and add new rows at the end of a table so that columns stay put.

#include <array>
#include <cstddef>
#include <string_view>

#include "sim/model/described.hpp"
#include "sim/model/reform.hpp"

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
  share_regions_with_cases_past_year,
  count
};
inline constexpr std::array<Described<SeriesMetric>, 31> kSeriesMetrics = {{
    {SeriesMetric::adopted_law, "adopted_law", "regions", "Regions adopted: law reform"},
    {SeriesMetric::adopted_victim, "adopted_victim", "regions",
     "Regions adopted: victim-centred procedure"},
    {SeriesMetric::adopted_multi, "adopted_multi", "regions",
     "Regions adopted: multi-agency cooperation"},
    {SeriesMetric::adopted_unit, "adopted_unit", "regions",
     "Regions adopted: specialised police unit"},
    {SeriesMetric::share_adopted_law, "share_adopted_law", "share of regions",
     "Law reform adopted"},
    {SeriesMetric::share_adopted_victim, "share_adopted_victim", "share of regions",
     "Victim-centred procedure adopted"},
    {SeriesMetric::share_adopted_multi, "share_adopted_multi", "share of regions",
     "Multi-agency cooperation adopted"},
    {SeriesMetric::share_adopted_unit, "share_adopted_unit", "share of regions",
     "Specialised police unit adopted"},
    {SeriesMetric::mean_law, "mean_law", "0-1", "Mean implementation: law reform"},
    {SeriesMetric::mean_victim, "mean_victim", "0-1",
     "Mean implementation: victim-centred procedure"},
    {SeriesMetric::mean_multi, "mean_multi", "0-1",
     "Mean implementation: multi-agency cooperation"},
    {SeriesMetric::mean_unit, "mean_unit", "0-1", "Mean implementation: specialised police unit"},
    {SeriesMetric::resistance_mean, "resistance_mean", "0-1", "Mean nationalist resistance ρ"},
    {SeriesMetric::resistance_q05, "resistance_q05", "0-1",
     "Nationalist resistance ρ, 5th percentile of regions"},
    {SeriesMetric::resistance_q50, "resistance_q50", "0-1",
     "Nationalist resistance ρ, median of regions"},
    {SeriesMetric::resistance_q95, "resistance_q95", "0-1",
     "Nationalist resistance ρ, 95th percentile of regions"},
    {SeriesMetric::resistance_toured_minus_other, "resistance_toured_minus_other", "0-1",
     "Mean resistance ρ of regions a task-force tour visited minus that of the others"},
    {SeriesMetric::P, "P", "0-1", "Federal nationalist–sovereigntist stance P"},
    {SeriesMetric::U, "U", "level 0-2", "Federal anti-trafficking unit level U"},
    {SeriesMetric::law_in_force, "law_in_force", "0/1", "Law in force"},
    {SeriesMetric::lambda, "lambda", "0-1",
     "Law content λ (0 purely punitive, 1 protection and prevention)"},
    {SeriesMetric::Z1, "Z1", "0/1", "NGO law in force"},
    {SeriesMetric::Z2, "Z2", "0/1", "Foreign-agents law in force"},
    {SeriesMetric::cases, "cases", "cases per quarter", "Cases opened"},
    {SeriesMetric::convictions, "convictions", "per quarter", "Convictions"},
    {SeriesMetric::regions_with_cases, "regions_with_cases", "regions",
     "Regions with at least one case opened"},
    {SeriesMetric::share_regions_with_cases, "share_regions_with_cases", "share of regions",
     "Regions with at least one case opened"},
    {SeriesMetric::ngos_alive, "ngos_alive", "NGOs", "NGOs active"},
    {SeriesMetric::foreign_intensity, "foreign_intensity", "intensity units",
     "Foreign programme intensity"},
    {SeriesMetric::domestic_intensity, "domestic_intensity", "intensity units",
     "Domestic programme intensity"},
    {SeriesMetric::share_regions_with_cases_past_year, "share_regions_with_cases_past_year",
     "share of regions",
     "Regions with a case in this quarter or the three before (at Q4: during the calendar year)"},
}};

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
  count
};
inline constexpr std::array<Described<RegionMetric>, 10> kRegionMetrics = {{
    {RegionMetric::a_law, "a_law", "0-1", "Implementation of the law reform"},
    {RegionMetric::a_victim, "a_victim", "0-1", "Implementation of victim-centred procedure"},
    {RegionMetric::a_multi, "a_multi", "0-1", "Implementation of multi-agency cooperation"},
    {RegionMetric::a_unit, "a_unit", "0-1", "Implementation of a specialised unit"},
    {RegionMetric::c, "c", "0-1", "Trained police capacity"},
    {RegionMetric::cJ, "cJ", "0-1", "Judicial capacity"},
    {RegionMetric::aJ, "aJ", "0-1", "Use of Art. 127.1 by prosecutors and courts"},
    {RegionMetric::rho, "rho", "0-1", "Nationalist resistance ρ"},
    {RegionMetric::s, "s", "0-1", "Regional executive support"},
    {RegionMetric::cases, "cases", "cases per quarter", "Cases opened"},
}};

/// Per-run outcomes. The per-reform ones come in the order law, victim, multi, unit.
enum class Outcome : std::size_t {
  final_adopted_law,
  final_adopted_victim,
  final_adopted_multi,
  final_adopted_unit,
  adopted_12q_after_foreign_stop_law,
  adopted_12q_after_foreign_stop_victim,
  adopted_12q_after_foreign_stop_multi,
  adopted_12q_after_foreign_stop_unit,
  quarters_to_third_law,
  quarters_to_third_victim,
  quarters_to_third_multi,
  quarters_to_third_unit,
  peak_resistance,
  final_resistance,
  law_passed_year,
  u1_year,
  u2_year,
  z1_year,
  z2_year,
  total_cases,
  total_convictions,
  morans_i_law,
  morans_i_victim,
  morans_i_multi,
  morans_i_unit,
  share_of_peak_kept_law,
  share_of_peak_kept_victim,
  share_of_peak_kept_multi,
  share_of_peak_kept_unit,
  // Added after the ones above, which keep their columns.
  peak_mean_law,
  peak_mean_victim,
  peak_mean_multi,
  peak_mean_unit,
  final_mean_law,
  final_mean_victim,
  final_mean_multi,
  final_mean_unit,
  ngos_closed,
  count
};
inline constexpr std::array<Described<Outcome>, 38> kOutcomes = {{
    {Outcome::final_adopted_law, "final_adopted_law", "regions",
     "Regions adopted at the end: law reform"},
    {Outcome::final_adopted_victim, "final_adopted_victim", "regions",
     "Regions adopted at the end: victim-centred procedure"},
    {Outcome::final_adopted_multi, "final_adopted_multi", "regions",
     "Regions adopted at the end: multi-agency cooperation"},
    {Outcome::final_adopted_unit, "final_adopted_unit", "regions",
     "Regions adopted at the end: specialised police unit"},
    {Outcome::adopted_12q_after_foreign_stop_law, "adopted_12q_after_foreign_stop_law", "regions",
     "Regions adopted 12 quarters after foreign funding stopped: law reform"},
    {Outcome::adopted_12q_after_foreign_stop_victim, "adopted_12q_after_foreign_stop_victim",
     "regions",
     "Regions adopted 12 quarters after foreign funding stopped: victim-centred procedure"},
    {Outcome::adopted_12q_after_foreign_stop_multi, "adopted_12q_after_foreign_stop_multi",
     "regions",
     "Regions adopted 12 quarters after foreign funding stopped: multi-agency cooperation"},
    {Outcome::adopted_12q_after_foreign_stop_unit, "adopted_12q_after_foreign_stop_unit", "regions",
     "Regions adopted 12 quarters after foreign funding stopped: specialised police unit"},
    {Outcome::quarters_to_third_law, "quarters_to_third_law", "quarters",
     "Quarters until a third of regions adopted (censored at the end): law reform"},
    {Outcome::quarters_to_third_victim, "quarters_to_third_victim", "quarters",
     "Quarters until a third of regions adopted (censored at the end): victim-centred procedure"},
    {Outcome::quarters_to_third_multi, "quarters_to_third_multi", "quarters",
     "Quarters until a third of regions adopted (censored at the end): multi-agency cooperation"},
    {Outcome::quarters_to_third_unit, "quarters_to_third_unit", "quarters",
     "Quarters until a third of regions adopted (censored at the end): specialised police unit"},
    {Outcome::peak_resistance, "peak_resistance", "0-1", "Peak mean resistance"},
    {Outcome::final_resistance, "final_resistance", "0-1", "Final mean resistance"},
    {Outcome::law_passed_year, "law_passed_year", "year", "Law passed"},
    {Outcome::u1_year, "u1_year", "year", "Special MIA unit (U = 1)"},
    {Outcome::u2_year, "u2_year", "year", "Federal anti-trafficking unit (U = 2)"},
    {Outcome::z1_year, "z1_year", "year", "NGO law (Z1)"},
    {Outcome::z2_year, "z2_year", "year", "Foreign-agents law (Z2)"},
    {Outcome::total_cases, "total_cases", "cases", "Cases opened, whole run"},
    {Outcome::total_convictions, "total_convictions", "convictions", "Convictions, whole run"},
    {Outcome::morans_i_law, "morans_i_law", "index",
     "Moran's I of final implementation (geographic clustering): law reform"},
    {Outcome::morans_i_victim, "morans_i_victim", "index",
     "Moran's I of final implementation (geographic clustering): victim-centred procedure"},
    {Outcome::morans_i_multi, "morans_i_multi", "index",
     "Moran's I of final implementation (geographic clustering): multi-agency cooperation"},
    {Outcome::morans_i_unit, "morans_i_unit", "index",
     "Moran's I of final implementation (geographic clustering): specialised police unit"},
    {Outcome::share_of_peak_kept_law, "share_of_peak_kept_law", "share",
     "Share of peak mean implementation kept at the end: law reform"},
    {Outcome::share_of_peak_kept_victim, "share_of_peak_kept_victim", "share",
     "Share of peak mean implementation kept at the end: victim-centred procedure"},
    {Outcome::share_of_peak_kept_multi, "share_of_peak_kept_multi", "share",
     "Share of peak mean implementation kept at the end: multi-agency cooperation"},
    {Outcome::share_of_peak_kept_unit, "share_of_peak_kept_unit", "share",
     "Share of peak mean implementation kept at the end: specialised police unit"},
    {Outcome::peak_mean_law, "peak_mean_law", "0-1", "Peak mean implementation: law reform"},
    {Outcome::peak_mean_victim, "peak_mean_victim", "0-1",
     "Peak mean implementation: victim-centred procedure"},
    {Outcome::peak_mean_multi, "peak_mean_multi", "0-1",
     "Peak mean implementation: multi-agency cooperation"},
    {Outcome::peak_mean_unit, "peak_mean_unit", "0-1",
     "Peak mean implementation: specialised police unit"},
    {Outcome::final_mean_law, "final_mean_law", "0-1", "Final mean implementation: law reform"},
    {Outcome::final_mean_victim, "final_mean_victim", "0-1",
     "Final mean implementation: victim-centred procedure"},
    {Outcome::final_mean_multi, "final_mean_multi", "0-1",
     "Final mean implementation: multi-agency cooperation"},
    {Outcome::final_mean_unit, "final_mean_unit", "0-1",
     "Final mean implementation: specialised police unit"},
    {Outcome::ngos_closed, "ngos_closed", "NGOs", "NGOs closed, whole run"},
}};

static_assert(is_table_of(kSeriesMetrics), "kSeriesMetrics lists SeriesMetric in order");
static_assert(is_table_of(kRegionMetrics), "kRegionMetrics lists RegionMetric in order");
static_assert(is_table_of(kOutcomes), "kOutcomes lists Outcome in order");

inline constexpr auto kSeriesMetricNames = names_of(kSeriesMetrics);
inline constexpr auto kRegionMetricNames = names_of(kRegionMetrics);
inline constexpr auto kOutcomeNames = names_of(kOutcomes);

/// Position of a series metric in a row.
constexpr std::size_t column(SeriesMetric metric) { return static_cast<std::size_t>(metric); }
/// Position of a region metric in a region's row.
constexpr std::size_t column(RegionMetric metric) { return static_cast<std::size_t>(metric); }
/// Position of an outcome in RunOutput::outcomes.
constexpr std::size_t column(Outcome outcome) { return static_cast<std::size_t>(outcome); }

/// The row of reform k in the four per-reform rows that start at `law_row` (the law's).
template <class Enum>
constexpr Enum for_reform(Enum law_row, std::size_t k) {
  return static_cast<Enum>(static_cast<std::size_t>(law_row) + k);
}

/// Whether the four rows from `law_row` on are the reforms' in Reform order, by their names'
/// endings (_law, _victim, _multi, _unit): what for_reform relies on.
template <class Enum, std::size_t N>
constexpr bool is_per_reform(const std::array<Described<Enum>, N>& table, Enum law_row) {
  for (std::size_t k = 0; k < kReformCount; ++k) {
    const std::size_t row = static_cast<std::size_t>(law_row) + k;
    if (row >= N) return false;
    const std::string_view name = table[row].name;
    const std::string_view reform = kReformNames[k];
    if (name.size() <= reform.size() || name.substr(name.size() - reform.size()) != reform ||
        name[name.size() - reform.size() - 1] != '_') {
      return false;
    }
  }
  return true;
}
static_assert(is_per_reform(kSeriesMetrics, SeriesMetric::adopted_law));
static_assert(is_per_reform(kSeriesMetrics, SeriesMetric::share_adopted_law));
static_assert(is_per_reform(kSeriesMetrics, SeriesMetric::mean_law));
static_assert(is_per_reform(kRegionMetrics, RegionMetric::a_law));
static_assert(is_per_reform(kOutcomes, Outcome::final_adopted_law));
static_assert(is_per_reform(kOutcomes, Outcome::adopted_12q_after_foreign_stop_law));
static_assert(is_per_reform(kOutcomes, Outcome::quarters_to_third_law));
static_assert(is_per_reform(kOutcomes, Outcome::morans_i_law));
static_assert(is_per_reform(kOutcomes, Outcome::share_of_peak_kept_law));
static_assert(is_per_reform(kOutcomes, Outcome::peak_mean_law));
static_assert(is_per_reform(kOutcomes, Outcome::final_mean_law));

}  // namespace policysim::model
