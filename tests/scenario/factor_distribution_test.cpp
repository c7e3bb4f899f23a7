// A sweep factor's distribution: its quantiles, cut to a range, against closed forms and values
// computed independently (Python's statistics.NormalDist for the normal's CDF and quantile); the
// ends exact and never infinite; the probability a range holds.

#include <catch2/catch.hpp>

#include <cmath>

#include "sim/scenario/factor_distribution.hpp"

using policysim::scenario::cut_quantile;
using policysim::scenario::distribution_text;
using policysim::scenario::DistributionKind;
using policysim::scenario::FactorDistribution;
using policysim::scenario::probability_between;

namespace {

FactorDistribution normal(double mean, double sd) {
  FactorDistribution d;
  d.kind = DistributionKind::normal;
  d.mean = mean;
  d.sd = sd;
  return d;
}

}  // namespace

TEST_CASE("a normal's quantile, with cuts far in its tails, is the normal's",
          "[scenario][sweep][distribution]") {
  // The 97.5% point of a normal is mean + 1.959964 sd; a cut 90 sd away changes nothing.
  const auto d = normal(-5, 0.5);
  CHECK(cut_quantile(d, -50, 50, 0.975) == Approx(-5 + 1.9599639845 * 0.5).epsilon(1e-9));
  CHECK(cut_quantile(d, -50, 50, 0.025) == Approx(-5 - 1.9599639845 * 0.5).epsilon(1e-9));
  CHECK(cut_quantile(d, -50, 50, 0.5) == Approx(-5).epsilon(1e-12));
  CHECK(probability_between(d, -50, 50) == 1.0);
}

TEST_CASE("a cut normal's median lies where half of the range's probability is below it",
          "[scenario][sweep][distribution]") {
  const auto d = normal(3, 1);
  // Cut at its mean: the median of the upper half, mean + z(0.75) sd, z(0.75) = 0.6744897502.
  CHECK(cut_quantile(d, 3, 50, 0.5) == Approx(3.6744897502).epsilon(1e-9));
  CHECK(cut_quantile(d, -50, 3, 0.5) == Approx(2.3255102498).epsilon(1e-9));
  // Cut to [2, 5], -1 and +2 sd: z((Phi(-1) + Phi(2)) / 2) = 0.171163918 above the mean.
  CHECK(cut_quantile(d, 2, 5, 0.5) == Approx(3.171163918).epsilon(1e-9));
  // Phi(2) - Phi(-1) = 0.97724987 - 0.15865525.
  CHECK(probability_between(d, 2, 5) == Approx(0.8185946141).epsilon(1e-9));
  // Far in the upper tail, [3, 4] sd, where the CDF is 0.99865 and 0.99997: the median by the
  // mirror image, -z((Phi(-4) + Phi(-3)) / 2) = 3.1984741318.
  const auto standard = normal(0, 1);
  CHECK(cut_quantile(standard, 3, 4, 0.5) == Approx(3.1984741318).epsilon(1e-9));
  CHECK(cut_quantile(standard, -4, -3, 0.5) == Approx(-3.1984741318).epsilon(1e-9));
}

TEST_CASE("a distribution's ends are its range's, exactly, and never infinite",
          "[scenario][sweep][distribution]") {
  const auto d = normal(-5, 0.5);
  // An uncut normal's quantiles at 0 and 1 are infinite: the cut's ends instead.
  CHECK(cut_quantile(d, -50, 50, 0.0) == -50);
  CHECK(cut_quantile(d, -50, 50, 1.0) == 50);
  CHECK(cut_quantile(d, -5.3, -4.1, 0.0) == -5.3);
  CHECK(cut_quantile(d, -5.3, -4.1, 1.0) == -4.1);
  // Within a hair of the ends the values stay finite and inside the range.
  const double tiny = cut_quantile(d, -50, 50, 1e-300);
  const double huge = cut_quantile(d, -50, 50, 1 - 1e-16);
  CHECK(std::isfinite(tiny));
  CHECK(tiny >= -50);
  CHECK(huge <= 50);
  CHECK(huge > -5);
}

TEST_CASE("a lognormal is given by its median and the spread of its log",
          "[scenario][sweep][distribution]") {
  FactorDistribution d;
  d.kind = DistributionKind::lognormal;
  d.median = 0.02;
  d.sd_log = 0.4;
  CHECK(cut_quantile(d, 0, 1, 0.5) == Approx(0.02).epsilon(1e-12));
  // median * exp(1.959964 sd_log) = 0.02 * exp(0.7839856).
  CHECK(cut_quantile(d, 0, 1, 0.975) == Approx(0.04380368154417).epsilon(1e-12));
  // Nothing lies below 0: a range reaching below it holds what [0, high] holds.
  CHECK(probability_between(d, -50, 50) == 1.0);
  CHECK(probability_between(d, -50, -1) == 0.0);
  CHECK(cut_quantile(d, -50, 50, 0.5) == Approx(0.02).epsilon(1e-12));
  CHECK(distribution_text(d) == "lognormal(median 0.02, sd_log 0.4)");
}

TEST_CASE("a triangular and a uniform spread over their range", "[scenario][sweep][distribution]") {
  FactorDistribution triangular;
  triangular.kind = DistributionKind::triangular;
  triangular.mode = 2;
  // On [1, 4] with mode 2, F(mode) = 1/3. Below it x = 1 + sqrt(p (4-1)(2-1)), above it
  // x = 4 - sqrt((1-p)(4-1)(4-2)).
  CHECK(cut_quantile(triangular, 1, 4, 0.25) == Approx(1 + std::sqrt(0.75)).epsilon(1e-12));
  CHECK(cut_quantile(triangular, 1, 4, 0.5) == Approx(4 - std::sqrt(3.0)).epsilon(1e-12));
  CHECK(cut_quantile(triangular, 1, 4, 1.0 / 3.0) == Approx(2).epsilon(1e-12));
  CHECK(cut_quantile(triangular, 1, 4, 0.0) == 1);
  CHECK(cut_quantile(triangular, 1, 4, 1.0) == 4);
  CHECK(probability_between(triangular, 1, 4) == 1.0);
  CHECK(distribution_text(triangular) == "triangular(mode 2)");

  FactorDistribution uniform;
  uniform.kind = DistributionKind::uniform;
  CHECK(cut_quantile(uniform, 1, 3, 0.25) == Approx(1.5).epsilon(1e-15));
  CHECK(distribution_text(uniform) == "uniform");
  CHECK(distribution_text(normal(-5, 0.5)) == "normal(mean -5, sd 0.5)");
}
