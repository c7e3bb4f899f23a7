#pragma once
// The reverse of yaml_reader: a YamlNode tree written as one YAML document, so that a scenario
// resolved from an `extends:` chain can be stored whole and read back as the same tree.

#include <string>

#include "sim/scenario/yaml_reader.hpp"

namespace policysim::scenario {

/// `tree` as YAML text that parse_yaml reads back as the same tree (marks aside): every scalar
/// keeps its text, and one that would read back as something else (empty, `null`, `~`, a line
/// break) is quoted.
std::string write_yaml(const YamlNode& tree);

}  // namespace policysim::scenario
