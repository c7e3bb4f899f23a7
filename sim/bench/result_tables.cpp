#include "sim/bench/result_tables.hpp"

#include <cstddef>

#include "sim/bench/output_hash.hpp"
#include "sim/bench/printf_text.hpp"
#include "sim/model/phases/phases.hpp"

namespace policysim::bench {
namespace {

double mebibytes(std::size_t bytes) { return static_cast<double>(bytes) / (1024.0 * 1024.0); }

}  // namespace

std::string ensemble_table_header() {
  return printf_text("%8s %7s %9s %19s %9s %11s %8s %8s %9s %9s %9s  %-16s", "runs", "threads",
                     "median_s", "range_s", "runs/s", "ms/run/core", "write_%", "wcpu_%", "spmm_us",
                     "run/spmm", "triad_GB/s", "hash");
}

std::string ensemble_table_row(const EnsembleResult& r) {
  const double ms_per_run_core =
      1e3 * r.seconds.median() * r.threads / static_cast<double>(r.replications);
  return printf_text("%8d %7d %9.3f %9.3f-%-9.3f %9.1f %11.3f %8.1f %8.2f %9.2f %9.0f %9.2f  %s%s",
                     r.replications, r.threads, r.seconds.median(), r.seconds.min(),
                     r.seconds.max(), r.runs_per_second(), ms_per_run_core, 100.0 * r.write_share(),
                     100.0 * r.write_cpu_share(), 1e6 * r.reference.spmm.median(),
                     r.ratio_to_spmm(), r.reference.triad_bytes_per_second() / 1e9,
                     hex64(r.hash).c_str(), r.hash_stable ? "" : " UNSTABLE");
}

std::string tick_table_header() {
  return printf_text("%9s %9s %10s %7s %10s %19s %8s %7s %9s %8s %8s %8s %9s %9s  %-16s", "regions",
                     "ngos", "edges", "threads", "median_ms", "range_ms", "Mrt/s", "ns/rt",
                     "spmm_ms", "tick/spmm", "GB/s", "t/triad", "B/region", "peak_MiB", "hash");
}

std::string tick_phase_line(const TickResult& r) {
  std::string line = "  phases (ms a tick):";
  for (std::size_t i = 0; i < r.phase_seconds.size(); ++i) {
    line += printf_text("  %s %.2f", model::tick_phases()[i].name, r.phase_ms(i));
  }
  return line;
}

std::string tick_table_row(const TickResult& r) {
  // Model memory per region, and the budget 256 B per region + 16 B per edge.
  const double bytes_per_region =
      static_cast<double>(r.rss_model_bytes) / static_cast<double>(r.regions);
  return printf_text(
      "%9zu %9zu %10zu %7d %10.3f %9.3f-%-9.3f %8.2f %7.1f %9.3f %8.2f %8.2f %8.1f %9.0f "
      "%9.0f  %s%s",
      r.regions, r.ngos, r.edges, r.threads, 1e3 * r.tick_seconds.median(),
      1e3 * r.tick_seconds.min(), 1e3 * r.tick_seconds.max(), r.region_ticks_per_second() / 1e6,
      r.ns_per_region_tick(), 1e3 * r.reference.spmm.median(), r.ratio_to_spmm(),
      r.reference.triad_bytes_per_second() / 1e9, r.ratio_to_triad(), bytes_per_region,
      mebibytes(r.peak_rss_bytes), hex64(r.hash).c_str(), r.hash_stable ? "" : " UNSTABLE");
}

}  // namespace policysim::bench
