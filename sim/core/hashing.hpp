#pragma once
// The two small non-cryptographic hashes the project uses, written once: SplitMix64 to spread
// nearby seeds over the whole key space, and FNV-1a to key things by name or to fingerprint
// outputs. Both are a few lines of public-domain arithmetic with published test vectors
// (tests/core/hashing_test.cpp), so no library is needed.

#include <cstdint>
#include <string_view>

namespace policysim::core {

/// The SplitMix64 generator's output for state `x` (Steele, Lea & Flood 2014): the state advances
/// by the golden gamma 0x9E3779B97F4A7C15, then is mixed. splitmix64(0) is 0xE220A8397B1DCDAF.
constexpr std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

/// FNV-1a's 64-bit offset basis and prime.
inline constexpr std::uint64_t kFnv1a64Offset = 0xCBF29CE484222325ULL;
inline constexpr std::uint64_t kFnv1a64Prime = 0x100000001B3ULL;

/// 64-bit FNV-1a of the bytes of `text`, continuing from `hash` (the offset basis to start).
constexpr std::uint64_t fnv1a_64(std::string_view text, std::uint64_t hash = kFnv1a64Offset) {
  for (const char c : text) {
    hash ^= static_cast<std::uint8_t>(c);
    hash *= kFnv1a64Prime;
  }
  return hash;
}

/// 32-bit FNV-1a of the bytes of `text`.
constexpr std::uint32_t fnv1a_32(std::string_view text) {
  std::uint32_t hash = 2166136261u;
  for (const char c : text) {
    hash ^= static_cast<std::uint8_t>(c);
    hash *= 16777619u;
  }
  return hash;
}

}  // namespace policysim::core
