#pragma once
// The typed input of one model run, as the scenario layer builds it: the country, the parameters,
// donors and their interventions, the national series and forced events (MODEL.md §3, §6).

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/quarter.hpp"
#include "sim/model/events.hpp"
#include "sim/model/instrument.hpp"
#include "sim/model/params.hpp"
#include "sim/model/reform.hpp"

namespace policysim::model {

/// How a donor frames its work: scales the direct effects on law and victim (§6).
enum class Frame { balanced, prosecution, protection };

/// A funder of interventions (MODEL.md §3).
struct Donor {
  std::string name;
  double foreignness = 0.0;      ///< phi in [0,1]
  double local_ownership = 0.0;  ///< o in [0,1]
  bool foreign = false;          ///< only foreign money counts for restrictive laws and cuts
  Frame frame = Frame::balanced;
  std::optional<core::Quarter> horizon;  ///< budget is 0 after this quarter (donor_exit)
};

/// Which regions an intervention targets, resolved once per run.
struct TargetedRegions {
  enum class Kind { regions, district, all, most_exposed, random };
  Kind kind = Kind::all;
  std::vector<std::uint32_t> regions;  ///< Kind::regions: region indices
  std::uint32_t district = 0;          ///< Kind::district: district index
  std::uint32_t count = 0;             ///< Kind::most_exposed and Kind::random
};

/// A scheduled programme (MODEL.md §5 rule 1, §6).
struct Intervention {
  std::string name;
  std::uint32_t donor = 0;  ///< index into Config::donors
  Instrument instrument = Instrument::training;
  core::Quarter start, end;  ///< active window, both inclusive
  TargetedRegions targets;
  double intensity = 1.0;            ///< iota in [0,1]
  std::optional<double> visibility;  ///< overrides the instrument's v
};

/// An event forced at a date for historical replay; the rule for its kind is then off.
struct ForcedEvent {
  using Kind = FederalEvent;
  Kind kind = Kind::law;
  core::Quarter when;
};

/// A region whose implementation of some reforms starts above zero.
struct InitialAdopter {
  std::uint32_t region = 0;
  PerReform level = {0, 0, 0, 0};
};

/// An NGO placed by name in addition to the default ones.
struct NamedNgo {
  std::string name;
  std::uint32_t region = 0;
  double resources = 0.3, foreign_share = 0.5, legitimacy = 0.5, tie = 0.1;
};

/// A quarterly series given by the scenario: value at each tick, 0 where not given.
using Series = std::vector<double>;

/// The country: regions, districts and land adjacency. Built from data or generated.
struct Country {
  std::vector<std::string> codes;  ///< e.g. "RU-MOW"; synthetic: "S0000001"
  std::vector<std::string> names;
  std::vector<std::uint32_t> district;  ///< district index of each region
  std::vector<std::string> district_names;
  std::vector<std::uint32_t> district_centre;  ///< region index of each district's centre
  std::vector<std::uint8_t> high_exposure;     ///< 1: x[r] = exposure_high, else exposure_low
  std::vector<double> size;                    ///< relative size, 1 unless populations are given
  std::vector<std::uint32_t>
      national_centres;  ///< regions every region emulates (Moscow, St Petersburg)
  struct Edge {
    std::uint32_t a, b;
  };
  std::vector<Edge> land_edges;  ///< undirected, each once
  std::size_t region_count() const { return codes.size(); }
};

/// Everything one run of the model needs besides the seed.
struct Config {
  core::Quarter start{1997, 1}, end{2012, 4};
  Params params;
  Mechanisms mechanisms;
  AdoptionMode adoption_mode = AdoptionMode::hazard;
  std::vector<Donor> donors;
  std::vector<Intervention> interventions;
  Series tip, elections, un;  ///< one value per tick
  std::vector<ForcedEvent> forced_events;
  std::vector<InitialAdopter> initial_adopters;
  std::vector<NamedNgo> named_ngos;
  bool default_ngos = true;  ///< 1 + round(2 x[r]) NGOs per region
  int tick_count() const { return end - start + 1; }
};

}  // namespace policysim::model
