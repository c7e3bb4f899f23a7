#pragma once
// Durations in the units a person reads at a glance: "0.178 ms", "12.3 s", "2 min 5 s",
// "3 h 20 min", "2 d 4 h", never "2.03454e-07 s".

#include <string>

namespace policysim::core {

/// `seconds` (finite, not negative) in readable units, with three significant digits below a
/// minute and whole units above.
std::string duration_text(double seconds);

}  // namespace policysim::core
