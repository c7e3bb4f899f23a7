// libFuzzer target over the scenario reader (scripts/fuzz.sh builds and runs it).

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "scenario_text_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  policysim::scenario::fuzzing::check_scenario_text(
      std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
