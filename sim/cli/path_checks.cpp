#include "sim/cli/path_checks.hpp"

#include <string>

namespace policysim::cli {

CLI::Validator non_empty_path() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        if (!text.empty()) return {};
        return "an empty path is not allowed: give a path, or leave the option out for its default";
      },
      "", "non-empty path");
}

}  // namespace policysim::cli
