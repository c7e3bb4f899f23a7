// One tick of synthetic countries (about two NGOs and six to ten land neighbours per region), in
// region-ticks per second and nanoseconds per region-tick, next to an SpMM (5 columns) over the
// same combined network and a STREAM triad over as many doubles as regions, measured in the same
// process. Memory: the model's resident bytes per region (the country freed) and the peak. Under
// each row, the mean time of each phase of a tick.
// Usage: bench_tick [small|large|all|REGIONS] [threads] [ticks repeats]  (ticks and repeats for
// profiles: fewer samples than the defaults)
#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "bench/arguments.hpp"
#include "sim/bench/machine.hpp"
#include "sim/bench/result_tables.hpp"
#include "sim/bench/tick_benchmark.hpp"

// An exception ends a benchmark with its message, by std::terminate: no figure beats a wrong one.
// NOLINTNEXTLINE(bugprone-exception-escape)
int main(int argc, char** argv) {
  using namespace policysim::bench;
  CLI::App app{"One tick of synthetic countries, next to reference kernels on the same data"};
  std::string size = "small";
  int threads = 1;
  std::optional<int> ticks, repeats;
  app.add_option("size", size, "small (10^3, 10^5), large (10^6, 10^7), all, or REGIONS")
      ->check(size_or_count({"small", "large", "all"}, 0xFFFFFFFFull));
  app.add_option("threads", threads, "Threads (default 1)")->check(CLI::Range(1, 4096));
  app.add_option("ticks", ticks, "Timed ticks per repeat (with repeats)")
      ->check(CLI::Range(1, 1000000000));
  app.add_option("repeats", repeats, "Repeats (with ticks)")->check(CLI::Range(1, 1000000000));
  if (const int code = parse_arguments(app, argc, argv); code >= 0) return code;

  std::vector<std::size_t> sizes;
  if (size == "small" || size == "all") sizes.insert(sizes.end(), {1000, 100000});
  if (size == "large" || size == "all") sizes.insert(sizes.end(), {1000000, 10000000});
  if (sizes.empty()) sizes.push_back(std::strtoull(size.c_str(), nullptr, 10));
  std::printf("%s\n%s\n", benchmark_context("tick", threads).c_str(), tick_table_header().c_str());
  for (std::size_t regions : sizes) {
    TickOptions options;
    options.regions = regions;
    options.threads = threads;
    // Enough samples for a median, few enough that 10^7 regions stays within minutes.
    options.ticks = ticks.value_or(regions <= 100000 ? 16 : (regions <= 1000000 ? 8 : 4));
    options.repeats = repeats.value_or(regions <= 100000 ? 5 : (regions <= 1000000 ? 2 : 1));
    const TickResult result = run_tick_benchmark(options);
    std::printf("%s\n%s\n", tick_table_row(result).c_str(), tick_phase_line(result).c_str());
    std::fflush(stdout);
    if (!result.hash_stable) return 1;
  }
  return 0;
}
