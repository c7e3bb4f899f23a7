// Rule 12: the outputs of MODEL.md §8 for tick t, read from the state at the end of t (regions
// and NGOs after their in-place updates), plus NGO closures as events.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "sim/core/reduce.hpp"
#include "sim/model/metrics.hpp"
#include "sim/model/phases/phases.hpp"

namespace policysim::model {
namespace {

// Type-7 quantiles of `values` taken in the order `order`, which an insertion sort first makes
// ascending. Kept from tick to tick, the order is nearly right already (resistance moves little in
// a quarter), so the sort is about one pass of well-predicted comparisons: cheaper, for a hundred
// regions, than the mispredicted branches of a selection.
template <std::size_t N>
std::array<double, N> sorted_quantiles(const std::vector<double>& values,
                                       std::vector<std::uint32_t>& order,
                                       const std::array<double, N>& probabilities) {
  for (std::size_t i = 1; i < order.size(); ++i) {
    const std::uint32_t region = order[i];
    const double value = values[region];
    std::size_t j = i;
    for (; j > 0 && values[order[j - 1]] > value; --j) order[j] = order[j - 1];
    order[j] = region;
  }
  std::array<double, N> quantiles{};
  for (std::size_t i = 0; i < N; ++i) {
    const double position = probabilities[i] * static_cast<double>(order.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(position));
    const double low = values[order[below]];
    const double high = below + 1 < order.size() ? values[order[below + 1]] : low;
    quantiles[i] = core::type7_between(low, high, position);
  }
  return quantiles;
}

}  // namespace

void record(const RunContext& run, Tick t, const RegionState& regions, const NgoState& ngos,
            const NationState& nation, TickScratch& s, const Recording& recording,
            std::vector<EventNote>& events) {
  const StaticWorld& f = run.fixed;
  const std::size_t n = f.region_count;
  RunOutput& out = *recording.output;
  double* row = out.series.data() + static_cast<std::size_t>(t) * kSeriesMetricNames.size();
  auto set = [row](SeriesMetric metric, double value) { row[column(metric)] = value; };
  const double regions_count = static_cast<double>(n);

  const RegionTotals& totals = s.region_totals;
  for (std::size_t k = 0; k < kReformCount; ++k) {
    set(for_reform(SeriesMetric::adopted_law, k), totals.adopters[k]);
    set(for_reform(SeriesMetric::share_adopted_law, k), totals.adopters[k] / regions_count);
    set(for_reform(SeriesMetric::mean_law, k), totals.implementation[k] / regions_count);
  }

  set(SeriesMetric::resistance_mean, totals.resistance / regions_count);
  constexpr std::array kProbabilities = {0.05, 0.50, 0.95};
  std::array<double, 3> quantiles{};
  if (!s.resistance_order.empty()) {
    quantiles = sorted_quantiles(regions.resistance, s.resistance_order, kProbabilities);
  } else {
    s.quantile_selector.select(regions.resistance, kProbabilities, quantiles);
  }
  set(SeriesMetric::resistance_q05, quantiles[0]);
  set(SeriesMetric::resistance_q50, quantiles[1]);
  set(SeriesMetric::resistance_q95, quantiles[2]);
  set(SeriesMetric::resistance_toured_minus_other,
      totals.toured > 0.0 && totals.toured < regions_count
          ? totals.toured_resistance / totals.toured -
                totals.other_resistance / (regions_count - totals.toured)
          : std::numeric_limits<double>::quiet_NaN());

  set(SeriesMetric::P, nation.stance);
  set(SeriesMetric::U, nation.unit_level);
  set(SeriesMetric::law_in_force, nation.law_in_force[index(Reform::law)]);
  set(SeriesMetric::lambda, nation.law_content);
  set(SeriesMetric::Z1, nation.ngo_law ? 1.0 : 0.0);
  set(SeriesMetric::Z2, nation.foreign_agents_law ? 1.0 : 0.0);

  set(SeriesMetric::cases, totals.cases);
  set(SeriesMetric::convictions, totals.convictions);
  set(SeriesMetric::regions_with_cases, totals.regions_with_cases);
  set(SeriesMetric::share_regions_with_cases, totals.regions_with_cases / regions_count);
  set(SeriesMetric::share_regions_with_cases_past_year,
      totals.regions_with_cases_past_year / regions_count);

  const std::uint64_t alive =
      core::integer_sum(f.ngo_count, [&](std::size_t i) { return ngos.alive[i]; });
  // Events in NGO order. Closures are rare, and this scan is serial: memchr looks for the flags
  // many bytes at a time.
  const std::uint8_t* const closed = s.ngo_closed.data();
  for (std::size_t i = 0; i < s.ngo_closed.size(); ++i) {
    const void* next = std::memchr(closed + i, 1, s.ngo_closed.size() - i);
    if (next == nullptr) break;
    i = static_cast<std::size_t>(static_cast<const std::uint8_t*>(next) - closed);
    events.push_back(EventNote{t, EventKind::ngo_closed, false, static_cast<std::uint32_t>(i)});
  }
  set(SeriesMetric::ngos_alive, static_cast<double>(alive));
  set(SeriesMetric::foreign_intensity, s.foreign_total);
  set(SeriesMetric::domestic_intensity, s.domestic_total);

  if (recording.region_series) {
    constexpr std::size_t kMetrics = kRegionMetricNames.size();
    double* cells = out.region_series.data() + static_cast<std::size_t>(t) * n * kMetrics;
    for (std::size_t r = 0; r < n; ++r) {
      double* cell = cells + r * kMetrics;
      for (std::size_t k = 0; k < kReformCount; ++k) {
        cell[column(for_reform(RegionMetric::a_law, k))] = regions.a(r, k);
      }
      cell[column(RegionMetric::c)] = regions.capacity[r];
      cell[column(RegionMetric::cJ)] = regions.judicial_capacity[r];
      cell[column(RegionMetric::aJ)] = regions.judicial_use[r];
      cell[column(RegionMetric::rho)] = regions.resistance[r];
      cell[column(RegionMetric::s)] = regions.support[r];
      cell[column(RegionMetric::cases)] = regions.cases[r];
    }
  }
}

}  // namespace policysim::model
