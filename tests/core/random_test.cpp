#include "sim/core/random.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using policysim::core::RandomStream;

namespace {

struct Moments {
  double mean = 0.0, variance = 0.0;
};

template <class Draw>
Moments moments(int count, Draw draw) {
  double sum = 0.0, sum_sq = 0.0;
  for (int i = 0; i < count; ++i) {
    const double x = draw(static_cast<std::uint32_t>(i));
    sum += x;
    sum_sq += x * x;
  }
  const double mean = sum / count;
  return {mean, sum_sq / count - mean * mean};
}

// The sample mean must lie within 5 standard errors of the closed-form mean, and the sample
// variance within 5 % of the closed form. False-failure rate of a fair generator, per check: the
// mean's band, two-sided, 5.7e-7 (normal approximation, n >= 1e5 draws); the variance's relative
// standard error is sqrt((kurtosis - 1) / n), at most 0.012 here (gamma of shape 0.5, kurtosis
// 15, n = 1e5), so 5 % is at least 4.2 of them, below 3e-5. The seeds are fixed, so a failure
// means a changed generator or transform, not bad luck.
void check_mean(const Moments& m, double mean, double variance, int count) {
  CHECK(std::fabs(m.mean - mean) < 5.0 * std::sqrt(variance / count));
  CHECK(m.variance == Approx(variance).epsilon(0.05));
}

}  // namespace

TEST_CASE("Philox4x32-10 matches the Random123 known-answer vectors", "[core][random]") {
  // kat_vectors of Random123 1.14: philox4x32 with 10 rounds.
  const auto zero = RandomStream::with_key({0, 0}).block({0, 0, 0, 0});
  CHECK(zero == std::array<std::uint32_t, 4>{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8});
  const auto ones = RandomStream::with_key({0xffffffff, 0xffffffff})
                        .block({0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff});
  CHECK(ones == std::array<std::uint32_t, 4>{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd});
  const auto pi = RandomStream::with_key({0xa4093822, 0x299f31d0})
                      .block({0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344});
  CHECK(pi == std::array<std::uint32_t, 4>{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1});
}

TEST_CASE("a uniform is the 53 top bits of the first two words of its block", "[core][random]") {
  const RandomStream stream(42, 7);
  const auto block = stream.block({3, 11, 5, 0});
  const std::uint64_t bits = (static_cast<std::uint64_t>(block[0] >> 5) << 26) | (block[1] >> 6);
  const double expected = (static_cast<double>(bits) + 0.5) / 9007199254740992.0;
  auto sequence = stream.sequence(3, 11, 5);
  CHECK(sequence.uniform() == expected);
  const std::uint64_t bits2 = (static_cast<std::uint64_t>(block[2] >> 5) << 26) | (block[3] >> 6);
  CHECK(sequence.uniform() == (static_cast<double>(bits2) + 0.5) / 9007199254740992.0);
  CHECK(sequence.blocks_used() == 1);
  sequence.uniform();
  CHECK(sequence.blocks_used() == 2);
}

TEST_CASE("uniforms taken in a batch are a sequence's first uniforms", "[core][random]") {
  const RandomStream stream(42, 7);
  auto sequence = stream.sequence(3, 11, 5);
  const auto batch = stream.uniforms<6>(3, 11, 5);
  for (const double u : batch) CHECK(u == sequence.uniform());
  CHECK(stream.uniforms<2>(3, 12, 5)[0] == stream.uniform(3, 12, 5));
}

TEST_CASE("32-bit uniforms are the four words of one Philox block, centred in their cells",
          "[core][random]") {
  // The zero key and counter: Random123's known answer 6627e8d5 e169c58d bc57ac4c 9b00dbd8 (above),
  // each word w mapped by hand to (w + 0.5) / 2^32.
  const auto zero = RandomStream::with_key({0, 0}).uniforms32<4>(0, 0, 0);
  CHECK(zero == std::array<double, 4>{0.3990464707603678, 0.8805201979121193, 0.7357127844588831,
                                      0.6054818538250402});
  // Draws 4 to 7 are the next block's (counter word 3 = 1), word by word.
  const RandomStream stream(42, 7);
  const auto eight = stream.uniforms32<8>(3, 11, 5);
  for (std::size_t b = 0; b < 2; ++b) {
    const auto words = stream.block({3, 11, 5, static_cast<std::uint32_t>(b)});
    for (std::size_t i = 0; i < 4; ++i)
      CHECK(eight[4 * b + i] == (static_cast<double>(words[i]) + 0.5) / 4294967296.0);
  }
  CHECK(stream.uniforms32<4>(3, 11, 5) ==
        std::array<double, 4>{eight[0], eight[1], eight[2], eight[3]});
}

