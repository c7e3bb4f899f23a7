#include "sim/runner/run_record.hpp"

#include <utility>

namespace policysim::runner {

std::vector<std::string> quarter_labels(const model::Config& config) {
  std::vector<std::string> labels;
  labels.reserve(static_cast<std::size_t>(config.tick_count()));
  for (int tick = 0; tick < config.tick_count(); ++tick)
    labels.push_back((config.start + tick).str());
  return labels;
}

store::RunRecord to_record(model::RunOutput output, const std::string& arm, int replicate,
                           std::uint64_t seed, double wall_seconds,
                           const std::vector<std::string>& quarters) {
  store::RunRecord record;
  record.arm = arm;
  record.replicate = replicate;
  record.seed = seed;
  record.status = "ok";
  record.wall_seconds = wall_seconds;
  record.outcomes = std::move(output.outcomes);
  record.quarters = quarters;
  record.series = std::move(output.series);
  record.region_series = std::move(output.region_series);
  record.events.reserve(output.events.size());
  for (auto& event : output.events) {
    record.events.push_back(
        {event.tick, std::move(event.kind), event.region, std::move(event.detail)});
  }
  return record;
}

}  // namespace policysim::runner
