#include "sim/runner/catalogue.hpp"

#include <algorithm>
#include <string>

#include "sim/model/events.hpp"
#include "sim/model/instrument.hpp"
#include "sim/model/metrics.hpp"
#include "sim/model/parameter_table.hpp"
#include "sim/model/reform.hpp"

namespace policysim::runner {
namespace {

// The default of a parameter that the table must hold (instrument defaults are parameters).
double default_of(const std::string& name) {
  const model::ParameterSpec* spec = model::find_parameter(name);
  if (spec == nullptr) throw std::logic_error("no parameter " + name + " in the parameter table");
  return spec->prior;
}

template <class Enum, std::size_t N>
nlohmann::json rows(const std::array<model::Described<Enum>, N>& table) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& row : table) {
    list.push_back({{"name", row.name}, {"unit", row.unit}, {"description", row.description}});
  }
  return list;
}

}  // namespace

nlohmann::json parameter_catalogue() {
  nlohmann::json list = nlohmann::json::array();
  for (const model::ParameterSpec& spec : model::parameter_specs()) {
    list.push_back({{"name", spec.name},
                    {"symbol", spec.symbol},
                    {"description", spec.description},
                    {"unit", spec.unit},
                    {"default", spec.prior},
                    {"plausible_range", {spec.plausible_low, spec.plausible_high}},
                    {"valid_range", {spec.valid_min, spec.valid_max}}});
  }
  return list;
}

nlohmann::json instrument_catalogue() {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& row : model::kInstruments) {
    const std::string name(row.name);
    nlohmann::json effects = nlohmann::json::object();
    for (const std::string_view reform : model::kReformNames) {
      effects[std::string(reform)] = default_of("effect." + name + "." + std::string(reform));
    }
    list.push_back({{"name", name},
                    {"description", row.description},
                    {"visibility", default_of("visibility." + name)},
                    {"effects", effects},
                    {"builds_ties", model::builds_ties(row.id)}});
  }
  return list;
}

nlohmann::json outcome_catalogue() { return rows(model::kOutcomes); }

nlohmann::json metric_catalogue() {
  nlohmann::json list = nlohmann::json::array();
  for (auto [table, metrics] : {std::pair{"series", rows(model::kSeriesMetrics)},
                                std::pair{"region_series", rows(model::kRegionMetrics)}}) {
    for (auto& metric : metrics) {
      metric["table"] = table;
      list.push_back(std::move(metric));
    }
  }
  return list;
}

nlohmann::json event_catalogue() {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& row : model::kFederalEvents) {
    list.push_back({{"kind", "forced"}, {"name", row.name}, {"description", row.description}});
  }
  for (const auto& row : model::kEventKinds) {
    list.push_back({{"kind", "reported"}, {"name", row.name}, {"description", row.description}});
  }
  return list;
}

nlohmann::json region_catalogue(const model::Country& country) {
  nlohmann::json list = nlohmann::json::array();
  const auto& centres = country.national_centres;
  for (std::size_t r = 0; r < country.region_count(); ++r) {
    const std::uint32_t district = country.district[r];
    list.push_back(
        {{"index", r},
         {"code", country.codes[r]},
         {"name", r < country.names.size() ? country.names[r] : std::string()},
         {"district", country.district_names.at(district)},
         {"district_centre", country.district_centre.at(district) == r},
         {"national_centre", std::find(centres.begin(), centres.end(), r) != centres.end()},
         {"high_exposure", r < country.high_exposure.size() && country.high_exposure[r] != 0}});
  }
  return list;
}

nlohmann::json district_catalogue(const model::Country& country) {
  nlohmann::json list = nlohmann::json::array();
  for (std::size_t d = 0; d < country.district_names.size(); ++d) {
    const auto regions = std::count(country.district.begin(), country.district.end(), d);
    list.push_back({{"name", country.district_names[d]},
                    {"centre", country.codes.at(country.district_centre.at(d))},
                    {"regions", regions}});
  }
  return list;
}

}  // namespace policysim::runner
