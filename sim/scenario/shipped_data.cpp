#include "sim/scenario/shipped_data.hpp"

#include <cstdlib>
#include <string>

namespace policysim::scenario {
namespace {

const char* data_variable() {
  const char* value = std::getenv(std::string(kDataVariable).c_str());
  return value && *value ? value : nullptr;
}

}  // namespace

std::filesystem::path built_data_dir() { return POLICYSIM_BUILT_DATA_DIR; }

bool data_variable_set() { return data_variable() != nullptr; }

std::filesystem::path fallback_data_dir() {
  if (const char* value = data_variable()) return value;
  return built_data_dir();
}

}  // namespace policysim::scenario
