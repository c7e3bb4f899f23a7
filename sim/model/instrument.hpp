#pragma once
// The instruments of MODEL.md §6: what an intervention does in its target regions.

#include <array>
#include <cstddef>
#include <string_view>

namespace policysim::model {

/// The instruments of MODEL.md §6.
enum class Instrument : std::size_t {
  training = 0,
  judicial_training,
  ngo_grant,
  conference,
  national_assembly,
  exchange,
  task_force_tour,
  legislation_push,
};
inline constexpr std::size_t kInstrumentCount = 8;
inline constexpr std::array<std::string_view, kInstrumentCount> kInstrumentNames = {
    "training",          "judicial_training", "ngo_grant",       "conference",
    "national_assembly", "exchange",          "task_force_tour", "legislation_push"};

constexpr std::size_t index(Instrument m) { return static_cast<std::size_t>(m); }

/// Whether an intervention with this instrument builds inter-regional NGO ties among its targets
/// (MODEL.md §4).
constexpr bool builds_ties(Instrument m) {
  return m == Instrument::conference || m == Instrument::national_assembly ||
         m == Instrument::exchange;
}

/// One value per instrument, indexed by Instrument.
using PerInstrument = std::array<double, kInstrumentCount>;

}  // namespace policysim::model
