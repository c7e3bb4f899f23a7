#pragma once
// Reads one YAML map against the keys it may hold. An unknown key is an error that names the valid
// keys and the closest one; a missing required key is an error at the map.

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/scenario/scenario_error.hpp"
#include "sim/scenario/yaml_reader.hpp"

namespace policysim::scenario {

/// A YAML map checked against its valid keys.
class MapReader {
 public:
  /// Records an error unless `node` is a map, and one for each key not in `valid_keys`.
  /// `context` names the map in messages ("parameters", "donor `US government`").
  MapReader(const YamlNode& node, Diagnostics& diagnostics, std::string context,
            std::span<const std::string_view> valid_keys);
  MapReader(const YamlNode& node, Diagnostics& diagnostics, std::string context,
            std::initializer_list<std::string_view> valid_keys)
      : MapReader(node, diagnostics, std::move(context),
                  std::span<const std::string_view>(valid_keys.begin(), valid_keys.size())) {}

  /// True when the node was a map (possibly empty).
  bool is_map() const { return node_->is_map(); }
  /// The value of `key`, or nullptr when absent.
  const YamlNode* get(std::string_view key) const;
  /// The value of `key`; records "missing required key" and returns nullptr when absent.
  const YamlNode* require(std::string_view key) const;
  /// The map itself, e.g. for its mark.
  const YamlNode& node() const { return *node_; }
  const std::string& context() const { return context_; }

 private:
  const YamlNode* node_;
  Diagnostics* diagnostics_;
  std::string context_;
  std::vector<std::string> valid_keys_;
};

}  // namespace policysim::scenario
