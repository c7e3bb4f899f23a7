#include "sim/calibration/weighted_sample.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <vector>

using namespace policysim::calibration;

TEST_CASE("Kish's effective sample size by hand", "[calibration][weighted_sample]") {
  CHECK(effective_sample_size(std::vector<double>{1, 1, 1, 1}) == Approx(4.0));
  CHECK(effective_sample_size(std::vector<double>{5, 0, 0}) == Approx(1.0));
  // (1 + 2 + 3)^2 / (1 + 4 + 9) = 36 / 14
  CHECK(effective_sample_size(std::vector<double>{1, 2, 3}) == Approx(36.0 / 14.0));
  CHECK_THROWS_AS(effective_sample_size(std::vector<double>{0, 0}), std::invalid_argument);
  CHECK_THROWS_AS(effective_sample_size(std::vector<double>{1, -1}), std::invalid_argument);
}

TEST_CASE("Weighted quantiles invert the weighted distribution function",
          "[calibration][weighted_sample]") {
  // Sorted: 1 (weight 1/4), 2 (1/2), 3 (1/4); cumulative 0.25, 0.75, 1.
  const std::vector<double> values = {3, 1, 2};
  const std::vector<double> weights = {1, 1, 2};
  CHECK(weighted_quantile(values, weights, 0.0) == 1.0);
  CHECK(weighted_quantile(values, weights, 0.25) == 1.0);
  CHECK(weighted_quantile(values, weights, 0.26) == 2.0);
  CHECK(weighted_quantile(values, weights, 0.75) == 2.0);
  CHECK(weighted_quantile(values, weights, 0.76) == 3.0);
  CHECK(weighted_quantile(values, weights, 1.0) == 3.0);
  // A value of weight 0 is never a quantile.
  CHECK(weighted_quantile(std::vector<double>{1, 2, 3}, std::vector<double>{1, 0, 1}, 0.5) == 1.0);
  CHECK(weighted_quantile(std::vector<double>{1, 2, 3}, std::vector<double>{1, 0, 1}, 0.51) == 3.0);
  CHECK_THROWS_AS(weighted_quantile(values, weights, 1.5), std::invalid_argument);
}

TEST_CASE("Weighted moments by hand", "[calibration][weighted_sample]") {
  // Equal weights: the mean and the sample covariance with divisor N - 1.
  Eigen::MatrixXd points(3, 2);
  points << 0, 1,  //
      2, 1,        //
      4, 4;
  const auto equal = weighted_moments(points, std::vector<double>{1, 1, 1});
  CHECK(equal.mean[0] == Approx(2.0));
  CHECK(equal.mean[1] == Approx(2.0));
  // var x = (4 + 0 + 4) / 2 = 4; var y = (1 + 1 + 4) / 2 = 3; cov = (2 + 0 + 4) / 2 = 3.
  CHECK(equal.covariance(0, 0) == Approx(4.0));
  CHECK(equal.covariance(1, 1) == Approx(3.0));
  CHECK(equal.covariance(0, 1) == Approx(3.0));
  // Weights 1/2, 1/4, 1/4: mean x = 0 + 0.5 + 1 = 1.5; sum w (x - m)^2 = 1.125 + 0.0625 + 1.5625
  // = 2.75, over 1 - (1/4 + 1/16 + 1/16) = 0.625: 4.4.
  const auto weighted = weighted_moments(points, std::vector<double>{2, 1, 1});
  CHECK(weighted.mean[0] == Approx(1.5));
  CHECK(weighted.covariance(0, 0) == Approx(4.4));
}
