#include "sim/bench/machine.hpp"

#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include "sim/bench/printf_text.hpp"
#include "sim/runner/build_info.hpp"
#include "sim/runner/manifest.hpp"

namespace policysim::bench {

int available_cpus() {
  cpu_set_t mask;
  CPU_ZERO(&mask);
  if (sched_getaffinity(0, sizeof(mask), &mask) != 0) return 1;
  return std::max(1, CPU_COUNT(&mask));
}

std::array<double, 3> load_average() {
  std::array<double, 3> load = {0.0, 0.0, 0.0};
  if (getloadavg(load.data(), 3) < 0) load = {-1.0, -1.0, -1.0};
  return load;
}

std::size_t current_rss_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::size_t pages_total = 0, pages_resident = 0;
  if (!(statm >> pages_total >> pages_resident)) return 0;
  return pages_resident * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
}

std::size_t peak_rss_bytes() {
  rusage usage{};
  if (getrusage(RUSAGE_SELF, &usage) != 0) return 0;
  return static_cast<std::size_t>(usage.ru_maxrss) * 1024;  // Linux reports kilobytes
}

std::string benchmark_context(std::string_view workload, int threads) {
  const std::array<double, 3> load = load_average();
  std::string line = "bench ";
  line.append(workload);
  line.append(printf_text("  commit %s  threads %d  cpus %d  load %.2f %.2f %.2f",
                          POLICYSIM_GIT_COMMIT, threads, available_cpus(), load[0], load[1],
                          load[2]));
  line.append("  cpu " + runner::cpu_model());
  return line;
}

}  // namespace policysim::bench