TEST_CASE("32-bit uniforms lie strictly inside (0,1) at the extreme words", "[core][random]") {
  using policysim::core::detail::to_open_unit32;
  CHECK(to_open_unit32(0) == 1.1641532182693481e-10);       // 2^-33
  CHECK(to_open_unit32(0xffffffff) == 0.9999999998835847);  // 1 - 2^-33
  CHECK(to_open_unit32(0) > 0.0);
  CHECK(to_open_unit32(0xffffffff) < 1.0);
  CHECK(to_open_unit32(0x80000000) == 0.5 + 1.1641532182693481e-10);
}

TEST_CASE("pinned outputs of every transform do not change", "[core][random][golden]") {
  // Regression pins: a change here changes every published result with the same seed.
  const RandomStream stream(20260101, 0);
  auto s = stream.sequence(1, 2, 3);
  CHECK(s.uniform() == 0.52355399123460633);
  CHECK(s.normal() == 0.82670804654225571);
  CHECK(s.poisson(3.0) == 4);
  CHECK(s.poisson(50.0) == 41);
  CHECK(s.binomial(20, 0.3) == 8);
  CHECK(s.binomial(1000, 0.4) == 418);
  CHECK(s.gamma(4.0, 0.25) == 0.8142625820732341);
}

TEST_CASE("draws do not depend on the order in which they are taken", "[core][random]") {
  const RandomStream stream(99, 1);
  std::vector<double> forward, backward(100);
  for (std::uint32_t agent = 0; agent < 100; ++agent)
    forward.push_back(stream.uniform(5, agent, 2));
  for (std::uint32_t agent = 100; agent-- > 0;) backward[agent] = stream.uniform(5, agent, 2);
  CHECK(forward == backward);
  // A sequence does not depend on other sequences drawn in between.
  auto a = stream.sequence(1, 1, 1);
  const double first = a.normal();
  auto b = stream.sequence(1, 1, 2);
  b.poisson(3.0);
  auto a_again = stream.sequence(1, 1, 1);
  CHECK(a_again.normal() == first);
}

TEST_CASE("streams differ by seed, stream id and every counter coordinate", "[core][random]") {
  const double base = RandomStream(1, 0).uniform(0, 0, 0);
  CHECK(RandomStream(2, 0).uniform(0, 0, 0) != base);
  CHECK(RandomStream(1, 1).uniform(0, 0, 0) != base);
  CHECK(RandomStream(1, 0).uniform(1, 0, 0) != base);
  CHECK(RandomStream(1, 0).uniform(0, 1, 0) != base);
  CHECK(RandomStream(1, 0).uniform(0, 0, 1) != base);
}

TEST_CASE("uniforms lie in (0,1) with mean 1/2 and variance 1/12", "[core][random]") {
  const RandomStream stream(3, 0);
  constexpr int kCount = 200000;
  double lowest = 1.0, highest = 0.0;
  const auto m = moments(kCount, [&](std::uint32_t i) {
    const double u = stream.uniform(0, i, 0);
    lowest = std::min(lowest, u);
    highest = std::max(highest, u);
    return u;
  });
  CHECK(lowest > 0.0);
  CHECK(highest < 1.0);
  check_mean(m, 0.5, 1.0 / 12.0, kCount);
}

TEST_CASE("each word position of the 32-bit uniforms has mean 1/2 and variance 1/12",
          "[core][random]") {
  const RandomStream stream(3, 1);
  constexpr int kCount = 100000;
  for (std::size_t position = 0; position < 4; ++position) {
    INFO("word " << position);
    const auto m =
        moments(kCount, [&](std::uint32_t i) { return stream.uniforms32<4>(0, i, 0)[position]; });
    check_mean(m, 0.5, 1.0 / 12.0, kCount);
  }
}

TEST_CASE("normals have mean 0 and variance 1", "[core][random]") {
  const RandomStream stream(4, 0);
  constexpr int kCount = 200000;
  const auto m =
      moments(kCount, [&](std::uint32_t i) { return stream.sequence(0, i, 0).normal(); });
  check_mean(m, 0.0, 1.0, kCount);
}

