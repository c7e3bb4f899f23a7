#include "sim/bench/scaling_report.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "sim/bench/machine.hpp"
#include "sim/bench/output_hash.hpp"
#include "sim/bench/printf_text.hpp"
#include "sim/model/phases/phases.hpp"
#include "sim/runner/build_info.hpp"
#include "sim/runner/manifest.hpp"

namespace policysim::bench {
namespace {

// Each tick row's phases: milliseconds a tick and, above 1 thread, the speed-up over the same
// workload at 1 thread, phase by phase: which phase stops scaling as threads are added.
std::string phase_table(const std::vector<ScalingRow>& rows) {
  std::string text;
  for (const ScalingRow& row : rows) {
    if (row.workload != "tick" || !row.detail.contains("phase_ms")) continue;
    const auto first = std::find_if(rows.begin(), rows.end(), [&row](const ScalingRow& other) {
      return other.workload == row.workload && other.size == row.size && other.threads == 1;
    });
    if (text.empty()) text = "\nphases of a tick: ms a tick (speed-up over 1 thread)\n";
    text += printf_text("%-12s %7d ", row.size.c_str(), row.threads);
    for (const model::TickPhase& phase : model::tick_phases()) {
      const double ms = row.detail["phase_ms"].value(phase.name, 0.0);
      text += printf_text("  %s %.3f", phase.name, ms);
      if (row.threads > 1 && first != rows.end()) {
        const double one_thread = first->detail["phase_ms"].value(phase.name, 0.0);
        if (ms > 0.0 && one_thread > 0.0) text += printf_text(" (%.2fx)", one_thread / ms);
      }
    }
    text += "\n";
  }
  return text;
}

// Each ensemble row's share of the workers' time spent writing results, waits for the database
// and the close's disk writes included, and where measured the same in CPU time: what a writer
// costs whatever the machine's other work, so its inverse at 1 thread is about how many workers
// one writer keeps up with. A share that grows with the threads shows workers waiting for it.
std::string writer_table(const std::vector<ScalingRow>& rows) {
  std::string text;
  for (const ScalingRow& row : rows) {
    const bool writer_alone = row.workload == "writer";
    if (!writer_alone && (row.workload != "ensemble" || !row.detail.contains("write_share"))) {
      continue;
    }
    if (text.empty()) {
      text = "\nresults writer: share of the workers' time spent writing runs (waits included)\n";
    }
    if (writer_alone) {
      // Runs written back to back: the share a writer kept busy by many workers spends.
      const double share = row.detail["write_cpu_share"].get<double>();
      text += printf_text("%-18s %7s   %.2f %% of a run's CPU time, written back to back",
                          "writer alone", "", 100.0 * share);
      if (share > 0.0) {
        text += printf_text("  (one writer keeps up with about %.0f workers)", 1.0 / share);
      }
      text += "\n";
      continue;
    }
    const double share = row.detail["write_share"].get<double>();
    text += printf_text("%-18s %7d   %.1f %%", row.size.c_str(), row.threads, 100.0 * share);
    double busy_share = share;
    if (row.detail.contains("write_cpu_share")) {
      busy_share = row.detail["write_cpu_share"].get<double>();
      text += printf_text(" (CPU time: %.2f %%)", 100.0 * busy_share);
    }
    if (row.threads == 1 && busy_share > 0.0) {
      text += printf_text("  (one writer keeps up with about %.0f workers)", 1.0 / busy_share);
    }
    text += "\n";
  }
  return text;
}

}  // namespace

std::string scaling_table(const std::vector<ScalingRow>& rows) {
  std::string text = printf_text("%-9s %-18s %7s %12s %25s %14s %-15s %8s %9s  %-16s %s\n",
                                 "workload", "size", "threads", "median_s", "range_s", "rate",
                                 "unit", "speedup", "x_ref", "hash", "check");
  for (const ScalingRow& row : rows) {
    text += printf_text("%-9s %-18s %7d %12.6f %12.6f-%-12.6f %14.4g %-15s %8.2f %9.2f  %s %s\n",
                        row.workload.c_str(), row.size.c_str(), row.threads, row.seconds.median(),
                        row.seconds.min(), row.seconds.max(), row.rate, row.rate_unit.c_str(),
                        row.speedup, row.ratio_to_reference, hex64(row.hash).c_str(),
                        row.hash_matches ? "ok" : "MISMATCH");
  }
  return text + writer_table(rows) + phase_table(rows);
}

nlohmann::json scaling_json(const std::vector<ScalingRow>& rows) {
  nlohmann::json results = nlohmann::json::array();
  bool deterministic = true;
  for (const ScalingRow& row : rows) {
    nlohmann::json entry = row.detail;
    entry["size"] = row.size;
    entry["rate"] = row.rate;
    entry["rate_unit"] = row.rate_unit;
    entry["speedup"] = row.speedup;
    entry["ratio_to_reference"] = row.ratio_to_reference;
    entry["hash_matches"] = row.hash_matches;
    deterministic = deterministic && row.hash_matches;
    results.push_back(std::move(entry));
  }
  const std::array<double, 3> load = load_average();
  return {{"commit", POLICYSIM_GIT_COMMIT}, {"cpu_model", runner::cpu_model()},
          {"cpus", available_cpus()},       {"load_average", {load[0], load[1], load[2]}},
          {"deterministic", deterministic}, {"results", std::move(results)}};
}

}  // namespace policysim::bench
