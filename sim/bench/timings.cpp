#include "sim/bench/timings.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace policysim::bench {

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double Timings::median() const {
  if (seconds.empty()) return 0.0;
  std::vector<double> sorted = seconds;
  std::sort(sorted.begin(), sorted.end());
  const std::size_t middle = sorted.size() / 2;
  return sorted.size() % 2 == 1 ? sorted[middle] : 0.5 * (sorted[middle - 1] + sorted[middle]);
}
double Timings::min() const {
  return seconds.empty() ? 0.0 : *std::min_element(seconds.begin(), seconds.end());
}
double Timings::max() const {
  return seconds.empty() ? 0.0 : *std::max_element(seconds.begin(), seconds.end());
}

void require_at_least_one(long long count, const char* what) {
  if (count < 1) {
    throw std::invalid_argument(std::string("a benchmark needs at least one ") + what + ", got " +
                                std::to_string(count));
  }
}

}  // namespace policysim::bench
