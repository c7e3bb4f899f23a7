#pragma once
// Counter-based random numbers: every draw is a pure function of (seed, stream) and its coordinates
// (tick, agent, purpose, draw number), on Philox4x32-10. Results therefore do not depend on the
// number of threads or on the order in which agents are updated. The transforms to uniform, normal,
// Poisson, binomial and gamma are our own, so they are the same with every standard library.

#include <array>
#include <cstdint>

namespace policysim::core {

/// A Philox4x32-10 key derived from a 64-bit seed and a 32-bit stream id.
class RandomStream {
 public:
  RandomStream(std::uint64_t seed, std::uint32_t stream);
  /// A stream with a raw Philox key (for known-answer tests).
  static RandomStream with_key(std::array<std::uint32_t, 2> key);

  /// The raw Philox4x32-10 output for one counter.
  std::array<std::uint32_t, 4> block(std::array<std::uint32_t, 4> counter) const;

  /// A sequence of draws for one (tick, agent, purpose), numbered from 0.
  class Sequence sequence(std::uint32_t tick, std::uint32_t agent, std::uint32_t purpose) const;

  /// The first uniform in (0,1) of sequence(tick, agent, purpose).
  double uniform(std::uint32_t tick, std::uint32_t agent, std::uint32_t purpose) const;

  std::array<std::uint32_t, 2> key() const { return key_; }

 private:
  RandomStream() = default;
  std::array<std::uint32_t, 2> key_{};
};

/// Successive draws at fixed (tick, agent, purpose): the draw number is the Philox counter's last
/// word, and each 128-bit block gives two 53-bit uniforms.
class Sequence {
 public:
  Sequence(const RandomStream& stream, std::uint32_t tick, std::uint32_t agent,
           std::uint32_t purpose);

  /// Uniform in the open interval (0,1).
  double uniform();
  /// Standard normal (Box-Muller on two uniforms).
  double normal();
  /// Normal with the given mean and standard deviation.
  double normal(double mean, double sd) { return mean + sd * normal(); }
  /// Poisson with the given mean (inversion below 10, PTRS rejection above).
  std::uint32_t poisson(double mean);
  /// Binomial(n, p) (inversion when n·min(p,1-p) < 10, BTRS rejection above).
  std::uint32_t binomial(std::uint32_t n, double p);
  /// Gamma with the given shape and scale (Marsaglia-Tsang).
  double gamma(double shape, double scale);

  /// How many Philox blocks this sequence has used.
  std::uint32_t blocks_used() const { return block_number_; }

 private:
  const RandomStream* stream_;
  std::array<std::uint32_t, 4> counter_;
  std::uint32_t block_number_ = 0;
  std::array<std::uint32_t, 4> cache_{};
  int cached_uniforms_ = 0;  // uniforms left in cache_ (0, 1 or 2)
};

inline Sequence RandomStream::sequence(std::uint32_t tick, std::uint32_t agent,
                                       std::uint32_t purpose) const {
  return Sequence(*this, tick, agent, purpose);
}

}  // namespace policysim::core
