#include "sim/sensitivity/sobol_design.hpp"

#include <boost/random/sobol.hpp>

namespace policysim::sensitivity {

UnitDesign sobol_design(std::size_t dimensions, std::size_t points) {
  // Boost's engine (Joe and Kuo's new-joe-kuo-6.21201 direction numbers, Gray-code order) starts
  // at the sequence's point 1: the origin, which would put every factor at its lower bound and
  // make a Saltelli block's rows all equal, is skipped.
  boost::random::sobol engine(dimensions);
  static_assert(boost::random::sobol::max() == ~0ULL, "64-bit coordinates");
  UnitDesign design;
  design.factors = dimensions;
  design.values.resize(points * dimensions);
  // Coordinates are multiples of 2^-64 with fewer than 53 significant bits for any design of
  // fewer than 2^53 points, so the conversion is exact.
  for (double& value : design.values) value = static_cast<double>(engine()) * 0x1.0p-64;
  return design;
}

}  // namespace policysim::sensitivity
