// Generating synthetic countries: seconds per country at 10^3, 10^6 and (optionally) 10^7
// regions. Usage: bench_synthetic_country [max_regions]
#include <tbb/info.h>
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "bench/arguments.hpp"
#include "sim/core/hashing.hpp"
#include "sim/runner/build_info.hpp"
#include "sim/scenario/synthetic_country.hpp"

namespace {

// FNV-1a's step on whole words over the edges and districts: a change in the generated country
// changes the hash.
std::uint64_t country_hash(const policysim::model::Country& country) {
  std::uint64_t hash = policysim::core::kFnv1a64Offset;
  auto mix = [&hash](std::uint64_t value) {
    hash ^= value;
    hash *= policysim::core::kFnv1a64Prime;
  };
  for (const auto& edge : country.land_edges) mix((std::uint64_t{edge.a} << 32) | edge.b);
  for (auto district : country.district) mix(district);
  return hash;
}

}  // namespace

// An exception ends a benchmark with its message, by std::terminate: no figure beats a wrong one.
// NOLINTNEXTLINE(bugprone-exception-escape)
int main(int argc, char** argv) {
  CLI::App app{"Seconds to generate synthetic countries of 10^3, 10^6 and 10^7 regions"};
  std::size_t max_regions = 1000000;
  app.add_option("max_regions", max_regions, "Largest country (default 10^6)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{4294967295}));
  if (const int code = policysim::bench::parse_arguments(app, argc, argv); code >= 0) return code;
  std::printf("bench synthetic_country  commit %s  threads %d\n", POLICYSIM_GIT_COMMIT,
              tbb::info::default_concurrency());
  std::printf("%12s %10s %12s %14s %18s\n", "regions", "districts", "seconds", "edges", "hash");
  for (std::size_t regions : {std::size_t{1000}, std::size_t{1000000}, std::size_t{10000000}}) {
    if (regions > max_regions) break;
    const std::size_t districts = regions / 1000 + 7;
    const auto started = std::chrono::steady_clock::now();
    const auto country = policysim::scenario::make_synthetic_country(regions, districts, 42);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("%12zu %10zu %12.3f %14zu %18llx\n", regions, districts, seconds,
                country.land_edges.size(), static_cast<unsigned long long>(country_hash(country)));
  }
  return 0;
}
