#include "sim/runner/programme_regions.hpp"

#include <algorithm>

namespace policysim::runner {
namespace {

bool same_donor(const model::Donor& a, const model::Donor& b) {
  return a.name == b.name && a.foreignness == b.foreignness &&
         a.local_ownership == b.local_ownership && a.foreign == b.foreign && a.frame == b.frame &&
         a.horizon == b.horizon;
}

bool same_targets(const model::TargetedRegions& a, const model::TargetedRegions& b) {
  return a.kind == b.kind && a.regions == b.regions && a.district == b.district &&
         a.count == b.count;
}

/// Whether `intervention` of `config` runs the same in `other` (same name, same everything).
bool runs_the_same(const model::Intervention& intervention, const model::Config& config,
                   const model::Config& other) {
  const auto match = std::find_if(
      other.interventions.begin(), other.interventions.end(),
      [&](const model::Intervention& candidate) { return candidate.name == intervention.name; });
  if (match == other.interventions.end()) return false;
  return match->instrument == intervention.instrument && match->start == intervention.start &&
         match->end == intervention.end && same_targets(match->targets, intervention.targets) &&
         match->intensity == intervention.intensity &&
         match->visibility == intervention.visibility &&
         same_donor(other.donors.at(match->donor), config.donors.at(intervention.donor));
}

void add_targets(const model::Intervention& intervention, const model::Country& country,
                 ProgrammeRegions& found) {
  using Kind = model::TargetedRegions::Kind;
  const auto& targets = intervention.targets;
  switch (targets.kind) {
    case Kind::regions:
      found.regions.insert(found.regions.end(), targets.regions.begin(), targets.regions.end());
      break;
    case Kind::district:
      for (std::uint32_t r = 0; r < country.region_count(); ++r) {
        if (country.district[r] == targets.district) found.regions.push_back(r);
      }
      break;
    case Kind::all:
      for (std::uint32_t r = 0; r < country.region_count(); ++r) found.regions.push_back(r);
      break;
    case Kind::most_exposed:
    case Kind::random:
      found.unfixed.push_back(intervention.name);
      return;
  }
  found.interventions.push_back(intervention.name);
}

}  // namespace

ProgrammeRegions programme_regions(const model::Config& arm, const model::Config& reference,
                                   const model::Country& country) {
  ProgrammeRegions found;
  for (const auto& intervention : arm.interventions) {
    if (!runs_the_same(intervention, arm, reference)) add_targets(intervention, country, found);
  }
  // A replaced intervention counts with its targets in both arms, and its name once.
  for (const auto& intervention : reference.interventions) {
    if (!runs_the_same(intervention, reference, arm)) add_targets(intervention, country, found);
  }
  std::sort(found.regions.begin(), found.regions.end());
  found.regions.erase(std::unique(found.regions.begin(), found.regions.end()), found.regions.end());
  for (auto* names : {&found.interventions, &found.unfixed}) {
    std::vector<std::string> once;
    for (const auto& name : *names) {
      if (std::find(once.begin(), once.end(), name) == once.end()) once.push_back(name);
    }
    *names = std::move(once);
  }
  return found;
}

}  // namespace policysim::runner
