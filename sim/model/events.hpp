#pragma once
// The events of MODEL.md §8: the federal events a scenario may force (rule 10, §6) and the kinds
// of event a run reports, each an enum and one table of (enumerator, name, unit, description).
// Scenarios (`forced_events`) and stored results (`events.kind`) use the names.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sim/model/described.hpp"

namespace policysim::model {

/// Federal events with their own event clock (rule 10), in a fixed order: the order of their
/// clocks' thresholds, drawn per run, and of a scenario's `forced_events` names.
enum class FederalEvent : std::size_t {
  law,
  unit_special,
  unit_federal,
  ngo_law,
  foreign_agents_law,
  count
};
inline constexpr std::array<Described<FederalEvent>, 5> kFederalEvents = {{
    {FederalEvent::law, "law", "", "The federal anti-trafficking law comes into force"},
    {FederalEvent::unit_special, "unit_special", "", "A special MIA unit is created (U = 1)"},
    {FederalEvent::unit_federal, "unit_federal", "",
     "A federal anti-trafficking unit is created (U = 2)"},
    {FederalEvent::ngo_law, "ngo_law", "", "The restrictive NGO law comes into force (Z1)"},
    {FederalEvent::foreign_agents_law, "foreign_agents_law", "",
     "The foreign-agents law comes into force (Z2)"},
}};
static_assert(is_table_of(kFederalEvents), "kFederalEvents lists FederalEvent in order");
inline constexpr std::size_t kFederalEventCount = kFederalEvents.size();
inline constexpr auto kFederalEventNames = names_of(kFederalEvents);

/// What happened, as a phase notes it; the name is the kind a run reports (both units report
/// "unit_created", and say which in the event's detail).
enum class EventKind : std::uint8_t {
  law_passed,
  special_unit_created,
  federal_unit_created,
  ngo_law,
  foreign_agents_law,
  donor_cut,
  donor_exit,
  ngo_closed,
  count
};
inline constexpr std::array<Described<EventKind>, 8> kEventKinds = {{
    {EventKind::law_passed, "law_passed", "", "The federal law passed (detail: forced or rule)"},
    {EventKind::special_unit_created, "unit_created", "",
     "A special MIA unit was created, U = 1 (detail: special, forced or rule)"},
    {EventKind::federal_unit_created, "unit_created", "",
     "A federal anti-trafficking unit was created, U = 2 (detail: federal, forced or rule)"},
    {EventKind::ngo_law, "ngo_law", "", "The NGO law (Z1) came into force"},
    {EventKind::foreign_agents_law, "foreign_agents_law", "",
     "The foreign-agents law (Z2) came into force"},
    {EventKind::donor_cut, "donor_cut", "",
     "A foreign donor cut its budget, resistance over its targets being above rho_exit (detail: "
     "the donor)"},
    {EventKind::donor_exit, "donor_exit", "",
     "A donor's horizon passed and its budget ended (detail: the donor)"},
    {EventKind::ngo_closed, "ngo_closed", "",
     "An NGO closed (region: its region; detail: the NGO)"},
}};
static_assert(is_table_of(kEventKinds), "kEventKinds lists EventKind in order");

/// The name of an event kind, as a run reports it.
constexpr std::string_view name(EventKind kind) {
  return kEventKinds[static_cast<std::size_t>(kind)].name;
}

}  // namespace policysim::model
