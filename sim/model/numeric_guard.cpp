#include "sim/model/numeric_guard.hpp"

#include <array>
#include <cmath>
#include <cstdio>
#include <span>
#include <sstream>
#include <string_view>

#include "sim/model/parameter_table.hpp"

namespace policysim::model {
namespace {

// Four running sums, so that the additions of a long column overlap in the pipeline instead of
// waiting for each other.
struct FourSums {
  std::array<double, 4> sums{};
  void add(std::span<const double> values) {
    std::size_t i = 0;
    for (; i + 4 <= values.size(); i += 4) {
      sums[0] += values[i];
      sums[1] += values[i + 1];
      sums[2] += values[i + 2];
      sums[3] += values[i + 3];
    }
    for (; i < values.size(); ++i) sums[0] += values[i];
  }
  void add(double value) { sums[0] += value; }
  bool finite() const { return std::isfinite((sums[0] + sums[1]) + (sums[2] + sums[3])); }
};

// Calls visit(name, values, agent kind) for every column of the state, in a fixed order.
template <class Visit>
void for_each_column(const RunState& state, Visit&& visit) {
  const RegionState& r = state.regions;
  visit("implementation", std::span<const double>(r.implementation), "region");
  visit("capacity", std::span<const double>(r.capacity), "region");
  visit("judicial capacity", std::span<const double>(r.judicial_capacity), "region");
  visit("judicial use", std::span<const double>(r.judicial_use), "region");
  visit("resistance", std::span<const double>(r.resistance), "region");
  visit("support", std::span<const double>(r.support), "region");
  visit("mean cases", std::span<const double>(r.mean_cases), "region");
  visit("emulation memory", std::span<const double>(state.emulation_memory), "reference slot");
  const NgoState& n = state.ngos;
  visit("resources", std::span<const double>(n.resources), "NGO");
  visit("foreign share", std::span<const double>(n.foreign_share), "NGO");
  visit("legitimacy", std::span<const double>(n.legitimacy), "NGO");
  visit("tie", std::span<const double>(n.tie), "NGO");
  visit("tie weight", std::span<const double>(state.tie_weight), "NGO-tie edge");
  visit("budget", std::span<const double>(state.donors.budget), "donor");
  visit("foreignness", std::span<const double>(state.donors.foreignness), "donor");
  // The national state of t, then that of t+1 the national phase writes.
  for (const NationState* nation : {&state.nation, &state.nation_next}) {
    visit("stance", std::span<const double>(&nation->stance, 1), "nation");
    visit("law content", std::span<const double>(&nation->law_content, 1), "nation");
    visit("law clock", std::span<const double>(&nation->clock_law, 1), "nation");
    visit("unit clock", std::span<const double>(&nation->clock_unit, 1), "nation");
    visit("restrictive-law clock", std::span<const double>(&nation->clock_restrictive, 1),
          "nation");
    visit("law in force", std::span<const double>(nation->law_in_force), "nation");
    visit("directive", std::span<const double>(nation->directive), "nation");
  }
}

std::string_view region_code(const StaticWorld& f, std::size_t r) {
  return std::string_view(f.region_codes)
      .substr(f.region_code_offsets[r], f.region_code_offsets[r + 1] - f.region_code_offsets[r]);
}

std::string number_text(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

}  // namespace

bool state_sum_is_finite(const RunState& state) {
  FourSums sums;
  for_each_column(state, [&sums](const char*, std::span<const double> values, const char*) {
    sums.add(values);
  });
  return sums.finite();
}

std::optional<std::string> find_non_finite(const RunState& state, const StaticWorld& fixed) {
  std::optional<std::string> found;
  const std::size_t regions = state.regions.region_count();
  for_each_column(state, [&](const char* name, std::span<const double> values, const char* agent) {
    if (found) return;
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (std::isfinite(values[i])) continue;
      std::ostringstream text;
      if (std::string_view(agent) == "nation") {
        text << "nation " << name;
        if (values.size() > 1) text << '[' << kReformNames[i] << ']';  // a value per reform
      } else if (std::string_view(agent) != "region") {
        text << agent << ' ' << i << ' ' << name;
      } else if (values.size() > regions) {
        // The reform matrix is reform-major: entry k * regions + r.
        const std::size_t region = i % regions;
        text << "region " << region << " (" << region_code(fixed, region) << ") " << name << '['
             << kReformNames[i / regions] << ']';
      } else {
        text << "region " << i << " (" << region_code(fixed, i) << ") " << name;
      }
      text << " = " << values[i];
      found = text.str();
      return;
    }
  });
  return found;
}

std::string parameters_not_at_default(const Params& params) {
  Params copy = params;
  std::string text;
  for (const ParameterSpec& spec : parameter_specs()) {
    const double value = spec.field(copy);
    if (value == spec.prior) continue;  // NaN is never equal, so always listed
    if (!text.empty()) text += ", ";
    text += std::string(spec.name) + " = " + number_text(value);
  }
  return text.empty() ? "none (all defaults)" : text;
}

}  // namespace policysim::model
