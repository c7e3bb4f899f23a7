#include "sim/runner/sweep_record.hpp"

#include <span>
#include <string>
#include <string_view>

#include "sim/model/parameter_table.hpp"
#include "sim/scenario/value_reader.hpp"

namespace policysim::runner {
namespace {

std::string_view kind_name(scenario::FactorKind kind) {
  switch (kind) {
    case scenario::FactorKind::parameter:
      return "parameter";
    case scenario::FactorKind::intervention_intensity:
      return "intervention_intensity";
    case scenario::FactorKind::intervention_start:
      return "intervention_start";
    case scenario::FactorKind::intervention_end:
      return "intervention_end";
    case scenario::FactorKind::donor_foreignness:
      return "donor_foreignness";
  }
  return "parameter";
}

/// "[1.5, 3, 4.5]", or for a start or an end "[2003Q1, 2004Q3]"; empty for a range.
std::string value_list(const scenario::SweepFactor& factor) {
  if (factor.values.empty()) return "";
  std::string text = "[";
  for (std::size_t i = 0; i < factor.values.size(); ++i) {
    text += i == 0 ? "" : ", ";
    text += scenario::is_quarter_factor(factor.kind)
                ? scenario::quarter_of_year(factor.values[i]).str()
                : scenario::format_number(factor.values[i]);
  }
  return text + "]";
}

/// The distribution's name and parameters, and whether it is open (cut at the valid range).
nlohmann::json distribution_json(const scenario::FactorDistribution& distribution) {
  nlohmann::json json = {{"name", scenario::distribution_name(distribution.kind)}};
  switch (distribution.kind) {
    case scenario::DistributionKind::triangular:
      json["mode"] = distribution.mode;
      break;
    case scenario::DistributionKind::normal:
      json["mean"] = distribution.mean;
      json["sd"] = distribution.sd;
      break;
    case scenario::DistributionKind::lognormal:
      json["median"] = distribution.median;
      json["sd_log"] = distribution.sd_log;
      break;
    case scenario::DistributionKind::uniform:
    case scenario::DistributionKind::none:
      break;
  }
  json["open"] = distribution.open;
  return json;
}

}  // namespace

nlohmann::json factors_json(std::span<const scenario::SweepFactor> sweep_factors) {
  nlohmann::json factors = nlohmann::json::array();
  for (const auto& factor : sweep_factors) {
    nlohmann::json entry = {
        {"factor", factor.path}, {"column", factor.column}, {"kind", kind_name(factor.kind)},
        {"low", factor.low},     {"high", factor.high},     {"values", factor.values}};
    // Only a factor with a distribution has the key: a sweep of ranges and lists records what
    // it recorded before distributions existed, so that its databases are resumed still.
    if (factor.distribution.kind != scenario::DistributionKind::none) {
      entry["distribution"] = distribution_json(factor.distribution);
    }
    factors.push_back(std::move(entry));
  }
  return factors;
}

nlohmann::json design_json(const scenario::Sweep& sweep) {
  return {{"design", sensitivity::design_kind_name(sweep.design)},
          {"points", sweep.points},
          {"levels", sweep.levels},
          // As text, like every seed a database records: exact in every reader.
          {"seed", std::to_string(sweep.seed)},
          {"factors", factors_json(sweep.factors)}};
}

std::vector<store::DesignRow> design_rows(const scenario::Sweep& sweep, std::size_t points,
                                          int replicates) {
  std::vector<store::DesignRow> rows;
  for (const auto& factor : sweep.factors) {
    rows.push_back({factor.path, factor.column, std::string(kind_name(factor.kind)), factor.low,
                    factor.high, value_list(factor),
                    factor.distribution.kind == scenario::DistributionKind::none
                        ? ""
                        : scenario::distribution_text(factor.distribution),
                    std::string(sensitivity::design_kind_name(sweep.design)),
                    static_cast<std::int64_t>(points), static_cast<std::int64_t>(sweep.levels),
                    replicates, sweep.seed});
  }
  return rows;
}

std::vector<store::ColumnMeaning> factor_columns(std::span<const scenario::SweepFactor> factors,
                                                 std::string_view role) {
  std::vector<store::ColumnMeaning> columns;
  for (const auto& factor : factors) {
    store::ColumnMeaning meaning{"runs", factor.column, "", ""};
    switch (factor.kind) {
      case scenario::FactorKind::parameter: {
        const model::ParameterSpec* spec = model::find_parameter(factor.target);
        meaning.unit = std::string(spec->unit);
        meaning.description =
            std::string(role) + " " + factor.target + ": " + std::string(spec->description);
        break;
      }
      case scenario::FactorKind::intervention_intensity:
        meaning.unit = "0-1";
        meaning.description = std::string(role) + ": intensity of intervention " + factor.target;
        break;
      case scenario::FactorKind::intervention_start:
        meaning.unit = "year";
        meaning.description = std::string(role) + ": first quarter of intervention " +
                              factor.target + ", as a decimal year";
        break;
      case scenario::FactorKind::intervention_end:
        meaning.unit = "year";
        meaning.description = std::string(role) + ": last quarter of intervention " +
                              factor.target + ", as a decimal year";
        break;
      case scenario::FactorKind::donor_foreignness:
        meaning.unit = "0-1";
        meaning.description = std::string(role) + ": foreignness of donor " + factor.target;
        break;
    }
    columns.push_back(std::move(meaning));
  }
  return columns;
}

}  // namespace policysim::runner
