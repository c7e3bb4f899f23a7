#pragma once
// The ScenarioError that loading a scenario file must raise, for tests of messages.

#include <catch2/catch.hpp>

#include <filesystem>
#include <stdexcept>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_error.hpp"

namespace policysim::scenario::testing {

/// The error of loading `path`, which must name `path` itself; fails the test when there is none.
inline ScenarioError load_error(const std::filesystem::path& path) {
  try {
    load_scenario(path);
  } catch (const ScenarioError& e) {
    CHECK(e.file() == path.string());
    return e;
  }
  FAIL("expected a ScenarioError for " << path.string());
  throw std::logic_error("unreachable");
}

}  // namespace policysim::scenario::testing
