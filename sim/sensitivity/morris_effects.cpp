#include "sim/sensitivity/morris_effects.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace policysim::sensitivity {
namespace {

[[noreturn]] void reject(const std::string& problem) {
  throw std::invalid_argument("Morris effects: " + problem);
}

/// The one factor that differs between rows `row - 1` and `row`.
std::size_t moved_factor(const UnitDesign& design, std::size_t row) {
  std::size_t moved = design.factors;
  for (std::size_t f = 0; f < design.factors; ++f) {
    if (design.at(row, f) == design.at(row - 1, f)) continue;
    if (moved != design.factors) {
      reject("row " + std::to_string(row) + " moves factors " + std::to_string(moved) + " and " +
             std::to_string(f) + " at once; give the rows of a Morris design, one factor per step");
    }
    moved = f;
  }
  if (moved == design.factors) {
    reject("row " + std::to_string(row) +
           " moves no factor; give the rows of a Morris design, one factor per step");
  }
  return moved;
}

}  // namespace

std::vector<MorrisEffect> morris_effects(const UnitDesign& design,
                                         std::span<const double> outputs) {
  const std::size_t k = design.factors;
  if (k == 0) reject("the design has no factors");
  const std::size_t rows = design.rows();
  if (rows % (k + 1) != 0 || rows / (k + 1) < 2) {
    reject(std::to_string(rows) + " rows for " + std::to_string(k) +
           " factors is not a Morris design of at least 2 trajectories (" + std::to_string(k + 1) +
           " rows each)");
  }
  if (outputs.size() != rows) {
    reject(std::to_string(outputs.size()) + " outputs for a design of " + std::to_string(rows) +
           " rows; give one output per row");
  }
  for (std::size_t row = 0; row < rows; ++row) {
    if (!std::isfinite(outputs[row])) {
      reject("the output of row " + std::to_string(row) + " is " + std::to_string(outputs[row]) +
             "; every row of the design needs a finite output");
    }
  }

  const std::size_t trajectories = rows / (k + 1);
  std::vector<std::vector<double>> effects(k);
  for (std::size_t t = 0; t < trajectories; ++t) {
    const std::size_t first = t * (k + 1);
    for (std::size_t row = first + 1; row <= first + k; ++row) {
      const std::size_t f = moved_factor(design, row);
      if (effects[f].size() != t) {
        reject("trajectory " + std::to_string(t) + " (rows " + std::to_string(first) + " to " +
               std::to_string(first + k) + ") moves factor " + std::to_string(f) +
               " twice; each trajectory moves every factor once");
      }
      const double change = design.at(row, f) - design.at(row - 1, f);
      effects[f].push_back((outputs[row] - outputs[row - 1]) / change);
    }
  }

  std::vector<MorrisEffect> summary;
  summary.reserve(k);
  const auto r = static_cast<double>(trajectories);
  for (const auto& factor_effects : effects) {
    double sum = 0;
    double absolute_sum = 0;
    for (const double effect : factor_effects) {
      sum += effect;
      absolute_sum += std::abs(effect);
    }
    const double mu = sum / r;
    double squares = 0;
    for (const double effect : factor_effects) squares += (effect - mu) * (effect - mu);
    summary.push_back({mu, absolute_sum / r, std::sqrt(squares / (r - 1))});
  }
  return summary;
}

}  // namespace policysim::sensitivity
