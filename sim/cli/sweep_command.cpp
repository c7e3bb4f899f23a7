// `policysim sweep FILE`: a scenario at every point of its sweep's design, on common random
// numbers, each run stored with its factors' values.

#include <charconv>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <system_error>

#include "sim/cli/commands.hpp"
#include "sim/cli/experiment_options.hpp"
#include "sim/cli/mpi_launch.hpp"
#include "sim/core/exit_codes.hpp"
#include "sim/runner/stop_signals.hpp"
#include "sim/runner/sweep_experiment.hpp"

#if POLICYSIM_MPI
#include "sim/cli/mpi_job.hpp"
#include "sim/mpi/mpi_dispatch.hpp"
#include "sim/mpi/mpi_session.hpp"
#endif

namespace policysim::cli {
namespace {

/// `i/N` as a shard (index i - 1 of N), or nothing unless 1 <= i <= N.
std::optional<runner::Shard> parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  if (slash == std::string::npos) return std::nullopt;
  std::size_t index = 0, count = 0;
  const char* begin = text.data();
  const char* middle = begin + slash;
  const char* end = begin + text.size();
  const auto [index_end, index_error] = std::from_chars(begin, middle, index);
  const auto [count_end, count_error] = std::from_chars(middle + 1, end, count);
  if (index_error != std::errc() || count_error != std::errc() || index_end != middle ||
      count_end != end || index < 1 || index > count) {
    return std::nullopt;
  }
  return runner::Shard{index - 1, count};
}

int exit_code(const runner::SweepResult& result) {
  if (result.stop_signal != 0) return runner::stopped_exit_code(result.stop_signal);
  return result.runs_failed == 0 ? core::kOk : core::kInternal;
}

#if POLICYSIM_MPI
/// The sweep shared by the ranks of the MPI job that started this process (mpi_dispatch.hpp).
int sweep_on_ranks(const runner::SweepOptions& options) {
  const mpi::MpiSession session;
  if (session.ranks() == 1) return exit_code(runner::run_sweep(options, std::cout, std::cerr));
  return run_on_rank(session, "sweep", [&]() -> int {
    if (options.dry_run && session.rank() != 0) return core::kOk;  // rank 0 describes it
    mpi::MpiDispatch dispatch(session.rank(), session.ranks());
    return exit_code(runner::run_sweep(options, std::cout, std::cerr, dispatch));
  });
}
#endif

}  // namespace

void add_sweep_command(CLI::App& app, Action& action) {
  auto* command = app.add_subcommand(
      "sweep", "Run a scenario at every point of its sweep's design, on common random numbers");
  auto options = std::make_shared<runner::SweepOptions>();
  add_experiment_options(*command, *options, "Scenario or sweep file with `sweep:`",
                         "Replicates of each point (default: the sweep's `replications`)",
                         "Print the design's size, the runs, a time and disk estimate and the "
                         "first points");
  command->add_flag("--series", options->series,
                    "Also store each run's national series (outcomes and events are always "
                    "stored)");
  auto shard = std::make_shared<std::string>();
  command
      ->add_option("--shard", *shard,
                   "Run only share i of N of the points, i/N (point p where p mod N = i - 1), "
                   "e.g. one job of an array; join the shards' folders with `policysim merge`")
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            return parse_shard(text) ? "" : "expected i/N with 1 <= i <= N, e.g. 2/8, got " + text;
          },
          "i/N"));
  command->callback([&action, options, shard] {
    if (!shard->empty()) options->shard = *parse_shard(*shard);
    action = [options]() -> int {
      const runner::StopOnSignals stop_on_signals;
#if POLICYSIM_MPI
      if (mpi::launched_by_mpi()) return sweep_on_ranks(*options);
#else
      refuse_mpi_launch("sweep", "docs/sweeps.md", ", or shards (--shard i/N)");
#endif
      return exit_code(runner::run_sweep(*options, std::cout, std::cerr));
    };
  });
}

}  // namespace policysim::cli
