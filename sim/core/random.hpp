#pragma once
// Counter-based random numbers: every draw is a pure function of (seed, stream) and its coordinates
// (tick, agent, purpose, draw number), on Philox4x32-10. Results therefore do not depend on the
// number of threads or on the order in which agents are updated. The transforms to uniform, normal,
// Poisson, binomial and gamma are our own, so they are the same with every standard library; the
// exp, log and pow they call are elementary.hpp's, the same on every machine in a portable build.

#include <Random123/philox.h>

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
  /// The first Count uniforms of sequence(tick, agent, purpose) (Count even), from blocks computed
  /// side by side and without Sequence's refill test: for a caller that always needs them all.
  template <std::size_t Count>
  std::array<double, Count> uniforms(std::uint32_t tick, std::uint32_t agent,
                                     std::uint32_t purpose) const;
  /// Count uniforms (Count a multiple of 4) of (tick, agent, purpose) at 32-bit resolution: block
  /// b (counter word 3 = b) gives uniforms 4b to 4b+3, one from each word, (word + 0.5) 2^-32.
  /// These are not sequence()'s draws: a purpose takes one kind or the other. For a draw u that
  /// only decides an event of probability h (u < h): u takes the 2^32 values (j + 0.5) 2^-32, so
  /// the event happens with probability within 2^-33 (about 1.2e-10) of h, and one with h below
  /// 2^-33 never happens. Half the Philox blocks of uniforms<Count>.
  template <std::size_t Count>
  std::array<double, Count> uniforms32(std::uint32_t tick, std::uint32_t agent,
                                       std::uint32_t purpose) const;

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

// The block and the uniform are inline: every region draws several each tick, and a call per draw
// cost as much as a third of the generator itself.
inline std::array<std::uint32_t, 4> RandomStream::block(
    std::array<std::uint32_t, 4> counter) const {
  r123::Philox4x32 philox;  // 10 rounds
  const r123::Philox4x32::ctr_type ctr = {{counter[0], counter[1], counter[2], counter[3]}};
  const r123::Philox4x32::key_type key = {{key_[0], key_[1]}};
  const auto out = philox(ctr, key);
  return {out[0], out[1], out[2], out[3]};
}

namespace detail {
/// 53 random bits from two words, centred in their cell: never exactly 0 or 1.
inline double to_open_unit(std::uint32_t high, std::uint32_t low) {
  const std::uint64_t bits53 = (static_cast<std::uint64_t>(high >> 5) << 26) | (low >> 6);
  return (static_cast<double>(bits53) + 0.5) * 0x1.0p-53;
}
/// 32 random bits centred in their cell, exactly: in [2^-33, 1 - 2^-33].
inline double to_open_unit32(std::uint32_t word) {
  return (static_cast<double>(word) + 0.5) * 0x1.0p-32;
}
}  // namespace detail

inline double Sequence::uniform() {
  if (cached_uniforms_ == 0) {
    counter_[3] = block_number_++;
    cache_ = stream_->block(counter_);
    cached_uniforms_ = 2;
  }
  const int first = cached_uniforms_ == 2 ? 0 : 2;
  --cached_uniforms_;
  return detail::to_open_unit(cache_[first], cache_[first + 1]);
}

template <std::size_t Count>
std::array<double, Count> RandomStream::uniforms(std::uint32_t tick, std::uint32_t agent,
                                                 std::uint32_t purpose) const {
  static_assert(Count % 2 == 0, "each block gives two uniforms");
  std::array<double, Count> draws;
  for (std::size_t b = 0; b < Count / 2; ++b) {
    const auto words = block({tick, agent, purpose, static_cast<std::uint32_t>(b)});
    draws[2 * b] = detail::to_open_unit(words[0], words[1]);
    draws[2 * b + 1] = detail::to_open_unit(words[2], words[3]);
  }
  return draws;
}

template <std::size_t Count>
std::array<double, Count> RandomStream::uniforms32(std::uint32_t tick, std::uint32_t agent,
                                                   std::uint32_t purpose) const {
  static_assert(Count % 4 == 0, "each block gives four uniforms");
  std::array<double, Count> draws;
  for (std::size_t b = 0; b < Count / 4; ++b) {
    const auto words = block({tick, agent, purpose, static_cast<std::uint32_t>(b)});
    for (std::size_t i = 0; i < 4; ++i) draws[4 * b + i] = detail::to_open_unit32(words[i]);
  }
  return draws;
}

inline Sequence RandomStream::sequence(std::uint32_t tick, std::uint32_t agent,
                                       std::uint32_t purpose) const {
  return Sequence(*this, tick, agent, purpose);
}

}  // namespace policysim::core
