#include "sim/scenario/factor_distribution.hpp"

#include <algorithm>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <boost/math/distributions/uniform.hpp>
#include <cmath>
#include <stdexcept>

#include "sim/scenario/value_reader.hpp"

namespace policysim::scenario {
namespace {

/// Calls `visit(boost_distribution, low, high)` with the Boost.Math distribution of `d` and the
/// range within its support (a lognormal has none below 0).
template <class Visit>
double visit_distribution(const FactorDistribution& d, double low, double high, Visit visit) {
  switch (d.kind) {
    case DistributionKind::uniform:
      return visit(boost::math::uniform_distribution<double>(low, high), low, high);
    case DistributionKind::triangular:
      return visit(boost::math::triangular_distribution<double>(low, d.mode, high), low, high);
    case DistributionKind::normal:
      return visit(boost::math::normal_distribution<double>(d.mean, d.sd), low, high);
    case DistributionKind::lognormal:
      return visit(boost::math::lognormal_distribution<double>(std::log(d.median), d.sd_log),
                   std::max(low, 0.0), std::max(high, 0.0));
    case DistributionKind::none:
      break;
  }
  throw std::logic_error("a sweep factor without a distribution has no quantiles");
}

// Below the median the CDF's own values are the accurate ones; above it, those of the upper
// tail (its complement), which keep their digits where the CDF rounds to 1.

template <class Distribution>
double mass_between(const Distribution& d, double low, double high) {
  using boost::math::cdf;
  using boost::math::complement;
  const double below_low = cdf(d, low);
  if (below_low < 0.5) return cdf(d, high) - below_low;
  return cdf(complement(d, low)) - cdf(complement(d, high));
}

template <class Distribution>
double quantile_between(const Distribution& d, double low, double high, double probability) {
  using boost::math::cdf;
  using boost::math::complement;
  using boost::math::quantile;
  const double below_low = cdf(d, low);
  if (below_low < 0.5) {
    const double p = below_low + probability * (cdf(d, high) - below_low);
    return p <= 0 ? low : p >= 1 ? high : quantile(d, p);
  }
  const double above_low = cdf(complement(d, low));
  const double q = above_low - probability * (above_low - cdf(complement(d, high)));
  return q <= 0 ? high : q >= 1 ? low : quantile(complement(d, q));
}

}  // namespace

std::string_view distribution_name(DistributionKind kind) {
  switch (kind) {
    case DistributionKind::uniform:
      return "uniform";
    case DistributionKind::triangular:
      return "triangular";
    case DistributionKind::normal:
      return "normal";
    case DistributionKind::lognormal:
      return "lognormal";
    case DistributionKind::none:
      break;
  }
  return "";
}

double probability_between(const FactorDistribution& distribution, double low, double high) {
  return visit_distribution(distribution, low, high, [](const auto& d, double lo, double hi) {
    return mass_between(d, lo, hi);
  });
}

double cut_quantile(const FactorDistribution& distribution, double low, double high,
                    double probability) {
  // The ends exactly: an open distribution's quantile there would be infinite, a cut one's is
  // the cut, which the CDF's rounding could miss by an ulp.
  if (probability <= 0) return low;
  if (probability >= 1) return high;
  const double value =
      visit_distribution(distribution, low, high, [&](const auto& d, double lo, double hi) {
        return quantile_between(d, lo, hi, probability);
      });
  return std::clamp(value, low, high);
}

std::string distribution_text(const FactorDistribution& distribution) {
  std::string name(distribution_name(distribution.kind));
  switch (distribution.kind) {
    case DistributionKind::triangular:
      return name + "(mode " + format_number(distribution.mode) + ")";
    case DistributionKind::normal:
      return name + "(mean " + format_number(distribution.mean) + ", sd " +
             format_number(distribution.sd) + ")";
    case DistributionKind::lognormal:
      return name + "(median " + format_number(distribution.median) + ", sd_log " +
             format_number(distribution.sd_log) + ")";
    case DistributionKind::uniform:
    case DistributionKind::none:
      break;
  }
  return name;
}

}  // namespace policysim::scenario
