#pragma once
// The table of named numeric parameters: one row per magnitude of Params, with its prior, its
// plausible range (for sweeps and sensitivity analysis) and its hard validity bounds. The scenario
// layer fills Params by these names; sweeps vary them by name.

#include <span>
#include <string_view>

#include "sim/model/params.hpp"

namespace policysim::model {

/// One named parameter. Per-reform arrays appear as "beta0.law", "beta0.victim", ...
struct ParameterSpec {
  std::string_view name;
  double prior;                          ///< MODEL.md §7 prior (the default in Params)
  double plausible_low, plausible_high;  ///< range for sweeps
  double valid_min, valid_max;           ///< values outside are an error
  double& (*field)(Params&);             ///< where the value lives
  std::string_view description;
  /// MODEL.md's symbol, spelled as a scenario may write it ("beta_R", "beta_T.law"); the name
  /// itself where the spec uses it, empty where the spec names the magnitude without a symbol.
  std::string_view symbol;
  std::string_view unit;  ///< e.g. "logit", "per quarter", "0-1", "quarters"
};

/// Every named parameter, in a stable order.
std::span<const ParameterSpec> parameter_specs();

/// The spec of `name`, or nullptr.
const ParameterSpec* find_parameter(std::string_view name);

/// The spec whose MODEL.md symbol is `symbol` where that differs from its name ("beta_R" for
/// beta_resistance), or nullptr: the symbols a scenario may write instead of the names.
const ParameterSpec* find_parameter_by_symbol(std::string_view symbol);

}  // namespace policysim::model
