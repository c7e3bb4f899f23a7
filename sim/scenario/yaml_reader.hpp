#pragma once
// Strict, bounded YAML reading. yaml-cpp stays inside yaml_reader.cpp (and yaml_writer.cpp, its
// reverse): the rest of the scenario layer sees only this small tree, so every value keeps the
// 1-based line and column it came from, and pathological inputs (binary files, a lone ",", absurd
// nesting, alias bombs) end in a clear ScenarioError instead of a hang or a crash.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/scenario/scenario_error.hpp"

namespace policysim::scenario {

/// One node of a parsed YAML document.
struct YamlNode {
  enum class Kind { null, scalar, sequence, map };
  Kind kind = Kind::null;
  Mark mark;                    ///< where the node starts, 1-based
  std::string text;             ///< Kind::scalar: the scalar as written (quotes removed)
  std::vector<YamlNode> items;  ///< Kind::sequence
  std::vector<std::pair<YamlNode, YamlNode>> entries;  ///< Kind::map: scalar key, value; in order

  bool is_null() const { return kind == Kind::null; }
  bool is_scalar() const { return kind == Kind::scalar; }
  bool is_sequence() const { return kind == Kind::sequence; }
  bool is_map() const { return kind == Kind::map; }
};

/// "a map", "a list", "a scalar" or "nothing": for error messages.
std::string_view kind_name(const YamlNode& node);

/// Limits that keep reading fast and bounded on hostile input.
struct YamlLimits {
  std::size_t max_bytes = 16u << 20;  ///< larger files are rejected before parsing
  std::size_t max_depth = 64;         ///< nesting of maps and lists
  std::size_t max_nodes = 1u << 20;   ///< after alias expansion
};

/// Parses `text` as one YAML document whose root must be a map. `file` names it in errors.
YamlNode parse_yaml(std::string_view text, const std::string& file, const YamlLimits& limits = {});

/// Reads and parses a file with parse_yaml; a missing or unreadable file is a ScenarioError too.
YamlNode read_yaml_file(const std::filesystem::path& path, const YamlLimits& limits = {});

}  // namespace policysim::scenario
