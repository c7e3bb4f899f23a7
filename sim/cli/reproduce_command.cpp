// `policysim reproduce RESULTS -o DIR`: makes a results database's runs again from the database
// alone (its manifest holds the resolved scenario and its data files), into another folder: a
// `run`'s replications, or a `compare`'s arms and their table.

#include <iostream>
#include <memory>
#include <variant>

#include "sim/cli/commands.hpp"
#include "sim/cli/number_checks.hpp"
#include "sim/core/exit_codes.hpp"
#include "sim/runner/comparison.hpp"
#include "sim/runner/experiment.hpp"
#include "sim/runner/remake.hpp"
#include "sim/runner/stop_signals.hpp"

namespace policysim::cli {
namespace {

struct ReproduceOptions {
  std::filesystem::path results;
  std::filesystem::path out_dir;
  int threads = 0;
  bool quiet = false;
};

runner::ExperimentResult remake_runs(const runner::ExperimentOptions& options) {
  return runner::run_experiment(options, std::cout, std::cerr);
}

runner::CompareResult remake_runs(const runner::CompareOptions& options) {
  return runner::run_comparison(options, std::cout, std::cerr);
}

}  // namespace

void add_reproduce_command(CLI::App& app, Action& action) {
  auto* command = app.add_subcommand(
      "reproduce",
      "Make a run's or a comparison's runs again from its database's manifest alone, into -o DIR");
  auto options = std::make_shared<ReproduceOptions>();
  command->add_option("results", options->results, "Results directory or results.sqlite")
      ->required();
  command->add_option("-o,--out", options->out_dir, "Output directory for the runs made again")
      ->required();
  command->add_option("-j,--threads", options->threads, "Worker threads (default: all cores)")
      ->check(whole_number(0, kMostThreads, "0: all cores"));
  command->add_flag("-q,--quiet", options->quiet, "No progress on stderr");
  command->callback([&action, options] {
    action = [options] {
      auto remake = runner::options_from_manifest(options->results, options->out_dir);
      const runner::StopOnSignals stop_on_signals;
      return std::visit(
          [&](auto& again) -> int {
            again.threads = options->threads;
            again.quiet = options->quiet;
            const auto result = remake_runs(again);
            if (result.stop_signal != 0) return runner::stopped_exit_code(result.stop_signal);
            return result.runs_failed == 0 ? core::kOk : core::kInternal;
          },
          remake);
    };
  });
}

}  // namespace policysim::cli
