#pragma once
// The determinism hash every benchmark result carries: it must not depend on the thread count.

#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/hashing.hpp"

namespace policysim::bench {

/// A hash of 64-bit words (the bits of doubles, counts, indices): FNV-1a's step on whole words,
/// each followed by a xorshift so that every bit of a word reaches the low bits too. A word at a
/// time rather than a byte keeps it cheap next to the runs it checks.
class OutputHash {
 public:
  void add(std::uint64_t word);
  void add(double value);
  void add(const std::vector<double>& values);
  std::uint64_t value() const { return hash_; }

 private:
  std::uint64_t hash_ = core::kFnv1a64Offset;
};

/// "1234abcd" as 16 hex digits.
std::string hex64(std::uint64_t value);

}  // namespace policysim::bench
