#pragma once
// What one run produces (MODEL.md §8): national series per tick, optional regional series,
// events, and per-run outcomes.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/model/metrics.hpp"

namespace policysim::model {

/// How to run: what to record and whether to use threads inside the run.
struct RunOptions {
  bool region_series = false;  ///< record region_metric_names() per tick and region
  bool parallel = true;        ///< parallel phases over regions and NGOs (same bits either way)
  /// Regions or NGOs per parallel task; 0 for the default (kDefaultAgentGrain, execution.hpp).
  std::size_t agents_per_task = 0;
};

/// A federal, donor or NGO event.
struct Event {
  int tick;             ///< quarters since the start
  std::string kind;     ///< law_passed, unit_created, ngo_law, foreign_agents_law, ngo_closed,
                        ///< donor_cut, donor_exit
  std::int64_t region;  ///< region index, -1 for none
  std::string detail;   ///< e.g. the donor or NGO name, "forced" for forced events
};

/// Everything one run produces.
struct RunOutput {
  std::vector<double> series;         ///< tick-major: tick_count x series_metric_names().size()
  std::vector<double> region_series;  ///< tick x region x region_metric_names().size(), or empty
  std::vector<Event> events;          ///< in tick order
  std::vector<double> outcomes;       ///< kOutcomes order, NaN = none

  /// The value of one outcome, NaN when there is none.
  double outcome(Outcome which) const { return outcomes[column(which)]; }
};

}  // namespace policysim::model
