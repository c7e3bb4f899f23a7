#include "sim/bench/output_hash.hpp"

#include <bit>
#include <cstdio>

namespace policysim::bench {

void OutputHash::add(std::uint64_t word) {
  hash_ = (hash_ ^ word) * core::kFnv1a64Prime;
  hash_ ^= hash_ >> 32;
}
void OutputHash::add(double value) { add(std::bit_cast<std::uint64_t>(value)); }
void OutputHash::add(const std::vector<double>& values) {
  for (double value : values) add(value);
}

std::string hex64(std::uint64_t value) {
  char text[17];
  std::snprintf(text, sizeof(text), "%016llx", static_cast<unsigned long long>(value));
  return text;
}

}  // namespace policysim::bench
