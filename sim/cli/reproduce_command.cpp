// `policysim reproduce RESULTS -o DIR`: makes a results database's runs again from the database
// alone (its manifest holds the resolved scenario and its data files), into another folder.

#include <iostream>
#include <memory>

#include "sim/cli/commands.hpp"
#include "sim/cli/number_checks.hpp"
#include "sim/core/exit_codes.hpp"
#include "sim/runner/experiment.hpp"

namespace policysim::cli {
namespace {

struct ReproduceOptions {
  std::filesystem::path results;
  std::filesystem::path out_dir;
  int threads = 0;
  bool quiet = false;
};

}  // namespace

void add_reproduce_command(CLI::App& app, Action& action) {
  auto* command = app.add_subcommand(
      "reproduce", "Make a results database's runs again from its manifest alone, into -o DIR");
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
      auto experiment = runner::options_from_manifest(options->results, options->out_dir);
      experiment.threads = options->threads;
      experiment.quiet = options->quiet;
      const auto result = runner::run_experiment(experiment, std::cout, std::cerr);
      return result.runs_failed == 0 ? core::kOk : core::kInternal;
    };
  });
}

}  // namespace policysim::cli
