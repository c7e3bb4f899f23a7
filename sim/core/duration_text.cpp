#include "sim/core/duration_text.hpp"

#include <cmath>
#include <cstdio>

namespace policysim::core {
namespace {

// "N big M small" from a whole count of small units, `per` of them in a big one.
std::string two_units(double small_units, double per, const char* big, const char* small) {
  const auto total = static_cast<long long>(std::llround(small_units));
  const auto whole = static_cast<long long>(per);
  char text[64];
  std::snprintf(text, sizeof text, "%lld %s %lld %s", total / whole, big, total % whole, small);
  return text;
}

}  // namespace

std::string duration_text(double seconds) {
  char text[64];
  if (seconds < 1e-6) return "under 0.001 ms";
  if (seconds < 1.0) {
    std::snprintf(text, sizeof text, "%.3g ms", seconds * 1e3);
    return text;
  }
  if (seconds < 59.95) {
    std::snprintf(text, sizeof text, "%.3g s", seconds);
    return text;
  }
  if (seconds < 3600.0 - 0.5) return two_units(seconds, 60, "min", "s");
  if (seconds < 86400.0 - 30.0) return two_units(seconds / 60.0, 60, "h", "min");
  return two_units(seconds / 3600.0, 24, "d", "h");
}

}  // namespace policysim::core
