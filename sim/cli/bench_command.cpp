// `policysim bench`: the benchmark suite at 1, 2, ... N threads (N = the CPUs this process may
// use), with a scaling table, or JSON with --json. A determinism hash that differs between
// thread counts is a bug: it is reported on stderr and the command fails.

#include <filesystem>
#include <iostream>
#include <memory>

#include "sim/bench/machine.hpp"
#include "sim/bench/output_hash.hpp"
#include "sim/bench/scaling_report.hpp"
#include "sim/bench/scaling_suite.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/number_checks.hpp"
#include "sim/core/exit_codes.hpp"
#include "sim/runner/build_info.hpp"

namespace policysim::cli {
namespace {

struct BenchOptions {
  std::filesystem::path scenario;
  int threads = 0;
  bool large = false;
  bool json = false;
  bool no_pin = false;
};

// The baseline from the working directory, else from the source tree this binary was built from.
std::filesystem::path default_scenario() {
  std::filesystem::path local = "scenarios/baseline.yaml";
  if (std::filesystem::exists(local)) return local;
  return std::filesystem::path(POLICYSIM_SOURCE_DIR) / "scenarios" / "baseline.yaml";
}

}  // namespace

void add_bench_command(CLI::App& app, Action& action) {
  auto* command = app.add_subcommand(
      "bench", "Benchmark the ensemble and one tick at 1..N threads and print a scaling table");
  auto options = std::make_shared<BenchOptions>();
  command->add_option("--scenario", options->scenario,
                      "Scenario of the ensemble workload (default: scenarios/baseline.yaml)");
  command->add_option("-j,--threads", options->threads, "Largest thread count (default: all CPUs)")
      ->check(whole_number(0, kMostThreads, "0: all CPUs"));
  command->add_flag("--large", options->large, "Add 10^6 regions and a 1000-run ensemble");
  command->add_flag("--json", options->json, "Print JSON instead of the table");
  command->add_flag("--no-pin", options->no_pin, "Do not pin threads to CPUs");
  command->callback([&action, options] {
    action = [options] {
      bench::SuiteOptions suite;
      suite.scenario_file = options->scenario.empty() ? default_scenario() : options->scenario;
      suite.max_threads = options->threads > 0 ? options->threads : bench::available_cpus();
      suite.large = options->large;
      suite.pin = !options->no_pin;
      std::cerr << bench::benchmark_context("suite", suite.max_threads) << '\n';
      const auto rows = bench::run_scaling_suite(suite, [](const bench::ScalingRow& row) {
        std::cerr << "policysim bench: " << row.workload << ' ' << row.size << " at " << row.threads
                  << (row.threads == 1 ? " thread" : " threads") << ": " << row.seconds.median()
                  << " s\n";
      });
      if (options->json) {
        std::cout << bench::scaling_json(rows).dump(2) << '\n';
      } else {
        std::cout << bench::scaling_table(rows);
      }
      bool deterministic = true;
      for (const auto& row : rows) {
        if (!row.hash_matches) {
          deterministic = false;
          std::cerr << "policysim bench: DETERMINISM FAILURE: " << row.workload << ' ' << row.size
                    << " at " << row.threads << " threads gave hash " << bench::hex64(row.hash)
                    << ", not the hash at 1 thread (or it changed between repeats)\n";
        }
      }
      return deterministic ? core::kOk : core::kInternal;
    };
  });
}

}  // namespace policysim::cli
