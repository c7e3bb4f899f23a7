#include "sim/cli/experiment_options.hpp"

#include <climits>
#include <cstdint>

#include "sim/cli/number_checks.hpp"
#include "sim/cli/path_checks.hpp"

namespace policysim::cli {

void add_experiment_options(CLI::App& command, runner::ExperimentOptions& options,
                            const std::string& scenario_help, const std::string& reps_help,
                            const std::string& dry_run_help) {
  // No CLI::ExistingFile check: that would exit 64 (usage), and a missing scenario is missing
  // input (66), reported by the scenario reader like a missing `extends:` file.
  command.add_option("scenario", options.scenario_file, scenario_help)->required();
  command.add_option("--reps", options.replications, reps_help)->check(whole_number(1, INT_MAX));
  command.add_option("--seed", options.seed, "Base seed (default: the scenario's)")
      ->check(whole_number(0, UINT64_MAX));
  command.add_option("-j,--threads", options.threads, "Worker threads (default: all cores)")
      ->check(whole_number(0, kMostThreads, "0: all cores"));
  command
      .add_option("-o,--out", options.out_dir,
                  "Output directory (default: results/<scenario name>)")
      ->check(non_empty_path());
  command.add_flag("--regions", options.region_series, "Also write the per-region series");
  command.add_flag("--dry-run", options.dry_run, dry_run_help);
  command.add_flag("--overwrite", options.overwrite,
                   "Replace the results already in the output directory (its results.sqlite "
                   "only, and only if it is one), e.g. after editing the scenario");
  command.add_flag("-q,--quiet", options.quiet, "No progress on stderr");
}

}  // namespace policysim::cli
