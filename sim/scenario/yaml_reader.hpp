#pragma once
// Strict, bounded YAML reading. yaml-cpp stays inside yaml_reader.cpp (and yaml_writer.cpp, its
// reverse): the rest of the scenario layer sees only this small tree, so every value keeps the
// 1-based line and column it came from, and pathological inputs (binary files, a lone ",", absurd
// nesting, alias bombs) end in a clear ScenarioError instead of a hang or a crash.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/scenario_error.hpp"

namespace policysim::scenario {

/// One node of a parsed YAML document.
struct YamlNode {
  enum class Kind { null, scalar, sequence, map };
  /// One `key: value` of a map. Declared here and defined below: a std::pair of YamlNode inside
  /// YamlNode would need the type complete, which clang's library checks and GCC's does not.
  struct Entry;

  Kind kind = Kind::null;
  Mark mark;                    ///< where the node starts, 1-based
  std::string text;             ///< Kind::scalar: the scalar as written (quotes removed)
  std::vector<YamlNode> items;  ///< Kind::sequence
  std::vector<Entry> entries;   ///< Kind::map: scalar key and value, in order

  bool is_null() const { return kind == Kind::null; }
  bool is_scalar() const { return kind == Kind::scalar; }
  bool is_sequence() const { return kind == Kind::sequence; }
  bool is_map() const { return kind == Kind::map; }
};

struct YamlNode::Entry {
  YamlNode key;
  YamlNode value;
};

/// "a map", "a list", "a scalar" or "nothing": for error messages.
std::string_view kind_name(const YamlNode& node);

/// Limits that keep reading fast and bounded on hostile input.
struct YamlLimits {
  /// Larger files are rejected before parsing. The shipped scenarios are a few kilobytes; the
  /// parser's tree takes many times a file's size in memory, so this bounds memory too.
  std::size_t max_bytes = std::size_t{4} << 20;
  std::size_t max_depth = 64;        ///< nesting of maps and lists
  std::size_t max_nodes = 1u << 20;  ///< after alias expansion
};

/// Parses `text` as one YAML document whose root must be a map. `file` names it in errors.
YamlNode parse_yaml(std::string_view text, const std::string& file, const YamlLimits& limits = {});

/// Reads and parses a file with parse_yaml. A missing or unreadable file is a MissingInputError;
/// no more than limits.max_bytes + 1 bytes are ever read.
YamlNode read_yaml_file(const std::filesystem::path& path, const YamlLimits& limits = {});

}  // namespace policysim::scenario
