#include "sim/runner/results_schema.hpp"

#include <array>
#include <string>

#include "sim/model/metrics.hpp"

namespace policysim::runner {
namespace {

template <class Enum, std::size_t N>
std::vector<std::string> names(const std::array<model::Described<Enum>, N>& table) {
  std::vector<std::string> names;
  names.reserve(N);
  for (const auto& row : table) names.emplace_back(row.name);
  return names;
}

template <class Enum, std::size_t N>
void add_meanings(std::vector<store::ColumnMeaning>& meanings, const std::string& table_name,
                  const std::array<model::Described<Enum>, N>& table) {
  for (const auto& row : table) {
    meanings.push_back(
        {table_name, std::string(row.name), std::string(row.unit), std::string(row.description)});
  }
}

}  // namespace

store::Schema results_schema() {
  return {{}, names(model::kOutcomes), names(model::kSeriesMetrics), names(model::kRegionMetrics)};
}

std::vector<store::ColumnMeaning> results_column_meanings() {
  std::vector<store::ColumnMeaning> meanings;
  add_meanings(meanings, "runs", model::kOutcomes);
  add_meanings(meanings, "series", model::kSeriesMetrics);
  add_meanings(meanings, "region_series", model::kRegionMetrics);
  return meanings;
}

}  // namespace policysim::runner
