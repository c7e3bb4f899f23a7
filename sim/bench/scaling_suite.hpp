#pragma once
// The suite of `policysim bench`: each workload at 1, 2, ... max_threads threads.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/bench/timings.hpp"

namespace policysim::bench {

struct SuiteOptions {
  std::filesystem::path scenario_file;  ///< the ensemble's scenario (the baseline)
  int max_threads = 1;
  bool large = false;  ///< add 10^6 regions and a 1000-run ensemble
  bool pin = true;
};
/// One line of the scaling table.
// clang-tidy 14 says its implicit members may throw: its move constructors do not.
// NOLINTNEXTLINE(bugprone-exception-escape)
struct ScalingRow {
  std::string workload;  ///< "ensemble" or "tick"
  std::string size;      ///< "200 runs", "1e5 regions"
  int threads = 0;
  Timings seconds;                  ///< per ensemble or per tick
  double rate = 0.0;                ///< runs or region-ticks per second
  std::string rate_unit;            ///< "runs/s" or "region-ticks/s"
  double speedup = 1.0;             ///< rate over the rate at 1 thread
  double ratio_to_reference = 0.0;  ///< run over 64 SpMMs, or tick over one SpMM
  std::uint64_t hash = 0;
  bool hash_matches = true;  ///< same hash as at 1 thread, and across repeats
  nlohmann::json detail;     ///< the full result
};
/// Runs the suite; `progress` is told each row as it finishes (may be empty).
std::vector<ScalingRow> run_scaling_suite(const SuiteOptions& options,
                                          const std::function<void(const ScalingRow&)>& progress);

}  // namespace policysim::bench
