#include "sim/sensitivity/saltelli_design.hpp"

#include "sim/sensitivity/sobol_design.hpp"

namespace policysim::sensitivity {

UnitDesign saltelli_design(std::size_t factors, std::size_t base_samples) {
  const UnitDesign base = sobol_design(2 * factors, base_samples);
  const auto a = [&](std::size_t j, std::size_t f) { return base.at(j, f); };
  const auto b = [&](std::size_t j, std::size_t f) { return base.at(j, factors + f); };
  UnitDesign design;
  design.factors = factors;
  design.values.reserve(base_samples * saltelli_block_rows(factors) * factors);
  for (std::size_t j = 0; j < base_samples; ++j) {
    for (std::size_t f = 0; f < factors; ++f) design.values.push_back(a(j, f));
    for (std::size_t f = 0; f < factors; ++f) design.values.push_back(b(j, f));
    for (std::size_t i = 0; i < factors; ++i) {
      for (std::size_t f = 0; f < factors; ++f) design.values.push_back(f == i ? b(j, f) : a(j, f));
    }
  }
  return design;
}

}  // namespace policysim::sensitivity
