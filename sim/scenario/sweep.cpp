#include "sim/scenario/sweep.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "sim/model/parameter_table.hpp"

namespace policysim::scenario {

sensitivity::DesignRequest design_request(const Sweep& sweep) {
  sensitivity::DesignRequest request;
  request.kind = sweep.design;
  request.factors = sweep.factors.size();
  request.points = sweep.points;
  request.seed = sweep.seed;
  if (sweep.design == SweepDesign::grid) {
    for (const auto& factor : sweep.factors) {
      request.grid_levels.push_back(factor.values.empty() ? sweep.levels : factor.values.size());
    }
  }
  if (sweep.design == SweepDesign::morris) request.morris_levels = sweep.levels;
  return request;
}

bool is_quarter_factor(FactorKind kind) {
  return kind == FactorKind::intervention_start || kind == FactorKind::intervention_end;
}

core::Quarter quarter_of_year(double decimal_year) {
  const auto quarters = static_cast<int>(std::lround(decimal_year * 4.0));
  return core::Quarter(quarters / 4, quarters % 4 + 1);
}

double year_of_quarter(core::Quarter quarter) {
  return quarter.year() + (quarter.quarter() - 1) / 4.0;
}

namespace {

template <class Item>
Item& named(std::vector<Item>& items, const std::string& name) {
  const auto it =
      std::find_if(items.begin(), items.end(), [&](const Item& item) { return item.name == name; });
  if (it == items.end()) throw std::logic_error("sweep factor names `" + name + "`, unknown");
  return *it;
}

}  // namespace

void apply_factor(const SweepFactor& factor, double value, model::Config& config) {
  switch (factor.kind) {
    case FactorKind::parameter: {
      const model::ParameterSpec* spec = model::find_parameter(factor.target);
      if (!spec) throw std::logic_error("sweep factor names parameter `" + factor.target + "`");
      spec->field(config.params) = value;
      return;
    }
    case FactorKind::intervention_intensity:
      named(config.interventions, factor.target).intensity = value;
      return;
    case FactorKind::intervention_start:
      named(config.interventions, factor.target).start = quarter_of_year(value);
      return;
    case FactorKind::intervention_end:
      named(config.interventions, factor.target).end = quarter_of_year(value);
      return;
    case FactorKind::donor_foreignness:
      named(config.donors, factor.target).foreignness = value;
      return;
  }
}

}  // namespace policysim::scenario
