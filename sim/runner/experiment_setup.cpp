#include "sim/runner/experiment_setup.hpp"

#include <ostream>
#include <utility>

#include "sim/runner/experiment_database.hpp"

namespace policysim::runner {

scenario::Scenario read_experiment_scenario(const std::filesystem::path& file, std::ostream& log) {
  scenario::Scenario scenario = scenario::load_scenario(file);
  for (const auto& warning : scenario.warnings) log << warning.str() << '\n';
  return scenario;
}

std::filesystem::path experiment_database_path(const std::optional<std::filesystem::path>& out_dir,
                                               const scenario::Scenario& scenario) {
  return out_dir.value_or(std::filesystem::path("results") / scenario.name) / "results.sqlite";
}

MemoryEstimate check_experiment_memory(const scenario::Scenario& scenario,
                                       std::span<const model::Config* const> arm_configs,
                                       std::size_t runs, std::size_t targets, int threads,
                                       bool region_series, std::ostream& log,
                                       std::optional<std::size_t> kept_runs) {
  MemoryEstimate memory = estimate_memory(
      scenario.region_count, scenario.country.mean_degree,
      model_contents(arm_configs, scenario.region_count, scenario.country.districts),
      static_cast<std::size_t>(scenario.config.tick_count()), arm_configs.size(), runs, targets,
      threads, region_series);
  memory.runs = kept_runs.value_or(runs);
  check_memory(memory, log);
  return memory;
}

FinishedRuns finished_runs(std::vector<store::StoredRun> runs, int replicates) {
  FinishedRuns finished;
  finished.beyond = std::erase_if(
      runs, [replicates](const store::StoredRun& run) { return run.replicate >= replicates; });
  finished.failed = std::erase_if(
      runs, [](const store::StoredRun& run) { return run.status.rfind("failed", 0) == 0; });
  finished.ok = std::move(runs);
  return finished;
}

void report_failed_runs(std::size_t failed_stored, std::size_t asked, int retried,
                        std::size_t attempted, const std::string& left_out_of,
                        const std::filesystem::path& database, std::ostream& log) {
  if (failed_stored > 0) {
    log << "policysim: " << failed_stored << " of " << asked << " runs failed and are left out of "
        << left_out_of
        << "; each is stored as failed with why in its status (for a NaN or infinite state the "
           "tick, phase, agent and parameters): SELECT * FROM runs WHERE status != 'ok' in "
        << database.string() << '\n';
  }
  if (retried > 0) {
    log << "policysim: " << retried << " of " << attempted
        << " runs failed; the others are stored. Re-run the same command to retry them.\n";
  }
}

void report_interrupted(store::ResultsDatabase& database, int signal, std::size_t stored,
                        std::size_t asked, std::ostream& log) {
  mark_interrupted(database, signal);
  log << "policysim: interrupted: " << stored << " of " << asked
      << " runs stored; rerun the same command to resume\n";
}

}  // namespace policysim::runner