TEST_CASE("Poisson draws have mean and variance equal to the rate", "[core][random]") {
  const RandomStream stream(5, 0);
  constexpr int kCount = 100000;
  for (double rate : {0.3, 4.0, 9.5, 10.0, 37.0, 1000.0}) {
    INFO("rate " << rate);
    const auto m = moments(kCount, [&](std::uint32_t i) {
      return static_cast<double>(stream.sequence(1, i, 0).poisson(rate));
    });
    check_mean(m, rate, rate, kCount);
  }
  CHECK(stream.sequence(0, 0, 0).poisson(0.0) == 0);
}

TEST_CASE("Poisson probabilities match the closed form at a small rate", "[core][random]") {
  const RandomStream stream(6, 0);
  constexpr int kCount = 200000;
  const double rate = 1.5;
  std::vector<int> counts(6, 0);
  for (std::uint32_t i = 0; i < kCount; ++i) {
    const auto k = stream.sequence(0, i, 0).poisson(rate);
    if (k < counts.size()) ++counts[k];
  }
  double pmf = std::exp(-rate);
  for (std::size_t k = 0; k < counts.size(); ++k) {
    // 5 standard errors of a binomial share, two-sided: a false-failure rate of 5.7e-7 a check.
    const double se = std::sqrt(pmf * (1 - pmf) / kCount);
    CHECK(std::fabs(counts[k] / double(kCount) - pmf) < 5 * se);
    pmf *= rate / static_cast<double>(k + 1);
  }
}

TEST_CASE("binomial draws have mean np and variance np(1-p)", "[core][random]") {
  const RandomStream stream(7, 0);
  constexpr int kCount = 100000;
  struct Case {
    std::uint32_t n;
    double p;
  };
  for (const Case& c :
       {Case{5, 0.3}, Case{40, 0.1}, Case{40, 0.9}, Case{200, 0.3}, Case{5000, 0.5}}) {
    // Named copies, not a structured binding: clang 14 cannot capture a binding in a lambda.
    const std::uint32_t n = c.n;
    const double p = c.p;
    INFO("n " << n << " p " << p);
    const auto m = moments(kCount, [&](std::uint32_t i) {
      const auto k = stream.sequence(2, i, 0).binomial(n, p);
      REQUIRE(k <= n);
      return static_cast<double>(k);
    });
    check_mean(m, n * p, n * p * (1 - p), kCount);
  }
  auto s = stream.sequence(0, 0, 0);
  CHECK(s.binomial(0, 0.5) == 0);
  CHECK(s.binomial(10, 0.0) == 0);
  CHECK(s.binomial(10, 1.0) == 10);
}

TEST_CASE("a binomial draw of one trial is the first uniform against 1 - p", "[core][random]") {
  // Inversion: P(0) = q = 1 - p, so the draw is 1 exactly when u > q; p above 1/2 is drawn as
  // one minus the draw of 1 - p, that is 1 when u <= 1 - (1 - p).
  const RandomStream stream(11, 3);
  for (const double p : {0.01, 0.3, 0.5, 0.7, 0.99}) {
    INFO("p " << p);
    int successes = 0;
    for (std::uint32_t agent = 0; agent < 2000; ++agent) {
      const double u = stream.uniform(4, agent, 1);
      const std::uint32_t expected =
          p <= 0.5 ? (u > 1.0 - p ? 1 : 0) : (u > 1.0 - (1.0 - p) ? 0 : 1);
      const std::uint32_t k = stream.sequence(4, agent, 1).binomial(1, p);
      REQUIRE(k == expected);
      successes += static_cast<int>(k);
    }
    CHECK(successes > 0);
    CHECK(successes < 2000);
  }
}

TEST_CASE("gamma draws have mean k*theta and variance k*theta^2", "[core][random]") {
  const RandomStream stream(8, 0);
  constexpr int kCount = 100000;
  for (double shape : {0.5, 1.0, 4.0, 20.0}) {
    INFO("shape " << shape);
    const double scale = 1.0 / shape;  // the event clocks' Gamma(k, 1/k): mean 1
    const auto m = moments(
        kCount, [&](std::uint32_t i) { return stream.sequence(3, i, 0).gamma(shape, scale); });
    check_mean(m, 1.0, 1.0 / shape, kCount);
  }
}
