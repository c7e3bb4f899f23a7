#pragma once
// The entry point the fuzzer and its regression replay share: scenario text read and checked the
// way `policysim validate` does. A ScenarioError is the expected answer to bad text; anything
// else that escapes (another exception, a crash, a sanitizer report) is a bug in the reader.

#include <string_view>

namespace policysim::scenario::fuzzing {

/// Writes `text` as a scenario file and loads it. The file lies in a private folder beside links
/// to the shipped scenarios and their region data, so `extends: baseline.yaml` and `regions:
/// russia83` work as they do in scenarios/. Returns normally for valid text and for a
/// ScenarioError; lets every other exception through.
void check_scenario_text(std::string_view text);

}  // namespace policysim::scenario::fuzzing
