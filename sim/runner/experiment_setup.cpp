#include "sim/runner/experiment_setup.hpp"

#include <ostream>

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
                                       bool region_series, std::ostream& log) {
  const MemoryEstimate memory = estimate_memory(
      scenario.region_count, scenario.country.mean_degree,
      model_contents(arm_configs, scenario.region_count, scenario.country.districts),
      static_cast<std::size_t>(scenario.config.tick_count()), arm_configs.size(), runs, targets,
      threads, region_series);
  check_memory(memory, log);
  return memory;
}

void report_interrupted(store::ResultsDatabase& database, int signal, std::size_t stored,
                        std::size_t asked, std::ostream& log) {
  mark_interrupted(database, signal);
  log << "policysim: interrupted: " << stored << " of " << asked
      << " runs stored; rerun the same command to resume\n";
}

}  // namespace policysim::runner
