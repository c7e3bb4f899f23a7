#pragma once
// The instruments of MODEL.md §6: what an intervention does in its target regions.

#include <array>
#include <cstddef>
#include <string_view>

#include "sim/model/described.hpp"

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
  count
};
/// What each instrument acts on (MODEL.md §6); its default visibility and direct effects are
/// parameters (visibility.<name>, effect.<name>.<reform>).
inline constexpr std::array<Described<Instrument>, 8> kInstruments = {{
    {Instrument::training, "training", "",
     "Police and prosecutor training: raises trained capacity c and judicial capacity cJ"},
    {Instrument::judicial_training, "judicial_training", "",
     "Training of judges and prosecutors: raises judicial capacity cJ"},
    {Instrument::ngo_grant, "ngo_grant", "", "Grants to the NGOs of the target regions (income)"},
    {Instrument::conference, "conference", "",
     "Conferences and multidisciplinary meetings: build NGO-police and inter-regional ties"},
    {Instrument::national_assembly, "national_assembly", "",
     "A national assembly with a partnership directory: builds ties nationwide"},
    {Instrument::exchange, "exchange", "",
     "Exchanges and police networks: raise capacity c, a foreign exemplar in learning, ties "
     "among the targets"},
    {Instrument::task_force_tour, "task_force_tour", "",
     "Tours of the interagency task force: coercion on the law, and pressure for legislation"},
    {Instrument::legislation_push, "legislation_push", "",
     "Pushing for the federal law: raises its passage probability"},
}};
static_assert(is_table_of(kInstruments), "kInstruments lists Instrument in order");
inline constexpr std::size_t kInstrumentCount = kInstruments.size();
inline constexpr auto kInstrumentNames = names_of(kInstruments);

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
