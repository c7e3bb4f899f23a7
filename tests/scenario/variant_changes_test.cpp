// A variant's changes from its base, as `policysim validate` prints them.

#include "sim/scenario/variant_changes.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"
#include "temp_file.hpp"

using policysim::scenario::describe_changes;
using policysim::scenario::load_scenario;
using policysim::scenario::Scenario;
using policysim::scenario::testing::write_scenario;

namespace {

constexpr const char* kBase = R"(name: base
start: 2000Q1
end: 2003Q4
regions: russia83
donors:
  - {name: US government, foreignness: 1.0, foreign: true}
interventions:
  - {name: Tour, donor: US government, instrument: task_force_tour, start: 2000Q1, end: 2001Q4, targets: all}
  - {name: Grants, donor: US government, instrument: ngo_grant, start: 2000Q1, end: 2003Q4, targets: all, intensity: 0.5}
)";

Scenario load_variant(const std::string& body) {
  return load_scenario(policysim::scenario::testing::write_variant(kBase, body));
}

}  // namespace

TEST_CASE("a variant lists what it adds, removes and changes", "[scenario][extends][variant]") {
  const Scenario s = load_variant(
      "name: v\n"
      "mechanisms: {obstruction: true}\n"
      "parameters: {gamma: 0.2, beta0: {law: -3}}\n"
      "donors_add: [{name: EU, foreignness: 0.8, foreign: true}]\n"
      "interventions_remove: [Tour]\n"
      "interventions_replace:\n"
      "  - {name: Grants, donor: EU, instrument: ngo_grant, start: 2001Q1, end: 2003Q4, "
      "targets: all, intensity: 0.5}\n"
      "interventions_add:\n"
      "  - {name: EU training, donor: EU, instrument: training, start: 2002Q1, end: 2003Q4, "
      "targets: all}\n");
  // The base's gamma and beta0.law are the priors of MODEL.md §7 (0.1 and -4).
  CHECK(s.changes_from_base == std::vector<std::string>{
                                   "mechanism `obstruction` off -> on",
                                   "parameter `gamma` 0.1 -> 0.2",
                                   "parameter `beta0.law` -4 -> -3",
                                   "donor `EU` added",
                                   "intervention `Tour` removed",
                                   // One change, its text over two lines.
                                   // NOLINTNEXTLINE(bugprone-suspicious-missing-comma)
                                   "intervention `Grants` changed: donor `US government` -> `EU`, "
                                   "start 2000Q1 -> 2001Q1",
                                   "intervention `EU training` added",
                               });
}

TEST_CASE("a variant that changes nothing lists nothing, and a plain scenario has no base",
          "[scenario][extends][variant]") {
  CHECK(load_variant("name: same\n").changes_from_base.empty());
  CHECK(load_scenario(write_scenario(kBase)).changes_from_base.empty());
  const Scenario period = load_variant("name: p\nstart: 2001Q1\nreplications: 3\n");
  CHECK(period.changes_from_base ==
        std::vector<std::string>{"period 2000Q1-2003Q4 -> 2001Q1-2003Q4", "replications 1 -> 3"});
}

TEST_CASE("describe_changes compares two scenarios field by field", "[scenario][variant]") {
  const Scenario base = load_scenario(write_scenario(kBase));
  Scenario other = base;
  other.seed = 7;
  other.config.interventions[0].visibility = 0.3;
  other.config.donors[0].horizon = policysim::core::Quarter{2002, 4};
  CHECK(describe_changes(base, other) ==
        std::vector<std::string>{"seed 1 -> 7",
                                 "donor `US government` changed: horizon none -> "
                                 "2002Q4",
                                 "intervention `Tour` changed: visibility the instrument's "
                                 "default -> 0.3"});
}
