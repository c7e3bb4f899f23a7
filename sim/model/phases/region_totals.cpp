// The sums over all regions that the national phase (rule 10) and the record (rule 12) read,
// from the state at the end of the regional phase, which neither changes.
//
// One pass of core::deterministic_sums: each sum has the bits of its own deterministic_sum, and
// the seventeen chains of additions run side by side instead of one pass each.

#include <array>

#include "sim/core/reduce.hpp"
#include "sim/model/phases/phases.hpp"

namespace policysim::model {

RegionTotals sum_regions(const RegionState& regions, const std::vector<std::uint8_t>& ever_toured,
                         const TickScratch& s) {
  const std::size_t n = regions.region_count();
  constexpr std::size_t K = kReformCount;
  // The sums in order: a (K), adopters (K), then the rest as below.
  enum : std::size_t {
    kResistance = 2 * K,
    kToured,
    kTouredResistance,
    kOtherResistance,
    kCases,
    kConvictions,
    kWithCases,
    kWithCasesPastYear,
    kForeignExposure,
    kSums
  };
  const auto sums = core::deterministic_sums<kSums>(n, [&](std::size_t r) {
    std::array<double, kSums> term;
    for (std::size_t k = 0; k < K; ++k) {
      const double a = regions.a(r, k);
      term[k] = a;
      term[K + k] = a >= kAdoptedLevel ? 1.0 : 0.0;
    }
    const double rho = regions.resistance[r];
    const bool toured = ever_toured[r] != 0;
    term[kResistance] = rho;
    term[kToured] = toured ? 1.0 : 0.0;
    // Adding 0 for the other group leaves each sum the bits of a sum over its own regions.
    term[kTouredResistance] = toured ? rho : 0.0;
    term[kOtherResistance] = toured ? 0.0 : rho;
    term[kCases] = regions.cases[r];
    term[kConvictions] = regions.convictions[r];
    term[kWithCases] = regions.cases[r] > 0 ? 1.0 : 0.0;
    term[kWithCasesPastYear] = regions.case_quarters[r] != 0 ? 1.0 : 0.0;
    term[kForeignExposure] = s.intensity(r).foreign_exposure;
    return term;
  });
  RegionTotals totals;
  for (std::size_t k = 0; k < K; ++k) {
    totals.implementation[k] = sums[k];
    totals.adopters[k] = sums[K + k];
  }
  totals.resistance = sums[kResistance];
  totals.toured = sums[kToured];
  totals.toured_resistance = sums[kTouredResistance];
  totals.other_resistance = sums[kOtherResistance];
  totals.cases = sums[kCases];
  totals.convictions = sums[kConvictions];
  totals.regions_with_cases = sums[kWithCases];
  totals.regions_with_cases_past_year = sums[kWithCasesPastYear];
  totals.foreign_exposure = sums[kForeignExposure];
  return totals;
}

}  // namespace policysim::model
